import Foundation
import XCTest
@testable import ChurnKit

/// Risk tiers: boundaries, assignment and per-tier sums worked out by hand.
final class TiersTests: XCTestCase {
    func testDefaultBoundariesAssignEdgesAsDocumented() {
        let tiers = RiskTiers()
        XCTAssertEqual(tiers.tier(for: 0.71), .high)
        XCTAssertEqual(tiers.tier(for: 0.7), .medium)
        XCTAssertEqual(tiers.tier(for: 0.4), .medium)
        XCTAssertEqual(tiers.tier(for: 0.39), .low)
        XCTAssertEqual(tiers.tier(for: 0.2), .low)
        XCTAssertEqual(tiers.tier(for: 0.19), .safe)
        XCTAssertEqual(tiers.tier(for: 0), .safe)
        XCTAssertEqual(tiers.tier(for: 1), .high)
        XCTAssertNil(tiers.tier(for: .nan))
        XCTAssertEqual(tiers.range(of: .medium), "0.4-0.7")
        XCTAssertEqual(tiers.range(of: .high), "> 0.7")
        XCTAssertEqual(tiers.range(of: .safe), "< 0.2")
    }

    func testCountsMeansAndRevenueAtRiskOnAHandExample() throws {
        let p: [Double] = [0.95, 0.7, 0.71, 0.4, 0.39, 0.2, 0.19, 0, .nan]
        let v: [Double] = [100, 200, 50, 10, 20, 30, 40, 1000, 5]
        let s = RiskTiers().summarize(probabilities: p, values: v)
        XCTAssertEqual(s.map(\.tier), [.high, .medium, .low, .safe])
        XCTAssertEqual(s.map(\.customers), [2, 2, 2, 2])
        // high: 0.95, 0.71; medium: 0.7, 0.4; low: 0.39, 0.2; safe: 0.19, 0 (NaN is in no tier).
        let means = [0.83, 0.55, 0.295, 0.095]
        // 100 x 0.95 + 50 x 0.71; 200 x 0.7 + 10 x 0.4; 20 x 0.39 + 30 x 0.2; 40 x 0.19 + 1000 x 0.
        let atRisk = [130.5, 144, 13.8, 7.6]
        let totals = [150.0, 210, 50, 1040]
        for k in 0..<4 {
            XCTAssertEqual(s[k].meanRisk, means[k], accuracy: 1e-12)
            XCTAssertEqual(s[k].revenueAtRisk ?? -1, atRisk[k], accuracy: 1e-9)
            XCTAssertEqual(s[k].totalValue ?? -1, totals[k], accuracy: 1e-9)
        }

        // Only some rows, a missing value, and no values at all.
        let some = RiskTiers().summarize(probabilities: p, values: [.nan] + v.dropFirst(),
                                         rows: RowSelection(rowCount: p.count, indices: [0, 2, 8]))
        XCTAssertEqual(some[0].customers, 2)
        XCTAssertEqual(some[0].customersWithoutValue, 1)
        XCTAssertEqual(some[0].revenueAtRisk ?? -1, 35.5, accuracy: 1e-9)
        XCTAssertEqual(some[1].customers, 0)
        XCTAssertTrue(some[1].meanRisk.isNaN)
        let bare = RiskTiers().summarize(probabilities: p)
        XCTAssertNil(bare[0].revenueAtRisk)
        XCTAssertEqual(bare.map(\.customers).reduce(0, +), 8)
    }

    func testCustomBoundariesAreValidated() throws {
        let tiers = try RiskTiers(high: 0.8, medium: 0.5, low: 0.1)
        XCTAssertEqual(tiers.assign([0.81, 0.8, 0.5, 0.49, 0.1, 0.05, .nan]), [.high, .medium, .medium, .low, .low, .safe, nil])
        XCTAssertThrowsError(try RiskTiers(high: 0.4, medium: 0.7, low: 0.2)) { error in
            XCTAssertEqual(error as? RiskTiersError, .notOrdered(high: 0.4, medium: 0.7, low: 0.2))
            XCTAssertEqual((error as? RiskTiersError)?.message,
                           "risk tier boundaries must rise from low to high (low < medium < high), but they are low 0.2, medium 0.7, high 0.4.")
        }
        XCTAssertThrowsError(try RiskTiers(high: 0.7, medium: 0.4, low: 0.4))
        XCTAssertThrowsError(try RiskTiers(high: 1.5, medium: 0.4, low: 0.2)) { error in
            XCTAssertEqual((error as? RiskTiersError)?.message, "the high tier boundary 1.5 is not a probability; give a number from 0 to 1.")
        }
        XCTAssertThrowsError(try RiskTiers(high: 0.7, medium: .nan, low: 0.2))
    }

    func testCodableRoundTripAndDecodingValidates() throws {
        let tiers = try RiskTiers(high: 0.9, medium: 0.6, low: 0.3)
        let data = try JSONEncoder().encode(tiers)
        XCTAssertEqual(try JSONDecoder().decode(RiskTiers.self, from: data), tiers)
        let bad = Data(#"{"high": 0.3, "medium": 0.6, "low": 0.1}"#.utf8)
        XCTAssertThrowsError(try JSONDecoder().decode(RiskTiers.self, from: bad)) { error in
            XCTAssertTrue(error is RiskTiersError)
        }
    }

    func testTierFieldIsFilterable() throws {
        let field = RiskTiers().field(for: [0.9, 0.3, .nan])
        let table = try CustomerTable(customerIDs: ["a", "b", "c"], fields: [field])
        XCTAssertEqual(try CustomerFilter(#"tier in ["high", "low"]"#).evaluate(on: table).indices, [0, 1])
        XCTAssertEqual(try CustomerFilter("tier is missing").evaluate(on: table).indices, [2])
    }
}
