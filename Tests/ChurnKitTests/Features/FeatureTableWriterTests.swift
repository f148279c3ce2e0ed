import XCTest
@testable import ChurnKit

final class FeatureTableWriterTests: XCTestCase {
    private func write(_ m: FeatureMatrix) throws -> String {
        let path = NSTemporaryDirectory() + "churn-writer-\(UUID().uuidString).csv"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try FeatureTableWriter.writeCSV(m, to: path)
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    func testQuotingMissingValuesNumbersAndLabel() throws {
        let m = FeatureMatrix(
            customerIDs: ["plain", "has,comma", "say \"hi\"", "two\nlines"],
            features: [
                FeatureColumn(name: "contract=Month-to-month", description: "", values: [1, 0, 0, 1]),
                FeatureColumn(name: "odd, name", description: "", values: [0.5, .nan, -0.0625, 1234567.1234564]),
                FeatureColumn(name: "big", description: "", values: [1e20, -3, 0.1 + 0.2, .infinity]),
            ],
            label: [1, 0, .nan, 0])
        let expected = [
            "customer_id,contract=Month-to-month,\"odd, name\",big,churned",
            "plain,1,0.5,1e+20,1",
            "\"has,comma\",0,,-3,0",
            "\"say \"\"hi\"\"\",0,-0.0625,0.3,",
            "\"two\nlines\",1,1234567.123456,,0",
        ].joined(separator: "\n") + "\n"
        XCTAssertEqual(try write(m), expected)
    }

    func testNoLabelColumnForScoringTablesAndHeaderOnlyWhenEmpty() throws {
        let m = FeatureMatrix(customerIDs: ["a"], features: [FeatureColumn(name: "x", description: "", values: [2])], label: nil)
        XCTAssertEqual(try write(m), "customer_id,x\na,2\n")
        XCTAssertEqual(try write(FeatureMatrix(customerIDs: [], features: [], label: [])), "customer_id,churned\n")
    }

    func testUnwritablePathIsAClearError() {
        let m = FeatureMatrix(customerIDs: [], features: [], label: nil)
        XCTAssertThrowsError(try FeatureTableWriter.writeCSV(m, to: "/nonexistent-dir/out.csv")) { error in
            let e = error as? FeatureError
            XCTAssertEqual(e?.exitCode, ExitCode.cannotCreate)
            XCTAssertEqual(e?.message, "Cannot create /nonexistent-dir/out.csv: No such file or directory.")
        }
    }

    func testTransactionFeaturesRoundTripThroughTheWriter() throws {
        let log = try FeatureTestSupport.log(TransactionFeaturesTests.rows)
        let m = try TransactionFeatures.training(log, cutoffDay: TransactionFeaturesTests.cutoff, horizonDays: 30)
        let lines = try write(m).split(separator: "\n")
        XCTAssertEqual(lines.count, 4)
        XCTAssertTrue(lines[0].hasPrefix("customer_id,days_since_last_purchase,purchases,purchase_days,total_spend,"))
        XCTAssertTrue(lines[0].hasSuffix(",total_quantity,mean_quantity,churned"))
        // C: 1 day, one purchase of 5.5, gap features blank, ..., churned.
        let c = try XCTUnwrap(lines.first { $0.hasPrefix("C,") })
        XCTAssertTrue(c.hasPrefix("C,1,1,1,5.5,5.5,5.5,5.5,1,,,,,,1,5.5,"), String(c))
        XCTAssertTrue(c.hasSuffix(",1,1,1,1,1,1"), String(c))
    }
}
