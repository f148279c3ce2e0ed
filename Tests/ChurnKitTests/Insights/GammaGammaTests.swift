import XCTest
@testable import ChurnKit

/// Gamma-Gamma against `lifetimes` on the CDNOW summary with monetary values (see BGNBDTests.cdnow()).
final class GammaGammaTests: XCTestCase {
    func testFitReproducesLifetimesAndThePublishedParameters() throws {
        let (summary, reference) = try BGNBDTests.cdnow()
        let ref = try reference.object("gamma_gamma")
        let fit = try GammaGammaModel.fit(summary)
        XCTAssertEqual(fit.customersUsed, 946)
        XCTAssertEqual(Double(fit.customersUsed), try ref.number("customers"))
        XCTAssertEqual(fit.customersExcluded, 0)
        let m = fit.model
        for (name, value) in [("p", m.p), ("q", m.q), ("v", m.v)] {
            XCTAssertEqual(value, try ref.number(name), accuracy: 1e-4 * (try ref.number(name)), name)
        }
        // Published: p = 6.25, q = 3.74, ν = 15.44.
        XCTAssertEqual(m.p, 6.25, accuracy: 0.005)
        XCTAssertEqual(m.q, 3.74, accuracy: 0.005)
        XCTAssertEqual(m.v, 15.45, accuracy: 0.01)
        XCTAssertEqual(fit.objective, try ref.number("lifetimes_mean_negative_log_likelihood"), accuracy: 1e-9)
        XCTAssertEqual(fit.logLikelihood, -fit.objective * 946, accuracy: 1e-6)
        var total = 0.0
        for i in 0..<summary.count where summary.frequency[i] > 0 {
            total += m.logLikelihood(frequency: summary.frequency[i], monetaryValue: summary.monetaryValue[i])
        }
        XCTAssertEqual(total, fit.logLikelihood, accuracy: 1e-6)
    }

    func testPenalizedFitMatchesLifetimes() throws {
        let (summary, reference) = try BGNBDTests.cdnow()
        let ref = try reference.object("gamma_gamma_penalized")
        let m = try GammaGammaModel.fit(summary, penalizer: try ref.number("penalizer")).model
        for (name, value) in [("p", m.p), ("q", m.q), ("v", m.v)] {
            XCTAssertEqual(value, try ref.number(name), accuracy: 1e-3 * (try ref.number(name)), name)
        }
    }

    func testExpectedSpendAndLifetimeValueMatchLifetimes() throws {
        let (summary, reference) = try BGNBDTests.cdnow()
        let gg = try reference.object("gamma_gamma"), bg = try reference.object("bgnbd"), clv = try reference.object("clv")
        let spend = GammaGammaModel(p: try gg.number("p"), q: try gg.number("q"), v: try gg.number("v"))
        let purchases = BGNBDModel(r: try bg.number("r"), alpha: try bg.number("alpha"), a: try bg.number("a"), b: try bg.number("b"))
        let rows = try XCTUnwrap(gg["rows"] as? [Int])
        let profit = try gg.numbers("conditional_expected_average_profit")
        let values = try clv.numbers("values")
        for (j, i) in rows.enumerated() {
            let x = summary.frequency[i], m = summary.monetaryValue[i]
            XCTAssertEqual(spend.conditionalExpectedAverageProfit(frequency: x, monetaryValue: m), profit[j], accuracy: 1e-10, "row \(i)")
            let value = spend.lifetimeValue(using: purchases, frequency: x, recency: summary.recency[i], age: summary.age[i],
                                            monetaryValue: m, months: 12, monthlyDiscountRate: 0.01,
                                            periodsPerMonth: try clv.number("periods_per_month"))
            XCTAssertEqual(value, values[j], accuracy: 1e-9 * max(1, values[j]), "row \(i)")
        }
    }

    func testProperties() throws {
        let m = GammaGammaModel(p: 6.25, q: 3.74, v: 15.44)
        XCTAssertEqual(m.populationMeanSpend, 15.44 * 6.25 / 2.74, accuracy: 1e-12)
        // One-time buyers get the population mean; more purchases pull the estimate toward the customer's own mean.
        XCTAssertEqual(m.conditionalExpectedAverageProfit(frequency: 0, monetaryValue: 0), m.populationMeanSpend, accuracy: 1e-12)
        var lastGap = Double.infinity
        for x in 1...30 {
            let gap = abs(m.conditionalExpectedAverageProfit(frequency: Double(x), monetaryValue: 100) - 100)
            XCTAssertLessThan(gap, lastGap)
            lastGap = gap
        }
        // Non-positive means are left out of the fit, not fatal; all-non-positive is a clear error.
        let summary = try RFMSummary(frequency: [1, 2, 3, 1], recency: [5, 6, 7, 2], age: [10, 10, 10, 10],
                                     monetaryValue: [10, 12, 9, -4])
        XCTAssertEqual(try GammaGammaModel.fit(summary).customersExcluded, 1)
        let bad = try RFMSummary(frequency: [1, 0], recency: [5, 0], age: [10, 10], monetaryValue: [-1, 0])
        XCTAssertThrowsError(try GammaGammaModel.fit(bad)) { error in
            XCTAssertTrue((error as? CustomerValueError)?.message.contains("positive average") ?? false, "\(error)")
        }
    }
}
