import XCTest
@testable import ChurnKit

/// Driver mapping from feature names, dominant drivers and driver segments on a hand example.
final class DriversTests: XCTestCase {
    func testEveryProjectFeatureMapsToTheExpectedDriver() {
        let expected: [(String, RiskDriver)] = [
            ("days_since_last_purchase", .longAbsence), ("recency_to_mean_gap", .longAbsence),
            ("purchases", .decliningFrequency), ("purchase_days", .decliningFrequency),
            ("purchases_last_30d", .decliningFrequency), ("purchases_last_180d", .decliningFrequency),
            ("mean_gap_days", .decliningFrequency), ("std_gap_days", .decliningFrequency),
            ("longest_gap_days", .decliningFrequency), ("regularity_score", .decliningFrequency),
            ("months_active", .decliningFrequency),
            ("total_spend", .fallingSpend), ("mean_spend", .fallingSpend), ("max_spend", .fallingSpend),
            ("spend_per_purchase_day", .fallingSpend), ("spend_last_90d", .fallingSpend), ("spend_trend_90d", .fallingSpend),
            ("tenure_days", .shortTenure), ("tenure_months", .shortTenure), ("contract=Month-to-month", .shortTenure),
            ("monthly_charges", .price), ("total_charges", .price),
            ("payment_method=Electronic check", .paymentIssues), ("late_payments", .paymentIssues),
            ("paperless_billing", .paymentIssues),
            ("support_tickets", .supportBurden), ("usage_trend", .usageDecline),
            ("weekend_share", .other), ("distinct_categories", .other), ("num_products", .other),
            ("Contract=Two year", .shortTenure),   // case-insensitive
        ]
        let rules = RiskDriverRules.standard
        for (name, driver) in expected { XCTAssertEqual(rules.driver(of: name), driver, name) }
        // A level that happens to contain a fragment does not change the column's driver.
        XCTAssertEqual(rules.driver(of: "region=Support Street"), .other)
    }

    func testRulesAreEditable() {
        var rules = RiskDriverRules.standard
        rules.rules.insert(.init(driver: .supportBurden, fragments: ["nps"]), at: 0)
        XCTAssertEqual(rules.driver(of: "nps_score"), .supportBurden)
        XCTAssertEqual(RiskDriverRules.standard.driver(of: "nps_score"), .other)
    }

    let names = ["days_since_last_purchase", "purchases_last_30d", "spend_last_30d", "late_payments", "weekend_share", "spend_trend_90d"]
    let contributions: [[Double]] = [
        [0.5, 0.2, -0.1, 0.0, 0.1, 0.0],    // absence 0.5
        [0.1, 0.3, 0.3, 0.2, 0.0, 0.0],     // frequency 0.3 ties spend 0.3: frequency comes first
        [-0.2, -0.1, 0.0, -0.3, 0.0, 0.0],  // nothing raises risk
        [0.1, 0.25, 0.2, 0.6, 0.0, 0.0],    // payment 0.6
        [0.3, 0.0, 0.2, 0.0, 0.0, 0.25],    // spend 0.45 beats absence 0.3 though absence has the top feature
    ]

    func testDominantDriverHandExample() throws {
        let d = try RiskDriverSegments.dominantDrivers(featureNames: names, contributions: contributions)
        XCTAssertEqual(d.map(\.driver), [.longAbsence, .decliningFrequency, .none, .paymentIssues, .fallingSpend])
        XCTAssertEqual(d.map(\.strength)[4], 0.45, accuracy: 1e-12)
        XCTAssertEqual(d.map(\.topFeature), [0, 1, nil, 3, 0])
        XCTAssertThrowsError(try RiskDriverSegments.dominantDrivers(featureNames: names, contributions: [[1, 2]])) { error in
            XCTAssertTrue(error is RiskDriverError)
        }
    }

    func testSegmentsHandExample() throws {
        let risks = [0.9, 0.6, 0.1, 0.8, 0.7], values = [100.0, 50, 10, 200, 80]
        let segments = try RiskDriverSegments.segments(featureNames: names, contributions: contributions,
                                                       risks: risks, values: values, minimumRisk: 0.5)
        XCTAssertEqual(segments.map(\.driver), [.paymentIssues, .longAbsence, .fallingSpend, .decliningFrequency])
        XCTAssertEqual(segments.map(\.valueAtRisk), [160, 90, 56, 30])
        XCTAssertEqual(segments.map(\.rows), [[3], [0], [4], [1]])
        XCTAssertEqual(segments[2].leadingFeatures, ["spend_trend_90d", "spend_last_30d"])
        XCTAssertEqual(segments[0].recommendedAction, RecommendationTemplates.standard.template(for: .paymentIssues).action)
        // Without the risk cut-off the customer with no driver forms its own segment.
        let all = try RiskDriverSegments.segments(featureNames: names, contributions: contributions, risks: risks, values: values)
        XCTAssertEqual(all.reduce(0) { $0 + $1.count }, 5)
        XCTAssertEqual(all.first { $0.driver == .none }?.rows, [2])
        let table = RiskDriverSegments.table(segments)
        XCTAssertTrue(table.contains("Payment issues") && table.contains("160.00"), table)
    }

    func testSegmentsCheckShapes() {
        XCTAssertThrowsError(try RiskDriverSegments.segments(featureNames: names, contributions: contributions, risks: [0.5]))
        XCTAssertThrowsError(try RiskDriverSegments.segments(featureNames: names, contributions: contributions,
                                                             risks: [0.1, 0.2, 0.3, 0.4, 0.5], values: [1]))
    }
}
