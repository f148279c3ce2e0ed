import Foundation
import XCTest

/// Reads the known-answer files in Tests/Fixtures (written by Tests/Fixtures/scripts/make_sklearn_fixtures.py).
enum FixtureFiles {
    /// Tests/Fixtures, found relative to this source file.
    static var directory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures")
    }

    /// A JSON fixture as a dictionary.
    static func json(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: directory.appendingPathComponent(name))
        return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any], "\(name) is not a JSON object")
    }

    /// A CSV fixture of numbers: header names and columns.
    static func numericCSV(_ name: String) throws -> (names: [String], columns: [[Double]]) {
        let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init)
        let names = try XCTUnwrap(lines.first).split(separator: ",").map(String.init)
        var columns = [[Double]](repeating: [], count: names.count)
        for line in lines.dropFirst() {
            let fields = line.split(separator: ",")
            XCTAssertEqual(fields.count, names.count)
            for (j, field) in fields.enumerated() { columns[j].append(try XCTUnwrap(Double(field), "bad number \(field)")) }
        }
        return (names, columns)
    }
}

extension Dictionary where Key == String, Value == Any {
    func number(_ key: String) throws -> Double { try XCTUnwrap(self[key] as? Double, "missing number \(key)") }
    func numbers(_ key: String) throws -> [Double] { try XCTUnwrap(self[key] as? [Double], "missing numbers \(key)") }
    func object(_ key: String) throws -> [String: Any] { try XCTUnwrap(self[key] as? [String: Any], "missing object \(key)") }
}

/// Asserts two arrays have the same length and agree element-wise within `accuracy`.
func assertClose(_ a: [Double], _ b: [Double], accuracy: Double, _ message: String = "", file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(a.count, b.count, "\(message): lengths differ", file: file, line: line)
    for (i, (x, y)) in zip(a, b).enumerated() where !(abs(x - y) <= accuracy || (x == y)) {
        XCTFail("\(message): element \(i) is \(x), expected \(y) (±\(accuracy))", file: file, line: line)
        return
    }
}
