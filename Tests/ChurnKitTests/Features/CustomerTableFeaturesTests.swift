import XCTest
@testable import ChurnKit

final class CustomerTableFeaturesTests: XCTestCase {
    typealias S = FeatureTestSupport
    static let cities = ["Oslo", "Bergen", "Turku", "Lyon", "Porto", "Graz", "Cork", "Gent", "Split", "Brno", "Aarhus", "Basel"]

    /// 12 customers; the first 4 are shown in the comments of the test below.
    private func table(target: [String?]? = nil) -> DataTable {
        let n = 12
        let churn = target ?? (0..<n).map { $0 % 3 == 0 ? "Yes" : "No" }
        return DataTable(source: "customers.csv", columns: [
            DataColumn(name: "customerID", kind: .identifier, values: S.strings((0..<n).map { "id-\($0)" })),
            DataColumn(name: "tenure", kind: .integer, values: .number((0..<n).map { Double($0 * 6) })),
            DataColumn(name: "TotalCharges", kind: .decimal, values: .number((0..<n).map { $0 == 1 ? .nan : Double($0) * 10.5 })),
            DataColumn(name: "Contract", kind: .categorical,
                       values: S.strings((0..<n).map { ["Month-to-month", "One year", "Two year", nil][$0 % 4] })),
            DataColumn(name: "SeniorCitizen", kind: .boolean, values: .number((0..<n).map { Double($0 % 2) })),
            DataColumn(name: "Partner", kind: .categorical, values: S.strings((0..<n).map { $0 % 2 == 0 ? "Yes" : "No" })),
            DataColumn(name: "City", kind: .categorical, values: S.strings((0..<n).map { $0 == 11 ? "Oslo" : Self.cities[$0] })),
            DataColumn(name: "Comment", kind: .text, values: S.strings((0..<n).map { "free text \($0)" })),
            DataColumn(name: "Signup", kind: .date, values: .time((0..<n).map { $0 == 5 ? DataTable.missingTime : (S.day("2024-01-01") + Int64($0)) * 86_400 })),
            DataColumn(name: "Churn", kind: .categorical, values: S.strings(churn)),
        ], rowCount: n)
    }

    private let mapping = ColumnMapping([.customer: "customerID", .target: "Churn"])

    func testEncodingOfEachColumnKind() throws {
        let m = try CustomerTableFeatures.build(table: table(), mapping: mapping)
        XCTAssertEqual(m.customerIDs.prefix(3), ["id-0", "id-1", "id-2"])
        XCTAssertEqual(m.features.map(\.name), [
            "tenure", "TotalCharges", "Contract=Month-to-month", "Contract=One year", "Contract=Two year",
            "SeniorCitizen", "Partner", "City", "City_frequency", "Signup_days_before_latest",
        ])
        func values(_ name: String) throws -> [Double] { try XCTUnwrap(m.feature(named: name)).values }
        XCTAssertEqual(try values("tenure").prefix(4), [0, 6, 12, 18])
        // Blank numeric cell stays missing.
        let charges = try values("TotalCharges")
        XCTAssertTrue(charges[1].isNaN)
        XCTAssertEqual(charges[2], 21)
        // One-hot; the blank contract (row 3) is 0 everywhere.
        XCTAssertEqual(try values("Contract=Month-to-month").prefix(4), [1, 0, 0, 0])
        XCTAssertEqual(try values("Contract=One year").prefix(4), [0, 1, 0, 0])
        XCTAssertEqual(try values("Contract=Two year").prefix(4), [0, 0, 1, 0])
        XCTAssertEqual(try values("SeniorCitizen").prefix(4), [0, 1, 0, 1])
        // Yes/No text becomes 1/0.
        XCTAssertEqual(try values("Partner").prefix(4), [1, 0, 1, 0])
        // 11 city levels > 10 (Basel is replaced by a second Oslo): alphabetical code Aarhus 0, Bergen 1,
        // Brno 2, Cork 3, Gent 4, Graz 5, Lyon 6, Oslo 7, Porto 8, Split 9, Turku 10; frequency Oslo 2/12, others 1/12.
        let cityNames = (0..<12).map { $0 == 11 ? "Oslo" : Self.cities[$0] }
        XCTAssertEqual(try values("City"), [7, 1, 10, 6, 8, 5, 3, 4, 9, 2, 0, 7])
        XCTAssertEqual(try values("City_frequency"), cityNames.map { $0 == "Oslo" ? 2.0 / 12 : 1.0 / 12 })
        // Dates: days before the latest signup (2024-01-12); the blank one stays missing.
        let signup = try values("Signup_days_before_latest")
        XCTAssertEqual(signup[0], 11)
        XCTAssertEqual(signup[11], 0)
        XCTAssertTrue(signup[5].isNaN)
        // Target: Yes -> 1.
        XCTAssertEqual(m.label?.prefix(4), [1, 0, 0, 1])
        XCTAssertTrue(m.notes.contains { $0.contains("\"Comment\" (text)") }, "\(m.notes)")
        XCTAssertTrue(m.notes.contains { $0.contains("churned = 1 for \"Yes\", 0 for \"No\"") }, "\(m.notes)")
        XCTAssertTrue(m.notes.contains { $0.contains("\"City\" has 11 levels") }, "\(m.notes)")
        XCTAssertNil(m.cutoffDay)
        XCTAssertTrue(m.features.allSatisfy { !$0.description.isEmpty && $0.values.count == 12 })
    }

    func testTargetMappingRecognisesTheChurnValue() throws {
        func label(_ values: [String?]) throws -> [Double] {
            try XCTUnwrap(try CustomerTableFeatures.build(table: table(target: values), mapping: mapping).label)
        }
        let twelve = { (a: String, b: String) in (0..<12).map { $0 < 4 ? a : b } }
        XCTAssertEqual(try label(twelve("Retained", "Churned")).prefix(5), [0, 0, 0, 0, 1])
        XCTAssertEqual(try label(twelve("true", "false")).prefix(5), [1, 1, 1, 1, 0])
        XCTAssertEqual(try label(twelve("Existing Customer", "Attrited Customer")).prefix(5), [0, 0, 0, 0, 1])
        // One known word decides the other value.
        XCTAssertEqual(try label(twelve("stayed", "gone-away")).prefix(5), [0, 0, 0, 0, 1])
        // A single class still builds.
        XCTAssertEqual(try label(Array(repeating: "No", count: 12)), Array(repeating: 0, count: 12))
        // A blank outcome is NaN and noted.
        var blanks: [String?] = twelve("No", "Yes"); blanks[2] = nil
        let m = try CustomerTableFeatures.build(table: table(target: blanks), mapping: mapping)
        XCTAssertTrue(try XCTUnwrap(m.label)[2].isNaN)
        XCTAssertTrue(m.notes.contains { $0.contains("1 row has no outcome") }, "\(m.notes)")
    }

    func testNumericTargets() throws {
        var t = table()
        t.columns[9] = DataColumn(name: "Churn", kind: .boolean, values: .number((0..<12).map { Double($0 % 2) }))
        XCTAssertEqual(try CustomerTableFeatures.build(table: t, mapping: mapping).label?.prefix(3), [0, 1, 0])
        t.columns[9] = DataColumn(name: "Churn", kind: .integer, values: .number((0..<12).map { Double($0 % 3) }))
        XCTAssertThrowsError(try CustomerTableFeatures.build(table: t, mapping: mapping)) { error in
            XCTAssertEqual((error as? FeatureError)?.message,
                           "customers.csv, target column \"Churn\" has the values 0, 1, 2; a churn outcome must be 1 (churned) or 0 (retained).")
        }
    }

    func testTargetErrors() throws {
        XCTAssertThrowsError(try CustomerTableFeatures.build(table: table(target: (0..<12).map { ["Yes", "No", "Maybe"][$0 % 3] }), mapping: mapping)) { error in
            let message = (error as? FeatureError)?.message ?? ""
            XCTAssertTrue(message.contains("has 3 different values (\"Yes\", \"No\", \"Maybe\")"), message)
        }
        XCTAssertThrowsError(try CustomerTableFeatures.build(table: table(target: (0..<12).map { $0 % 2 == 0 ? "A" : "B" }), mapping: mapping)) { error in
            XCTAssertTrue((error as? FeatureError)?.message.contains("cannot tell which of \"A\" and \"B\" means churned") ?? false)
        }
        XCTAssertThrowsError(try CustomerTableFeatures.build(table: table(), mapping: ColumnMapping([.customer: "customerID", .target: "Outcome"]))) { error in
            XCTAssertEqual((error as? FeatureError)?.exitCode, ExitCode.usage)
            XCTAssertTrue((error as? FeatureError)?.message.contains("\"Outcome\", which is not in the file") ?? false)
        }
    }

    func testBlankIdIsAnErrorWithItsLineAndNoIdNumbersRows() throws {
        var t = table()
        t.columns[0] = DataColumn(name: "customerID", kind: .identifier, values: S.strings((0..<12).map { $0 == 6 ? nil : "id-\($0)" }))
        XCTAssertThrowsError(try CustomerTableFeatures.build(table: t, mapping: mapping)) { error in
            XCTAssertEqual((error as? FeatureError)?.message.hasPrefix("customers.csv line 8, column \"customerID\": the customer id is blank"), true)
        }
        let m = try CustomerTableFeatures.build(table: table(), mapping: ColumnMapping([.target: "Churn"]))
        XCTAssertEqual(m.customerIDs.prefix(2), ["1", "2"])
        // Without a customer role the identifier column is dropped like any other identifier.
        XCTAssertNil(m.feature(named: "customerID"))
        let unlabeled = try CustomerTableFeatures.build(table: table(), mapping: ColumnMapping([.customer: "customerID"]))
        XCTAssertNil(unlabeled.label)
        XCTAssertNil(unlabeled.feature(named: "Churn=Yes"), "an unmapped Yes/No column is a feature, encoded 0/1")
        XCTAssertEqual(unlabeled.feature(named: "Churn")?.values.prefix(2), [1, 0])
    }
}
