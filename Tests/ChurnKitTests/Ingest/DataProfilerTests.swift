import XCTest
@testable import ChurnKit

/// The profile of small hand-made files; expected numbers come from
/// Tests/Fixtures/scripts/profile_expectations.py and by hand.
final class DataProfilerTests: IngestTestCase {
    private let today = CivilDate.days(year: 2025, month: 1, day: 1)

    func testSmallLogCounts() throws {
        let text = """
        customer_id,date,amount
        A,2024-01-01,10
        A,2024-01-01,10
        A,2024-02-01,-5
        B,2024-01-15,20
        B,2030-01-01,30
        C,2024-03-01,1000

        """
        let options = IngestOptions(today: today)
        let data = try load(try write("small.csv", text), options)
        let p = DataProfiler.profile(data, options: options)
        XCTAssertEqual(p.rows, 6)
        XCTAssertEqual(p.customers, 3)
        XCTAssertEqual(p.shape, .transactions)
        XCTAssertEqual(p.roles, ["customer": "customer_id", "date": "date", "amount": "amount"])
        XCTAssertEqual(p.dateSpan?.first, "2024-01-01")
        XCTAssertEqual(p.dateSpan?.last, "2030-01-01")
        XCTAssertEqual(p.dateSpan?.days, 2192)
        XCTAssertEqual(p.counts.duplicateRows, 1)
        XCTAssertEqual(p.counts.duplicateTransactions, 1)
        XCTAssertEqual(p.counts.negativeAmounts, 1)
        XCTAssertEqual(p.counts.futureDates, 1)
        let amount = try XCTUnwrap(p.columns.first { $0.name == "amount" })
        XCTAssertEqual(amount.role, .amount)
        XCTAssertEqual(amount.min, -5)
        XCTAssertEqual(amount.max, 1000)
        XCTAssertEqual(try XCTUnwrap(amount.mean), 177.5, accuracy: 1e-9)
        XCTAssertEqual(try XCTUnwrap(amount.std), 403.1097865346, accuracy: 1e-6)
        XCTAssertEqual(amount.outliersIQR, 1)
        XCTAssertEqual(amount.outliersSigma, 0)
        XCTAssertEqual(amount.distinct, 5)
        XCTAssertEqual(amount.examples, ["10", "-5", "20"])
        let ids = try XCTUnwrap(p.columns.first { $0.name == "customer_id" })
        XCTAssertEqual(ids.distinct, 3)
        XCTAssertEqual(ids.missing, 0)
        XCTAssertEqual(p.checks.first?.id, "too-few-customers")
        XCTAssertEqual(p.checks.first?.message, "Needs at least 100 customers to train, found 3.")
        XCTAssertEqual(Set(p.checks.map(\.id)), ["too-few-customers", "future-dates", "negative-amounts", "duplicate-rows",
                                                 "duplicate-transactions", "labels-from-horizon"])
        XCTAssertEqual(p.qualityScore, 0.7)
        XCTAssertFalse(p.usable)
        XCTAssertEqual(p.preview.count, 7)
        XCTAssertEqual(p.encoding, "UTF-8")
    }

    func testCustomerTableClassBalanceAndMissing() throws {
        var text = "customer_id,tenure,charges,Churn\n"
        for i in 0..<120 {
            // 30 churners; charges blank on every 4th row (25%, above the 20% flag but not a role column).
            text += "C\(i),\(i % 40),\(i % 4 == 0 ? " " : "\(i).5"),\(i % 4 == 1 ? "Yes" : "No")\n"
        }
        let data = try load(try write("table.csv", text))
        let p = DataProfiler.profile(data)
        XCTAssertEqual(p.shape, .customerTable)
        XCTAssertEqual(p.customers, 120)
        XCTAssertEqual(p.classBalance?.positives, 30)
        XCTAssertEqual(p.classBalance?.negatives, 90)
        XCTAssertEqual(p.classBalance?.positiveLabel, "Yes")
        XCTAssertEqual(try XCTUnwrap(p.classBalance?.positiveRate), 0.25, accuracy: 1e-12)
        let charges = try XCTUnwrap(p.columns.first { $0.name == "charges" })
        XCTAssertEqual(charges.missing, 30)
        XCTAssertEqual(charges.missingRate, 0.25, accuracy: 1e-12)
        XCTAssertTrue(p.checks.isEmpty, "\(p.checks.map(\.message))")
        XCTAssertEqual(p.qualityScore, 10)
        XCTAssertTrue(p.usable)
        XCTAssertNil(p.dateSpan)
    }

    func testMissingValuesInARoleColumnAreFlagged() throws {
        var text = "customer_id,tenure,Churn\n"
        for i in 0..<120 { text += "C\(i),\(i),\(i % 3 == 0 ? "" : (i % 3 == 1 ? "Yes" : "No"))\n" }
        let p = DataProfiler.profile(try load(try write("m.csv", text)))
        let check = try XCTUnwrap(p.checks.first { $0.id == "missing-values" })
        XCTAssertEqual(check.severity, .warning)
        XCTAssertTrue(check.message.contains("\"Churn\" (target) is 33.3% empty (40 of 120 rows)"), check.message)
    }

    func testOneOutcomeOnlyIsAnError() throws {
        var text = "customer_id,tenure,Churn\n"
        for i in 0..<150 { text += "C\(i),\(i),No\n" }
        let p = DataProfiler.profile(try load(try write("one.csv", text)))
        XCTAssertEqual(p.checks.first?.id, "one-outcome")
        XCTAssertFalse(p.usable)
    }

    func testAllSinglePurchasesIsAnError() throws {
        var text = "customer_id,date,amount\n"
        for i in 0..<150 { text += "C\(i),2024-0\(1 + i % 9)-01,\(i).5\n" }
        let data = try load(try write("single.csv", text))
        XCTAssertEqual(data.shape, .transactions)
        let p = DataProfiler.profile(data)
        XCTAssertEqual(p.checks.first?.id, "single-purchase")
        XCTAssertTrue(p.checks.first?.message.contains("no repeat behaviour") == true)
        XCTAssertFalse(p.usable)
    }

    func testCleanLogIsUsable() throws {
        var text = "customer_id,date,amount,category\n"
        for c in 0..<120 {
            for k in 0..<3 { text += "C\(c),2024-0\(1 + (c + k * 3) % 9)-\(10 + k),\(5 + c % 17).\(k)0,cat\(k)\n" }
        }
        let p = DataProfiler.profile(try load(try write("clean.csv", text)))
        XCTAssertEqual(p.customers, 120)
        XCTAssertEqual(p.rows, 360)
        XCTAssertTrue(p.usable, "\(p.checks.map(\.message))")
        XCTAssertEqual(p.qualityScore, 10)
        XCTAssertEqual(p.checks.map(\.id), ["labels-from-horizon"])
    }

    func testDuplicateCounterIsExactOnSmallTables() {
        let t = DataTable(source: "x", columns: [
            DataColumn(name: "a", kind: .integer, values: .number([1, 1, 2, .nan, .nan, 1])),
            DataColumn(name: "b", kind: .categorical, values: .strings(codes: [0, 0, 0, -1, -1, 1], levels: ["x", "y"])),
        ], rowCount: 6)
        XCTAssertEqual(DataProfiler.duplicates(t, columns: [0, 1]), 2)
        XCTAssertEqual(DataProfiler.duplicates(t, columns: [0]), 3)
    }
}

/// The radix sort used by the profiler agrees with the standard sort.
final class RadixSortTests: XCTestCase {
    func testMatchesStandardSort() {
        var rng = SystemRandomNumberGenerator()
        let doubles = (0..<20_000).map { _ in Double.random(in: -1e6...1e6, using: &rng) } + [0, -0.0, 5, 5, -1e300, 1e300]
        XCTAssertEqual(RadixSort.sorted(doubles), doubles.sorted())
        let ints = (0..<20_000).map { _ in Int64.random(in: Int64.min...Int64.max, using: &rng) }
        XCTAssertEqual(RadixSort.sorted(ints), ints.sorted())
        var keys = (0..<10_000).map { UInt64($0 % 7) << 40 }
        let expected = keys.sorted()
        RadixSort.sort(&keys)
        XCTAssertEqual(keys, expected)
    }
}
