import Foundation
import XCTest
@testable import ChurnKit

/// Building the columnar customer table that filters run over.
final class FilterCustomerTableTests: XCTestCase {
    private func matrix() -> FeatureMatrix {
        FeatureMatrix(customerIDs: ["a", "b", "c", "d"], features: [
            FeatureColumn(name: "tenure", description: "", values: [1, 24, 60, .nan]),
            FeatureColumn(name: "contract=Month-to-month", description: "", values: [1, 0, 0, 0]),
            FeatureColumn(name: "contract=One year", description: "", values: [0, 1, 0, 0]),
            FeatureColumn(name: "contract=Two year", description: "", values: [0, 0, 1, 0]),
        ], label: [1, 0, 0, .nan])
    }

    func testOneHotGroupsFoldBackIntoTextFields() throws {
        let table = try CustomerTable(matrix: matrix())
        XCTAssertEqual(table.fieldNames, ["tenure", "contract=Month-to-month", "contract=One year", "contract=Two year",
                                          "churned", "contract"])
        func ids(_ expression: String) throws -> [String] {
            try CustomerFilter(expression).evaluate(on: table).indices.map { table.customerIDs[$0] }
        }
        XCTAssertEqual(try ids(#"contract == "One year""#), ["b"])
        XCTAssertEqual(try ids("`contract=One year` == 1"), ["b"])
        XCTAssertEqual(try ids("`contract=One year`"), ["b"])
        // d has no level set, so its contract is missing.
        XCTAssertEqual(try ids("contract is missing"), ["d"])
        XCTAssertEqual(try ids(#"contract contains "year" and tenure < 30"#), ["b"])
        XCTAssertEqual(try ids("churned == 1 or churned is missing"), ["a", "d"])
    }

    func testGroupsThatAreNotOneHotStayNumbersOnly() throws {
        let m = FeatureMatrix(customerIDs: ["a", "b"], features: [
            FeatureColumn(name: "x=1", description: "", values: [1, 1]),
            FeatureColumn(name: "x=2", description: "", values: [1, 0]),  // two 1s in row a
            FeatureColumn(name: "y=big", description: "", values: [2, 0]),  // not 0/1
        ], label: nil)
        let table = try CustomerTable(matrix: m)
        XCTAssertEqual(table.fieldNames, ["x=1", "x=2", "y=big"])
    }

    func testSourceTableAddsItsTextColumns() throws {
        let source = DataTable(source: "customers.csv", columns: [
            DataColumn(name: "customerID", kind: .identifier, values: .strings(codes: [0, 1, 2, 3], levels: ["a", "b", "c", "d"])),
            DataColumn(name: "tenure", kind: .integer, values: .number([1, 24, 60, .nan])),
            DataColumn(name: "contract", kind: .categorical,
                       values: .strings(codes: [0, 1, 2, -1], levels: ["Month-to-month", "One year", "Two year"])),
            DataColumn(name: "signup", kind: .date, values: .time([0, 86_400, 172_800, DataTable.missingTime])),
        ], rowCount: 4)
        let table = try CustomerTable(matrix: matrix(), source: source)
        XCTAssertEqual(table.fieldNames, ["tenure", "contract=Month-to-month", "contract=One year", "contract=Two year",
                                          "churned", "customerID", "contract"])
        XCTAssertEqual(try CustomerFilter(#"contract != "Two year""#).evaluate(on: table).indices, [0, 1])
        XCTAssertEqual(try CustomerFilter(#"customerID in ["c", "d"]"#).evaluate(on: table).indices, [2, 3])

        let short = DataTable(source: "x.csv", columns: [], rowCount: 3)
        XCTAssertThrowsError(try CustomerTable(matrix: matrix(), source: short)) { error in
            XCTAssertEqual((error as? CustomerTableError)?.message,
                           "the data table has 3 rows but the feature matrix has 4 customers; pass the table the features were built from.")
        }
    }

    func testDataTableAloneAndItsIDColumn() throws {
        let source = DataTable(source: "customers.csv", columns: [
            DataColumn(name: "customerID", kind: .identifier, values: .strings(codes: [0, 1], levels: ["a", "b"])),
            DataColumn(name: "charges", kind: .decimal, values: .number([9.5, .nan])),
        ], rowCount: 2)
        let table = try CustomerTable(table: source, idColumn: "customerid")
        XCTAssertEqual(table.customerIDs, ["a", "b"])
        XCTAssertEqual(try CustomerFilter("charges is missing").evaluate(on: table).indices, [1])
        XCTAssertEqual(try CustomerTable(table: source).customerIDs, ["1", "2"])
        XCTAssertThrowsError(try CustomerTable(table: source, idColumn: "customer_ID")) { error in
            XCTAssertEqual((error as? CustomerTableError)?.message, #"there is no column "customer_ID"; did you mean "customerID"?"#)
        }
    }

    func testRiskAndTierFieldsAndLengthChecks() throws {
        var table = try CustomerTable(matrix: matrix()).addingRisk([0.95, 0.5, 0.1, .nan])
        XCTAssertEqual(try CustomerFilter(#"tier == "high" or tier is missing"#).evaluate(on: table).indices, [0, 3])
        XCTAssertEqual(try CustomerFilter("risk >= 0.5").evaluate(on: table).indices, [0, 1])
        XCTAssertThrowsError(try table.add(.number("value", [1, 2]))) { error in
            XCTAssertEqual((error as? CustomerTableError)?.message,
                           #"field "value" has 2 values but the table has 4 customers; give one value per customer."#)
        }
        XCTAssertThrowsError(try table.add(.number("tenure", [1, 2, 3, 4]))) { error in
            XCTAssertEqual(error as? CustomerTableError, .duplicateField("tenure"))
        }
        try table.set(.number("tenure", [5, 5, 5, 5]))
        XCTAssertEqual(try CustomerFilter("tenure == 5").evaluate(on: table).count, 4)
        XCTAssertEqual(table.field(named: "tier")?.text(at: 1), "medium")
    }

    func testSubscriptionSampleFiltersAgreeWithTheRawColumns() throws {
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let loaded = try DataLoader.load(path: repo.appendingPathComponent("sample-data/subscription.csv").path)
        let matrix = try CustomerTableFeatures.build(table: loaded.table, mapping: loaded.mapping)
        let table = try CustomerTable(matrix: matrix, source: loaded.table)

        // The same count straight from the file's columns.
        let raw = loaded.table
        guard let late = raw.column(named: "late_payments")?.numbers,
              let contract = raw.column(named: "contract")?.strings,
              let tenure = raw.column(named: "tenure_months")?.numbers,
              let monthly = contract.levels.firstIndex(of: "Month-to-month") else {
            return XCTFail("the subscription sample lacks its usual columns")
        }
        var expected: [Int] = []
        for row in 0..<raw.rowCount where late[row] >= 3 && contract.codes[row] == Int32(monthly) && tenure[row] < 12 {
            expected.append(row)
        }
        XCTAssertFalse(expected.isEmpty)
        let text = try CustomerFilter(#"late_payments >= 3 and contract == "Month-to-month" and tenure_months < 12"#)
        let oneHot = try CustomerFilter("late_payments >= 3 and `contract=Month-to-month` and tenure_months < 12")
        XCTAssertEqual(try text.evaluate(on: table).indices, expected)
        XCTAssertEqual(try oneHot.evaluate(on: table).indices, expected)
    }
}
