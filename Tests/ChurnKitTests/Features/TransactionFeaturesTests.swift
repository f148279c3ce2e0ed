import XCTest
@testable import ChurnKit

final class TransactionFeaturesTests: XCTestCase {
    typealias S = FeatureTestSupport

    /// Cutoff C = 2024-03-31 (a Sunday). 2024-01-06 and 2024-02-10 and 2024-03-30 are Saturdays,
    /// 2024-03-21 a Thursday, 2023-09-15 a Friday, 2023-12-24 a Sunday.
    static let rows: [S.Row] = [
        ("A", "2024-01-06", 10, 1, "Food"),   // C - 85
        ("A", "2024-01-06", 20, 3, "Toys"),   // C - 85, same day: one purchase day
        ("A", "2024-02-10", 30, 2, "Food"),   // C - 50
        ("A", "2024-03-21", 40, 4, "Books"),  // C - 10
        ("A", "2024-04-05", 999, 99, "Toys"), // after C: label only
        ("B", "2023-09-15", 50, 1, "Food"),   // C - 198
        ("B", "2023-12-24", 70, nil, nil),    // C - 98, blank quantity and category
        ("C", "2024-03-30", 5.5, 1, "Food"),  // C - 1, the only purchase
        ("D", "2024-04-30", 12, 1, "Food"),   // first purchase after C: not in the training table
    ]
    static let cutoff = S.day("2024-03-31")

    func assertFeatures(_ m: FeatureMatrix, _ customer: String, _ expected: [String: Double],
                        file: StaticString = #filePath, line: UInt = #line) {
        for (name, want) in expected.sorted(by: { $0.key < $1.key }) {
            guard let got = S.value(m, name, customer, file: file, line: line) else { continue }
            if want.isNaN {
                XCTAssertTrue(got.isNaN, "\(customer).\(name) = \(got), expected missing", file: file, line: line)
            } else {
                XCTAssertEqual(got, want, accuracy: 1e-12, "\(customer).\(name)", file: file, line: line)
            }
        }
    }

    func testEveryFeatureOnAHandComputedExample() throws {
        let log = try S.log(Self.rows)
        let m = try TransactionFeatures.training(log, cutoffDay: Self.cutoff, horizonDays: 30)
        XCTAssertEqual(Set(m.customerIDs), ["A", "B", "C"])
        XCTAssertEqual(m.features.map(\.name), TransactionFeatures.catalogue(hasCategory: true, hasQuantity: true).map(\.name))
        XCTAssertEqual(m.features.count, 25)
        XCTAssertTrue(m.features.allSatisfy { !$0.description.isEmpty && $0.values.count == 3 })
        let nan = Double.nan
        // A: purchase days Jan 6, Feb 10, Mar 21 -> gaps 35 and 40: mean 37.5, population std 2.5,
        // regularity 1 / (1 + 2.5/37.5) = 15/16; recency 10 -> 10/37.5. Ages 85, 85, 50, 10: all in the last
        // 90 days, only the 40 in the last 30; trend (100 - 0)/(100 + 0) = 1. Three of four rows on a Saturday.
        assertFeatures(m, "A", [
            "days_since_last_purchase": 10, "purchases": 4, "purchase_days": 3, "total_spend": 100, "mean_spend": 25,
            "max_spend": 40, "spend_per_purchase_day": 100.0 / 3, "tenure_days": 85, "mean_gap_days": 37.5,
            "std_gap_days": 2.5, "longest_gap_days": 40, "recency_to_mean_gap": 10 / 37.5, "regularity_score": 0.9375,
            "purchases_last_30d": 1, "spend_last_30d": 40, "purchases_last_90d": 4, "spend_last_90d": 100,
            "purchases_last_180d": 4, "spend_last_180d": 100, "spend_trend_90d": 1, "months_active": 3,
            "weekend_share": 0.75, "distinct_categories": 3, "total_quantity": 10, "mean_quantity": 2.5,
        ])
        // B: Sep 15 (age 198) and Dec 24 (age 98): one gap of 100 days, so std and regularity are missing.
        // Nothing in the last 90 days; the 70 falls in the 90 before, so trend = (0 - 70)/70 = -1.
        assertFeatures(m, "B", [
            "days_since_last_purchase": 98, "purchases": 2, "purchase_days": 2, "total_spend": 120, "mean_spend": 60,
            "max_spend": 70, "spend_per_purchase_day": 60, "tenure_days": 198, "mean_gap_days": 100,
            "std_gap_days": nan, "longest_gap_days": 100, "recency_to_mean_gap": 0.98, "regularity_score": nan,
            "purchases_last_30d": 0, "spend_last_30d": 0, "purchases_last_90d": 0, "spend_last_90d": 0,
            "purchases_last_180d": 1, "spend_last_180d": 70, "spend_trend_90d": -1, "months_active": 2,
            "weekend_share": 0.5, "distinct_categories": 1, "total_quantity": 1, "mean_quantity": 1,
        ])
        // C: one purchase the day before the cutoff: every gap feature is missing.
        assertFeatures(m, "C", [
            "days_since_last_purchase": 1, "purchases": 1, "purchase_days": 1, "total_spend": 5.5, "mean_spend": 5.5,
            "max_spend": 5.5, "spend_per_purchase_day": 5.5, "tenure_days": 1, "mean_gap_days": nan,
            "std_gap_days": nan, "longest_gap_days": nan, "recency_to_mean_gap": nan, "regularity_score": nan,
            "purchases_last_30d": 1, "spend_last_30d": 5.5, "purchases_last_90d": 1, "spend_last_90d": 5.5,
            "purchases_last_180d": 1, "spend_last_180d": 5.5, "spend_trend_90d": 1, "months_active": 1,
            "weekend_share": 1, "distinct_categories": 1, "total_quantity": 1, "mean_quantity": 1,
        ])
        // Label over (Mar 31, Apr 30]: A bought on Apr 5; B and C did not.
        let label = try XCTUnwrap(m.label)
        XCTAssertEqual(m.customerIDs.indices.map { "\(m.customerIDs[$0])=\(Int(label[$0]))" }.sorted(), ["A=0", "B=1", "C=1"])
        XCTAssertEqual(m.cutoffDay, Self.cutoff)
        XCTAssertEqual(m.horizonDays, 30)
        XCTAssertEqual(m.labelName, "churned")
        XCTAssertTrue(m.notes.contains { $0.contains("1 customer whose first purchase is after 2024-03-31") }, "\(m.notes)")
    }

    func testOptionalColumnsAddOrRemoveTheirFeatures() throws {
        let log = try S.log(Self.rows, quantity: false, category: false)
        XCTAssertNil(log.quantity)
        XCTAssertNil(log.category)
        let m = TransactionFeatures.scoring(log)
        XCTAssertEqual(m.features.count, 22)
        XCTAssertNil(m.feature(named: "distinct_categories"))
        XCTAssertNil(m.feature(named: "total_quantity"))
    }

    func testScoringUsesTheLastDateAndEveryCustomerWithoutALabel() throws {
        let log = try S.log(Self.rows)
        let m = TransactionFeatures.scoring(log)
        XCTAssertNil(m.label)
        XCTAssertEqual(m.cutoffDay, S.day("2024-04-30"))
        XCTAssertEqual(Set(m.customerIDs), ["A", "B", "C", "D"])
        // At Apr 30, A's last purchase (Apr 5) is 25 days back and its total includes the 999.
        XCTAssertEqual(S.value(m, "days_since_last_purchase", "A"), 25)
        XCTAssertEqual(S.value(m, "total_spend", "A"), 1099)
        XCTAssertEqual(S.value(m, "days_since_last_purchase", "D"), 0)
        // An explicit as-of date equal to the cutoff gives exactly the training features.
        let atCutoff = TransactionFeatures.scoring(log, asOfDay: Self.cutoff)
        let training = try TransactionFeatures.training(log, cutoffDay: Self.cutoff, horizonDays: 30)
        XCTAssertEqual(atCutoff.customerIDs, training.customerIDs)
        for (a, b) in zip(atCutoff.features, training.features) {
            XCTAssertEqual(a.values.map(\.bitPattern), b.values.map(\.bitPattern), a.name)
        }
    }

    func testLabelBoundaries() throws {
        // C = 2024-06-30, H = 30: (C, C+H] = Jul 1 ... Jul 30.
        let rows: [S.Row] = [
            ("next-day", "2024-06-01", 10, 1, "x"), ("next-day", "2024-07-01", 10, 1, "x"),          // buys on C+1: retained
            ("long-gone", "2023-12-13", 10, 1, "x"),                                                  // C-200, never back: churned
            ("on-cutoff", "2024-06-30", 10, 1, "x"),                                                  // buys on C only: churned
            ("last-day", "2024-05-01", 10, 1, "x"), ("last-day", "2024-07-30", 10, 1, "x"),           // buys on C+H: retained
            ("too-late", "2024-05-01", 10, 1, "x"), ("too-late", "2024-07-31", 10, 1, "x"),           // buys on C+H+1: churned
            ("newcomer", "2024-07-05", 10, 1, "x"),                                                   // starts after C: no row
            ("end", "2024-08-15", 10, 1, "x"),
        ]
        XCTAssertEqual(S.day("2024-06-30") - S.day("2023-12-13"), 200)
        let m = try TransactionFeatures.training(try S.log(rows), cutoffDay: S.day("2024-06-30"), horizonDays: 30)
        let label = try XCTUnwrap(m.label)
        var byCustomer: [String: Double] = [:]
        for (i, id) in m.customerIDs.enumerated() { byCustomer[id] = label[i] }
        XCTAssertEqual(byCustomer, ["next-day": 0, "long-gone": 1, "on-cutoff": 1, "last-day": 0, "too-late": 1])
        XCTAssertEqual(S.value(m, "days_since_last_purchase", "long-gone"), 200)
    }

    func testTrainingRejectsCutoffsAndHorizonsThatDoNotFit() throws {
        let log = try S.log(Self.rows)   // 2023-09-15 ... 2024-04-30
        func message(_ cutoff: String, _ horizon: Int) -> String {
            do {
                _ = try TransactionFeatures.training(log, cutoffDay: S.day(cutoff), horizonDays: horizon)
                return "no error"
            } catch let error as FeatureError {
                return error.message
            } catch {
                return "unexpected \(error)"
            }
        }
        XCTAssertTrue(message("2023-09-14", 30).contains("before the first transaction (2023-09-15)"))
        let late = message("2024-04-01", 30)
        XCTAssertTrue(late.contains("ends on 2024-05-01, after the last transaction (2024-04-30)"), late)
        XCTAssertTrue(late.contains("on or before 2024-03-31"), late)
        XCTAssertTrue(message("2024-03-31", 0).contains("at least 1 day"))
        // On 2023-09-15 only B has bought.
        XCTAssertTrue(message("2023-09-15", 30).contains("Only 1 customer"))
        XCTAssertEqual(message("2024-03-31", 30), "no error")
    }

    /// Changing, adding or removing anything after the cutoff never changes a feature bit.
    func testPurchasesAfterTheCutoffNeverInfluenceFeatures() throws {
        var rng = SeededRandom(seed: 99)
        var rows: [S.Row] = []
        let first = S.day("2023-01-01")
        for c in 0..<200 {
            for _ in 0..<(1 + rng.int(below: 30)) {
                let d = first + Int64(rng.int(below: 730))
                rows.append(("cust\(c)", CivilDate.isoDate(days: d), (rng.uniform(1, 200) * 100).rounded() / 100,
                             rng.chance(0.1) ? nil : Double(1 + rng.int(below: 5)), rng.chance(0.05) ? nil : "cat\(rng.int(below: 12))"))
            }
        }
        let cutoff = S.day("2024-06-30")
        let base = try TransactionFeatures.training(try S.log(rows), cutoffDay: cutoff, horizonDays: 90)

        var changed = rows.map { row -> S.Row in
            guard S.day(row.date) > cutoff else { return row }
            let moved = cutoff + 1 + Int64(rng.int(below: Int(S.day("2024-12-30") - cutoff)))
            return (row.customer, CivilDate.isoDate(days: moved), row.amount * 7 + 3, (row.quantity ?? 0) + 5, "other")
        }
        changed.append(("cust3", "2024-11-11", 5_000, 50, "new"))
        changed.removeAll { $0.customer == "cust7" && S.day($0.date) > cutoff }
        changed.append(("late-newcomer", "2024-12-01", 1, 1, "new"))
        // Post-cutoff rows move to the front of the file (pre-cutoff rows keep their order, so sums add
        // in the same order and bits can be compared).
        changed = changed.filter { S.day($0.date) > cutoff } + changed.filter { S.day($0.date) <= cutoff }
        let other = try TransactionFeatures.training(try S.log(changed), cutoffDay: cutoff, horizonDays: 90)

        XCTAssertEqual(base.customerIDs.count, other.customerIDs.count)
        let index = Dictionary(uniqueKeysWithValues: other.customerIDs.enumerated().map { ($1, $0) })
        for (f, g) in zip(base.features, other.features) {
            XCTAssertEqual(f.name, g.name)
            for (row, id) in base.customerIDs.enumerated() {
                guard let r = index[id] else { XCTFail("\(id) missing"); continue }
                XCTAssertEqual(f.values[row].bitPattern, g.values[r].bitPattern, "\(f.name) for \(id)")
            }
        }
    }

    /// A log edited out of customer/day order is re-sorted before reading slices.
    func testUnorderedLogGivesTheSameFeatures() throws {
        let log = try S.log(Self.rows)
        var shuffled = log
        let order = Array((0..<log.count).reversed())
        shuffled.customer = order.map { log.customer[$0] }
        shuffled.day = order.map { log.day[$0] }
        shuffled.amount = order.map { log.amount[$0] }
        shuffled.quantity = log.quantity.map { q in order.map { q[$0] } }
        shuffled.category = log.category.map { c in order.map { c[$0] } }
        let a = TransactionFeatures.scoring(log), b = TransactionFeatures.scoring(shuffled)
        XCTAssertEqual(a.customerIDs, b.customerIDs)
        for (f, g) in zip(a.features, b.features) { XCTAssertEqual(f.values.map(\.bitPattern), g.values.map(\.bitPattern), f.name) }
    }

    func testLogErrorsNameTheRoleColumnAndLine() throws {
        let table = S.table(Self.rows)
        XCTAssertThrowsError(try TransactionLog(table: table, mapping: ColumnMapping([.customer: "customer_id", .date: "date"]))) { error in
            let message = (error as? FeatureError)?.message ?? ""
            XCTAssertTrue(message.contains("amount role"), message)
            XCTAssertTrue(message.contains("\"customer_id\", \"date\", \"amount\", \"qty\", \"category\""), message)
        }
        XCTAssertThrowsError(try TransactionLog(table: table, mapping: ColumnMapping([.customer: "customer_id", .date: "date", .amount: "price"]))) { error in
            XCTAssertTrue((error as? FeatureError)?.message.contains("\"price\", which is not in the file") ?? false)
        }
        // Amount mapped to a text column.
        XCTAssertThrowsError(try TransactionLog(table: table, mapping: ColumnMapping([.customer: "customer_id", .date: "date", .amount: "category"]))) { error in
            XCTAssertTrue((error as? FeatureError)?.message.contains("not as numbers") ?? false)
        }
        // A blank customer id on the third data row is reported at line 4 (the header is line 1).
        var blank = table
        blank.columns[0] = DataColumn(name: "customer_id", kind: .identifier,
                                      values: S.strings(Self.rows.enumerated().map { $0.offset == 2 ? nil : $0.element.customer }))
        XCTAssertThrowsError(try TransactionLog(table: blank, mapping: S.mapping)) { error in
            XCTAssertEqual((error as? FeatureError)?.message.hasPrefix("test.csv line 4, column \"customer_id\": the customer id is blank"), true)
        }
        let empty = DataTable(source: "empty.csv", columns: table.columns.map {
            DataColumn(name: $0.name, kind: $0.kind, values: $0.kind == .datetime ? .time([]) : ($0.numbers != nil ? .number([]) : .strings(codes: [], levels: [])))
        }, rowCount: 0)
        XCTAssertThrowsError(try TransactionLog(table: empty, mapping: S.mapping)) { error in
            XCTAssertTrue((error as? FeatureError)?.message.contains("no transactions") ?? false)
        }
    }

    func testNumericCustomerIdsAndDayOrderInsideTheLog() throws {
        let table = DataTable(source: "n.csv", columns: [
            DataColumn(name: "id", kind: .integer, values: .number([20, 10, 20, 10])),
            DataColumn(name: "when", kind: .date, values: .time([S.day("2024-01-05"), S.day("2024-01-09"), S.day("2024-01-01"), S.day("2024-01-02")].map { $0 * 86_400 })),
            DataColumn(name: "total", kind: .decimal, values: .number([1, 2, 3, 4])),
        ], rowCount: 4)
        let log = try TransactionLog(table: table, mapping: ColumnMapping([.customer: "id", .date: "when", .amount: "total"]))
        XCTAssertEqual(log.customerIDs, ["20", "10"])
        XCTAssertEqual(log.customer, [0, 0, 1, 1])
        XCTAssertEqual(log.amount, [3, 1, 4, 2])
        XCTAssertEqual(log.firstDay, Int32(S.day("2024-01-01")))
        XCTAssertEqual(log.lastDay, Int32(S.day("2024-01-09")))
    }

    /// The parallel grouping (used from 200,000 rows) equals a plain stable sort by (customer, day).
    func testGroupingALargeLogMatchesAReferenceSort() {
        var rng = SeededRandom(seed: 5)
        let n = 250_000, customers = 9_000
        let customer = (0..<n).map { _ in Int32(rng.int(below: customers)) }
        let day = (0..<n).map { _ in Int32(19_000 + rng.int(below: 700)) }
        let amount = (0..<n).map { Double($0) }           // the original row number, to check stability
        let category = (0..<n).map { Int32($0 % 7) }
        let g = CustomerOrder.group(customer: customer, day: day, amount: amount, quantity: nil, category: category,
                                    customerCount: customers)
        let reference = (0..<n).sorted { a, b in
            (customer[a], day[a], a) < (customer[b], day[b], b)
        }
        XCTAssertEqual(g.customer, reference.map { customer[$0] })
        XCTAssertEqual(g.day, reference.map { day[$0] })
        XCTAssertEqual(g.amount, reference.map { Double($0) })
        XCTAssertEqual(g.category, reference.map { category[$0] })
        XCTAssertNil(g.quantity)
        XCTAssertEqual(g.offsets.count, customers + 1)
        XCTAssertEqual(g.offsets.last, n)
        XCTAssertTrue(CustomerOrder.isSorted(customer: g.customer, day: g.day))
    }
}
