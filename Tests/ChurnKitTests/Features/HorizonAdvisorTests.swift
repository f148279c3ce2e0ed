import XCTest
@testable import ChurnKit

final class HorizonAdvisorTests: XCTestCase {
    typealias S = FeatureTestSupport

    /// Days counted from 2024-01-01 (day 0).
    private func log(_ purchases: [(String, [Int])]) throws -> TransactionLog {
        let start = S.day("2024-01-01")
        let rows: [S.Row] = purchases.flatMap { customer, days in
            days.map { (customer, CivilDate.isoDate(days: start + Int64($0)), 10.0, 1.0, "x") }
        }
        return try S.log(rows)
    }

    func testPercentileOfCustomerMeanGapsRoundedUpAndChurnRatePerCandidate() throws {
        // c1...c10 buy on day 100 and day 100 + 10i (mean gaps 10...100); z buys on days 0, 150, 300
        // (mean gap 150). 11 repeat customers: the 90th percentile is the 10th smallest = 100 -> 120.
        var purchases = (1...10).map { i in ("c\(i)", [100, 100 + 10 * i]) }
        purchases.append(("z", [0, 150, 300]))
        let advice = HorizonAdvisor.advise(try log(purchases))
        XCTAssertEqual(advice.suggestedDays, 120)
        XCTAssertTrue(advice.rule.contains("90% of the 11 customers"), advice.rule)
        XCTAssertTrue(advice.rule.contains("100 days or less"), advice.rule)
        // Span 0...300. C = 300 - H. Churned = last purchase on or before C.
        //  H=30,60,90 (C=270,240,210): all but z -> 10/11. H=120 (C=180): c1...c8 (last <= 180) -> 8/11.
        //  H=180 (C=120): c1 (110), c2 (120) -> 2/11.
        XCTAssertEqual(advice.candidates.map(\.horizonDays), [30, 60, 90, 120, 180])
        XCTAssertEqual(advice.candidates.map(\.cutoff), ["2024-09-27", "2024-08-28", "2024-07-29", "2024-06-29", "2024-04-30"])
        XCTAssertEqual(advice.candidates.map(\.customers), [11, 11, 11, 11, 11])
        let rates = advice.candidates.map(\.churnRate)
        for (got, want) in zip(rates, [10.0 / 11, 10.0 / 11, 10.0 / 11, 8.0 / 11, 2.0 / 11]) {
            XCTAssertEqual(got, want, accuracy: 1e-12)
        }
        // The candidate rates agree with the label of a real training table at that cutoff.
        let m = try TransactionFeatures.training(try log(purchases), cutoffDay: S.day("2024-06-29"), horizonDays: 120)
        XCTAssertEqual(m.label?.reduce(0, +), 8)
    }

    func testClampedToLeaveAThirdOfTheSpanAsHistory() throws {
        // Span 150 days; both customers have a 120-day gap -> 120, but H may be at most 100 -> 90.
        let advice = HorizonAdvisor.advise(try log([("a", [0, 120]), ("b", [30, 150])]))
        XCTAssertEqual(advice.suggestedDays, 90)
        XCTAssertTrue(advice.rule.contains("clamped to 90 days"), advice.rule)
        // Candidates whose cutoff would fall before the first date are left out.
        XCTAssertEqual(advice.candidates.map(\.horizonDays), [30, 60, 90, 120])
    }

    func testNoRepeatCustomersFallsBackAndStillClamps() throws {
        let advice = HorizonAdvisor.advise(try log([("a", [0]), ("b", [60]), ("c", [10])]))
        // Fallback 90, span 60 -> at most 40 -> the largest candidate that fits is 30.
        XCTAssertEqual(advice.suggestedDays, 30)
        XCTAssertTrue(advice.rule.contains("No customer has purchases on two different days"), advice.rule)
        // Same-day repeats are one purchase day, so they do not make a repeat customer.
        let sameDay = HorizonAdvisor.advise(try log([("a", [0, 0, 0]), ("b", [300])]))
        XCTAssertEqual(sameDay.suggestedDays, 90)
    }

    func testBeyondEveryCandidateTakesTheLargest() throws {
        let advice = HorizonAdvisor.advise(try log([("a", [0, 400]), ("b", [0, 700])]), candidates: [60, 30, 0])
        XCTAssertEqual(advice.suggestedDays, 60)
        XCTAssertEqual(advice.candidates.map(\.horizonDays), [30, 60])
    }
}
