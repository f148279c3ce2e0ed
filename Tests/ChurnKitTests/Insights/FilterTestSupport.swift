import XCTest
@testable import ChurnKit

/// A six-customer table whose every answer is worked out by hand in the tests.
///
///     id  risk  late_payments  contract          `monthly charges`  senior
///     c1  0.9   3              Month-to-month    70                 1
///     c2  0.75  0              One year          20                 0
///     c3  0.5   5              Month-to-month    99.5               NaN
///     c4  0.3   NaN            (missing)         45                 0
///     c5  0.1   1              Two year          NaN                1
///     c6  NaN   2              month-to-month    30                 0
enum FilterFixtures {
    static func table() throws -> CustomerTable {
        try CustomerTable(customerIDs: ["c1", "c2", "c3", "c4", "c5", "c6"], fields: [
            .number("risk", [0.9, 0.75, 0.5, 0.3, 0.1, .nan]),
            .number("late_payments", [3, 0, 5, .nan, 1, 2]),
            .text("contract", ["Month-to-month", "One year", "Month-to-month", nil, "Two year", "month-to-month"]),
            .number("monthly charges", [70, 20, 99.5, 45, .nan, 30]),
            .number("senior", [1, 0, .nan, 0, 1, 0]),
        ])
    }

    /// The ids of the rows `expression` selects in `table()`.
    static func ids(_ expression: String, file: StaticString = #filePath, line: UInt = #line) throws -> [String] {
        let table = try table()
        let rows = try CustomerFilter(expression).evaluate(on: table)
        return rows.indices.map { table.customerIDs[$0] }
    }

    /// The error `expression` raises against `table()`, as "column N: message".
    static func failure(_ expression: String, file: StaticString = #filePath, line: UInt = #line) -> String? {
        do {
            _ = try CustomerFilter(expression).evaluate(on: table())
            XCTFail("\(expression) should fail", file: file, line: line)
            return nil
        } catch let error as FilterError {
            return error.message
        } catch {
            XCTFail("unexpected error \(error)", file: file, line: line)
            return nil
        }
    }
}
