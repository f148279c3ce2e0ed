import XCTest
@testable import ChurnKit

/// Builds in-memory tables the way the CSV loader will hand them over.
enum FeatureTestSupport {
    /// One transaction: customer, ISO date, amount, optional quantity (nil = blank) and category (nil = blank).
    typealias Row = (customer: String, date: String, amount: Double, quantity: Double?, category: String?)

    static let mapping = ColumnMapping([.customer: "customer_id", .date: "date", .amount: "amount",
                                        .quantity: "qty", .category: "category"])

    /// Interns strings into codes/levels in first-appearance order (nil = missing).
    static func strings(_ values: [String?]) -> ColumnValues {
        var levels: [String] = []
        var lookup: [String: Int32] = [:]
        let codes = values.map { v -> Int32 in
            guard let v else { return -1 }
            if let c = lookup[v] { return c }
            lookup[v] = Int32(levels.count)
            levels.append(v)
            return Int32(levels.count - 1)
        }
        return .strings(codes: codes, levels: levels)
    }

    /// Day number of an ISO date (test input is always valid).
    static func day(_ iso: String) -> Int64 {
        guard let d = CivilDate.parseISODate(iso) else { fatalError("bad test date \(iso)") }
        return d
    }

    /// A transaction table; times carry a time of day (10:30) to check that only the date counts.
    static func table(_ rows: [Row], quantity: Bool = true, category: Bool = true) -> DataTable {
        var columns = [
            DataColumn(name: "customer_id", kind: .identifier, values: strings(rows.map { $0.customer })),
            DataColumn(name: "date", kind: .datetime, values: .time(rows.map { day($0.date) * 86_400 + 37_800 })),
            DataColumn(name: "amount", kind: .decimal, values: .number(rows.map { $0.amount })),
        ]
        if quantity {
            columns.append(DataColumn(name: "qty", kind: .integer, values: .number(rows.map { $0.quantity ?? .nan })))
        }
        if category {
            columns.append(DataColumn(name: "category", kind: .categorical, values: strings(rows.map { $0.category })))
        }
        return DataTable(source: "test.csv", columns: columns, rowCount: rows.count)
    }

    static func log(_ rows: [Row], quantity: Bool = true, category: Bool = true) throws -> TransactionLog {
        var m = mapping
        if !quantity { m[.quantity] = nil }
        if !category { m[.category] = nil }
        return try TransactionLog(table: table(rows, quantity: quantity, category: category), mapping: m)
    }

    /// The value of a named feature for a customer.
    static func value(_ m: FeatureMatrix, _ feature: String, _ customer: String,
                      file: StaticString = #filePath, line: UInt = #line) -> Double? {
        guard let column = m.feature(named: feature) else {
            XCTFail("no feature \(feature)", file: file, line: line); return nil
        }
        guard let row = m.customerIDs.firstIndex(of: customer) else {
            XCTFail("no customer \(customer)", file: file, line: line); return nil
        }
        return column.values[row]
    }
}
