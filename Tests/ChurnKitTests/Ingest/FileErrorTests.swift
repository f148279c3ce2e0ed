import XCTest
@testable import ChurnKit

/// Files that cannot be read at all give a clear error and the right exit code.
final class FileErrorTests: IngestTestCase {
    func testMissingFile() throws {
        let path = directory.appendingPathComponent("nope.csv").path
        let e = try XCTUnwrap(loadError(path))
        XCTAssertEqual(e.reason, .missingFile)
        XCTAssertEqual(e.exitCode, 66)
        XCTAssertEqual(e.message, "\(path): no such file (check the path and the current directory)")
    }

    func testDirectory() throws {
        let e = try XCTUnwrap(loadError(directory.path))
        XCTAssertEqual(e.reason, .notAFile)
        XCTAssertEqual(e.exitCode, 66)
        XCTAssertTrue(e.message.contains("is a directory"))
    }

    func testEmptyFile() throws {
        let e = try XCTUnwrap(loadError(try write("empty.csv", "")))
        XCTAssertEqual(e.reason, .emptyFile)
        XCTAssertEqual(e.exitCode, 65)
        let blank = try XCTUnwrap(loadError(try write("blank.csv", "\n \r\n\n")))
        XCTAssertEqual(blank.reason, .emptyFile)
    }

    func testHeaderOnly() throws {
        let e = try XCTUnwrap(loadError(try write("header.csv", "customer_id,date,amount\n\n")))
        XCTAssertEqual(e.reason, .headerOnly)
        XCTAssertEqual(e.exitCode, 65)
        XCTAssertTrue(e.message.contains("has a header but no data rows"))
    }

    func testBinaryFile() throws {
        var bytes: [UInt8] = [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]
        bytes += Array(repeating: 0x41, count: 100)
        let e = try XCTUnwrap(loadError(try write("sheet.xlsx", bytes: bytes)))
        XCTAssertEqual(e.reason, .binaryFile)
        XCTAssertEqual(e.exitCode, 65)
        XCTAssertTrue(e.message.contains("binary file"))
    }

    func testUTF16IsNamed() throws {
        let bytes: [UInt8] = [0xFF, 0xFE] + Array("id,x\n".utf8).flatMap { [$0, 0] }
        let e = try XCTUnwrap(loadError(try write("u16.csv", bytes: bytes)))
        XCTAssertEqual(e.reason, .binaryFile)
        XCTAssertTrue(e.message.contains("UTF-16"))
    }

    func testErrorsAreUserFacing() throws {
        let e: UserFacingError = IngestError(.notANumber, file: "f.csv", line: 812, column: "amount", detail: "\"12,3.4\" is not a number (expected a decimal like 12.34)")
        XCTAssertEqual(e.message, "f.csv line 812, column \"amount\": \"12,3.4\" is not a number (expected a decimal like 12.34)")
        XCTAssertEqual("\(e)", e.message)
        XCTAssertEqual(e.exitCode, 65)
    }
}
