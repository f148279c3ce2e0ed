import XCTest
@testable import ChurnKit

/// RFM summaries and customer value, against `lifetimes` (Tests/Fixtures/cdnow_transactions.csv, the first 300
/// customers of lifetimes' CDNOW_sample; answers in clv_reference.json) and hand examples.
final class CustomerValueTests: XCTestCase {
    /// The CDNOW transaction subset as a log.
    static func cdnowLog() throws -> TransactionLog {
        let url = FixtureFiles.directory.appendingPathComponent("cdnow_transactions.csv")
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst()
        let rows: [FeatureTestSupport.Row] = try lines.map { line in
            let f = line.split(separator: ",").map(String.init)
            return (f[0], f[1], try XCTUnwrap(Double(f[2])), nil, nil)
        }
        var mapping = FeatureTestSupport.mapping
        mapping[.quantity] = nil
        mapping[.category] = nil
        return try TransactionLog(table: FeatureTestSupport.table(rows, quantity: false, category: false), mapping: mapping)
    }

    /// For each reference id, the row of `ids` holding it (the log numbers customers in file order, lifetimes sorts them).
    static func alignment(_ ids: [String], to reference: [String]) throws -> [Int] {
        XCTAssertEqual(ids.count, reference.count, "customer counts differ")
        let row = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
        return try reference.map { try XCTUnwrap(row[$0], "customer \($0) missing") }
    }

    func testRFMSummaryMatchesLifetimes() throws {
        let log = try Self.cdnowLog()
        let rfm = try FixtureFiles.json("clv_reference.json").object("rfm")
        for (name, end) in [("at_last_date", nil), ("at_1997_09_30", "1997-09-30")] as [(String, String?)] {
            let ref = try rfm.object(name)
            let endDay = try end.map { try XCTUnwrap(CivilDate.parseISODate($0)).asInt32 }
            let summary = try RFMSummary(log: log, endDay: endDay)
            let ids = try XCTUnwrap(ref["customer_id"] as? [String])
            let order = try Self.alignment(summary.customerIDs, to: ids)
            XCTAssertEqual(order.map { summary.frequency[$0] }, try ref.numbers("frequency"), name)
            XCTAssertEqual(order.map { summary.recency[$0] }, try ref.numbers("recency"), name)
            XCTAssertEqual(order.map { summary.age[$0] }, try ref.numbers("T"), name)
            assertClose(order.map { summary.monetaryValue[$0] }, try ref.numbers("monetary_value"), accuracy: 1e-9, name)
        }
    }

    func testRFMSummaryHandExample() throws {
        let log = try FeatureTestSupport.log([
            ("A", "2024-01-01", 10, nil, nil), ("A", "2024-01-01", 5, nil, nil),  // one purchase day worth 15
            ("A", "2024-01-11", 20, nil, nil), ("A", "2024-01-31", 30, nil, nil),
            ("A", "2024-02-20", 99, nil, nil),                                       // after the end: ignored
            ("B", "2024-02-15", 7, nil, nil),                                        // first purchase after the end: left out
            ("C", "2024-01-21", 12, nil, nil), ("C", "2024-01-21", 3, nil, nil),
        ], quantity: false, category: false)
        let end = try XCTUnwrap(CivilDate.parseISODate("2024-02-10")).asInt32
        let s = try RFMSummary(log: log, endDay: end)
        XCTAssertEqual(s.customerIDs, ["A", "C"])
        XCTAssertEqual(s.frequency, [2, 0])
        XCTAssertEqual(s.recency, [30, 0])
        XCTAssertEqual(s.age, [40, 20])
        XCTAssertEqual(s.monetaryValue, [25, 0])
        XCTAssertEqual(s.totalSpend, [65, 15])
        XCTAssertThrowsError(try RFMSummary(log: log, endDay: end - 100)) { error in
            XCTAssertTrue((error as? CustomerValueError)?.message.contains("No customer has a purchase") ?? false, "\(error)")
        }
    }

    func testTransactionValueMatchesLifetimesInDays() throws {
        let log = try Self.cdnowLog()
        let ref = try FixtureFiles.json("clv_reference.json").object("daily")
        let value = try CustomerValue.estimate(log: log, settings: CustomerValueSettings(horizonDays: 90, lifetimeMonths: 12,
                                                                                          monthlyDiscountRate: 0.01))
        XCTAssertEqual(value.method, .purchaseModels)
        let order = try Self.alignment(value.customerIDs, to: try XCTUnwrap(ref["customer_id"] as? [String]))
        let bg = try ref.object("bgnbd"), gg = try ref.object("gamma_gamma")
        let m = try XCTUnwrap(value.purchaseFit?.model), g = try XCTUnwrap(value.spendFit?.model)
        XCTAssertEqual(m.r, try bg.number("r"), accuracy: 1e-3 * (try bg.number("r")))
        XCTAssertEqual(m.alpha, try bg.number("alpha"), accuracy: 1e-3 * (try bg.number("alpha")))
        XCTAssertEqual(m.a, try bg.number("a"), accuracy: 1e-3 * (try bg.number("a")))
        XCTAssertEqual(m.b, try bg.number("b"), accuracy: 1e-3 * (try bg.number("b")))
        XCTAssertEqual(g.p, try gg.number("p"), accuracy: 1e-3 * (try gg.number("p")))
        XCTAssertEqual(g.q, try gg.number("q"), accuracy: 1e-3 * (try gg.number("q")))
        XCTAssertEqual(g.v, try gg.number("v"), accuracy: 1e-3 * (try gg.number("v")))
        // Per-customer figures agree to well within what the 1e-3 parameter tolerance allows.
        let alive = try XCTUnwrap(value.probabilityAlive), purchases = try XCTUnwrap(value.expectedPurchases)
        let spend = try XCTUnwrap(value.expectedSpend)
        assertClose(order.map { alive[$0] }, try ref.numbers("p_alive"), accuracy: 1e-4, "P(alive)")
        assertClose(order.map { purchases[$0] }, try ref.numbers("expected_purchases"), accuracy: 1e-4, "purchases")
        assertClose(order.map { spend[$0] }, try ref.numbers("expected_spend"), accuracy: 1e-3, "spend")
        assertClose(order.map { value.lifetimeValue[$0] }, try ref.numbers("clv"), accuracy: 2e-3, "CLV")
        // Structure: future value is purchases × spend; one-time buyers are "alive" but still at risk.
        let summary = try XCTUnwrap(value.summary)
        for i in 0..<value.count {
            XCTAssertEqual(value.futureValue[i], value.expectedPurchases![i] * value.expectedSpend![i], accuracy: 1e-12)
            XCTAssertEqual(value.historicalValue[i], summary.totalSpend[i])
            let quiet = value.probabilityNoPurchase![i]
            XCTAssertTrue(quiet > 0 && quiet < 1)
            if summary.frequency[i] == 0 { XCTAssertEqual(value.probabilityAlive![i], 1) }
        }
        // Historical value is all spend to the end, checked against the raw rows.
        XCTAssertEqual(value.historicalValue.reduce(0, +), log.amount.reduce(0, +), accuracy: 1e-6)
    }

    func testCustomerTableEstimateByHand() throws {
        let table = DataTable(source: "t.csv", columns: [
            DataColumn(name: "id", kind: .identifier, values: FeatureTestSupport.strings(["x", "y"])),
            DataColumn(name: "Monthly Charges", kind: .decimal, values: .number([50, 80])),
            DataColumn(name: "TotalCharges", kind: .decimal, values: .number([100, .nan])),
            DataColumn(name: "tenure", kind: .integer, values: .number([2, 0])),
            DataColumn(name: "Churn", kind: .categorical, values: FeatureTestSupport.strings(["Yes", "No"])),
        ], rowCount: 2)
        let mapping = ColumnMapping([.customer: "id", .target: "Churn"])
        let value = try CustomerValue.estimate(table: table, mapping: mapping)
        XCTAssertEqual(value.method, .monthlyChargeSurvival)
        XCTAssertEqual(value.customerIDs, ["x", "y"])
        // 1 churned over 2 + 0.5 customer-months: λ = 0.4, s = e^−0.4 (numbers from Python, see the doc comment's formulas).
        XCTAssertEqual(value.historicalValue, [100, 0])
        assertClose(value.futureValue, [87.35072351097473, 139.76115761755958], accuracy: 1e-9, "future")
        assertClose(value.lifetimeValue, [97.9487260652606, 156.71796170441695], accuracy: 1e-9, "lifetime")
        XCTAssertTrue(value.explanation.contains("Rough estimate"))
        XCTAssertNil(value.probabilityAlive)

        // With the model's probabilities: p over 90 days → monthly survival (1 − p)^(1/3).
        let scored = try CustomerValue.estimate(table: table, mapping: mapping, churnProbability: [0.5, 0],
                                                probabilityHorizonDays: 90)
        let s = pow(0.5, 1.0 / 3)
        XCTAssertEqual(scored.futureValue[0], 50 * (1 - pow(s, 3)) / -log(s), accuracy: 1e-9)
        XCTAssertEqual(scored.futureValue[1], 80 * 3, accuracy: 1e-9)  // never leaves: 3 full months
        XCTAssertGreaterThan(scored.lifetimeValue[1], scored.lifetimeValue[0])

        // Without a churn basis only historical value is given; without money columns it is a clear error.
        let noTarget = try CustomerValue.estimate(table: table, mapping: ColumnMapping([.customer: "id"]))
        XCTAssertEqual(noTarget.method, .historicalOnly)
        XCTAssertEqual(noTarget.futureValue, [0, 0])
        let bare = DataTable(source: "bare.csv", columns: [table.columns[0], table.columns[3]], rowCount: 2)
        XCTAssertThrowsError(try CustomerValue.estimate(table: bare, mapping: ColumnMapping([.customer: "id"]))) { error in
            XCTAssertTrue((error as? CustomerValueError)?.message.contains("monthly_charges") ?? false, "\(error)")
        }
    }

    func testSampleDataSets() throws {
        let root = FixtureFiles.directory.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("sample-data")
        let retail = try DataLoader.load(path: root.appendingPathComponent("retail.csv").path)
        let log = try TransactionLog(table: retail.table, mapping: retail.mapping)
        let value = try CustomerValue.estimate(log: log)
        XCTAssertEqual(value.count, 5000)
        XCTAssertEqual(value.method, .purchaseModels)
        let summary = try XCTUnwrap(value.summary)
        for i in 0..<value.count {
            XCTAssertTrue(value.lifetimeValue[i].isFinite && value.lifetimeValue[i] >= 0)
            XCTAssertTrue(value.futureValue[i] <= value.lifetimeValue[i] * 1.2 + 1e-9 || value.settings.horizonDays > 365)
            let alive = value.probabilityAlive![i]
            XCTAssertTrue(alive >= 0 && alive <= 1)
            if summary.frequency[i] == 0 { XCTAssertEqual(alive, 1) }
        }
        let subscription = try DataLoader.load(path: root.appendingPathComponent("subscription.csv").path)
        let table = try CustomerValue.estimate(table: subscription.table, mapping: subscription.mapping)
        XCTAssertEqual(table.method, .monthlyChargeSurvival)
        XCTAssertEqual(table.count, 7000)
        XCTAssertTrue(table.lifetimeValue.allSatisfy { $0.isFinite && $0 > 0 })
    }
}

private extension Int64 {
    var asInt32: Int32 { Int32(self) }
}
