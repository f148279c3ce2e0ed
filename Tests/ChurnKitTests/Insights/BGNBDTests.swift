import XCTest
@testable import ChurnKit

/// BG/NBD against `lifetimes` on its bundled CDNOW summary (Tests/Fixtures/cdnow_summary.csv, time in weeks;
/// answers in clv_reference.json from Tests/Fixtures/scripts/clv_reference.py).
final class BGNBDTests: XCTestCase {
    /// The CDNOW summary (2357 customers) and the reference answers.
    static func cdnow() throws -> (summary: RFMSummary, reference: [String: Any]) {
        let csv = try FixtureFiles.numericCSV("cdnow_summary.csv")
        XCTAssertEqual(csv.names, ["ID", "frequency", "recency", "T", "monetary_value"])
        let c = csv.columns
        let summary = try RFMSummary(customerIDs: c[0].map { String(Int($0)) }, frequency: c[1], recency: c[2], age: c[3],
                                     monetaryValue: c[4], source: "cdnow_summary.csv")
        return (summary, try FixtureFiles.json("clv_reference.json"))
    }

    func testFitReproducesLifetimesAndThePublishedCDNOWParameters() throws {
        let (summary, reference) = try Self.cdnow()
        XCTAssertEqual(summary.count, 2357)
        let fit = try BGNBDModel.fit(summary)
        let ref = try reference.object("bgnbd")
        let m = fit.model
        for (name, value) in [("r", m.r), ("alpha", m.alpha), ("a", m.a), ("b", m.b)] {
            XCTAssertEqual(value, try ref.number(name), accuracy: 1e-4 * (try ref.number(name)), name)
        }
        // Published (Fader, Hardie & Lee 2005): r = 0.243, α = 4.414, a = 0.793, b = 2.426, LL = −9582.4.
        XCTAssertEqual(m.r, 0.243, accuracy: 0.0005)
        XCTAssertEqual(m.alpha, 4.414, accuracy: 0.0005)
        XCTAssertEqual(m.a, 0.793, accuracy: 0.0005)
        XCTAssertEqual(m.b, 2.426, accuracy: 0.0005)
        XCTAssertEqual(fit.logLikelihood, try ref.number("log_likelihood"), accuracy: 1e-6)
        XCTAssertEqual(fit.logLikelihood, -9582.4, accuracy: 0.05)
        XCTAssertEqual(fit.objective, try ref.number("lifetimes_mean_negative_log_likelihood_scaled"), accuracy: 1e-9)
        XCTAssertEqual(fit.timeScale, try ref.number("time_scale"), accuracy: 1e-15)
        XCTAssertTrue(fit.optimization.converged)
        // The summed per-customer log-likelihood agrees with the fit's figure.
        var total = 0.0
        for i in 0..<summary.count {
            total += m.logLikelihood(frequency: summary.frequency[i], recency: summary.recency[i], age: summary.age[i])
        }
        XCTAssertEqual(total, fit.logLikelihood, accuracy: 1e-6)
    }

    func testPredictionsMatchLifetimesForChosenCustomers() throws {
        let (summary, reference) = try Self.cdnow()
        let ref = try reference.object("bgnbd")
        // Use lifetimes' own parameters so that only the prediction formulas are compared.
        let m = BGNBDModel(r: try ref.number("r"), alpha: try ref.number("alpha"), a: try ref.number("a"), b: try ref.number("b"))
        let rows = try XCTUnwrap(ref["rows"] as? [Int])
        let alive = try ref.numbers("p_alive")
        let times = try ref.numbers("t")
        let conditional = try XCTUnwrap(ref["conditional_expected_purchases"] as? [[Double]])
        let noPurchase = try ref.numbers("p_no_purchase")
        let window = try ref.number("p_no_purchase_t")
        for (j, i) in rows.enumerated() {
            let x = summary.frequency[i], tx = summary.recency[i], t = summary.age[i]
            XCTAssertEqual(m.probabilityAlive(frequency: x, recency: tx, age: t), alive[j], accuracy: 1e-12, "row \(i)")
            for (k, horizon) in times.enumerated() {
                let got = m.conditionalExpectedPurchases(within: horizon, frequency: x, recency: tx, age: t)
                XCTAssertEqual(got, conditional[k][j], accuracy: 1e-10 * max(1, conditional[k][j]), "row \(i), t \(horizon)")
            }
            // Checked against a numerical integral over the posterior, not lifetimes' closed forms.
            XCTAssertEqual(m.probabilityOfNoPurchase(within: window, frequency: x, recency: tx, age: t), noPurchase[j],
                           accuracy: 1e-8, "row \(i)")
        }
        let unconditional = try ref.numbers("expected_purchases")
        for (k, horizon) in try ref.numbers("expected_purchases_t").enumerated() {
            XCTAssertEqual(m.expectedPurchases(within: horizon), unconditional[k], accuracy: 1e-10 * max(1, unconditional[k]))
        }
    }

    func testPenalizedFitMatchesLifetimes() throws {
        let (summary, reference) = try Self.cdnow()
        let ref = try reference.object("bgnbd_penalized")
        let fit = try BGNBDModel.fit(summary, penalizer: try ref.number("penalizer"))
        let m = fit.model
        for (name, value) in [("r", m.r), ("alpha", m.alpha), ("a", m.a), ("b", m.b)] {
            XCTAssertEqual(value, try ref.number(name), accuracy: 1e-3 * (try ref.number(name)), name)
        }
        XCTAssertEqual(fit.objective, try ref.number("lifetimes_objective"), accuracy: 1e-8)
    }

    func testWeightsEqualRepeatedRows() throws {
        let (summary, _) = try Self.cdnow()
        // The first 400 customers with every row counted twice: the same maximum as duplicating the rows.
        let n = 400
        let head = try RFMSummary(frequency: Array(summary.frequency[..<n]), recency: Array(summary.recency[..<n]),
                                  age: Array(summary.age[..<n]))
        let doubled = try RFMSummary(frequency: head.frequency + head.frequency, recency: head.recency + head.recency,
                                     age: head.age + head.age)
        let weighted = try BGNBDModel.fit(head, weights: [Double](repeating: 2, count: n))
        let repeated = try BGNBDModel.fit(doubled)
        XCTAssertEqual(weighted.model.r, repeated.model.r, accuracy: 1e-6 * repeated.model.r)
        XCTAssertEqual(weighted.model.b, repeated.model.b, accuracy: 1e-5 * repeated.model.b)
        XCTAssertEqual(weighted.logLikelihood, repeated.logLikelihood, accuracy: 1e-6)
    }

    func testProperties() {
        let m = BGNBDModel(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426)
        // One-time buyers are "alive" by construction.
        for t in [0.0, 5, 40, 400] { XCTAssertEqual(m.probabilityAlive(frequency: 0, recency: 0, age: t), 1) }
        // With T fixed, an older last purchase (smaller recency) means a lower P(alive).
        var previous = 1.0
        for recency in stride(from: 38.0, through: 1.0, by: -1) {
            let p = m.probabilityAlive(frequency: 3, recency: recency, age: 39)
            XCTAssertLessThan(p, previous)
            XCTAssertGreaterThan(p, 0)
            previous = p
        }
        // Expected purchases grow with the horizon; the chance of no purchase shrinks.
        var lastE = 0.0, lastQuiet = 1.0, lastUnconditional = 0.0
        for t in stride(from: 1.0, through: 200, by: 7) {
            let e = m.conditionalExpectedPurchases(within: t, frequency: 2, recency: 30, age: 39)
            let quiet = m.probabilityOfNoPurchase(within: t, frequency: 2, recency: 30, age: 39)
            let u = m.expectedPurchases(within: t)
            XCTAssertGreaterThan(e, lastE); XCTAssertLessThan(quiet, lastQuiet); XCTAssertGreaterThan(u, lastUnconditional)
            lastE = e; lastQuiet = quiet; lastUnconditional = u
        }
        // The no-purchase probability of a one-time buyer is a real risk, unlike 1 − P(alive) = 0.
        XCTAssertGreaterThan(m.probabilityOfNoPurchase(within: 26, frequency: 0, recency: 0, age: 39), 0.5)
        // A new customer (T = 0) expects exactly the unconditional E[X(t)].
        XCTAssertEqual(m.conditionalExpectedPurchases(within: 20, frequency: 0, recency: 0, age: 0),
                       m.expectedPurchases(within: 20), accuracy: 1e-12)
    }

    func testBadInputIsATypedError() {
        XCTAssertThrowsError(try RFMSummary(frequency: [1.5], recency: [1], age: [2])) { error in
            XCTAssertTrue((error as? CustomerValueError)?.message.contains("whole number") ?? false, "\(error)")
        }
        XCTAssertThrowsError(try RFMSummary(frequency: [1], recency: [3], age: [2])) { error in
            XCTAssertTrue((error as? CustomerValueError)?.message.contains("between 0 and") ?? false, "\(error)")
        }
        XCTAssertThrowsError(try RFMSummary(frequency: [0], recency: [1], age: [2]))
        XCTAssertThrowsError(try BGNBDModel.fit(RFMSummary(frequency: [0, 0], recency: [0, 0], age: [5, 9]))) { error in
            XCTAssertTrue((error as? CustomerValueError)?.message.contains("repeat buyer") ?? false, "\(error)")
        }
        XCTAssertThrowsError(try BGNBDModel.fit(RFMSummary(frequency: [1, 0], recency: [0, 0], age: [0, 0]))) { error in
            XCTAssertTrue((error as? CustomerValueError)?.message.contains("observation end") ?? false, "\(error)")
        }
    }
}
