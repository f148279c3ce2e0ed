import Foundation
import XCTest
@testable import ChurnKit

/// Writes test files into a fresh temporary directory that is removed after the test.
class IngestTestCase: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("churn-ingest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Writes text (UTF-8) and returns the path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try write(name, bytes: Array(text.utf8))
    }

    @discardableResult
    func write(_ name: String, bytes: [UInt8]) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    /// Loads a file and fails the test with the error message if it does not load.
    func load(_ path: String, _ options: IngestOptions = IngestOptions(today: 20_000)) throws -> LoadedDataset {
        do { return try DataLoader.load(path: path, options: options) } catch let e as IngestError {
            XCTFail("unexpected error: \(e.message)"); throw e
        }
    }

    /// The IngestError thrown by loading, or a test failure.
    func loadError(_ path: String, _ options: IngestOptions = IngestOptions(today: 20_000),
                   file: StaticString = #filePath, line: UInt = #line) -> IngestError? {
        do {
            let loaded = try DataLoader.load(path: path, options: options)
            XCTFail("expected an error, loaded \(loaded.table.rowCount) rows", file: file, line: line)
        } catch let e as IngestError {
            return e
        } catch {
            XCTFail("unexpected error type \(error)", file: file, line: line)
        }
        return nil
    }

    /// A small valid transaction log with `customers` customers buying `perCustomer` times each.
    func transactionLog(customers: Int = 3, perCustomer: Int = 2) -> String {
        var text = "customer_id,date,amount,category\n"
        for c in 0..<customers {
            for k in 0..<perCustomer {
                text += "C\(c),2024-0\(1 + k % 9)-1\(c % 10),\(10 + c).5\(k),cat\(c % 3)\n"
            }
        }
        return text
    }
}
