import XCTest
@testable import ChurnKit

/// SHA-256 against the FIPS 180-4 / NIST example vectors and chunking properties.
final class SHA256Tests: XCTestCase {
    func testKnownVectors() {
        XCTAssertEqual(SHA256.hex([UInt8]()), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SHA256.hex(Array("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        XCTAssertEqual(SHA256.hex(Array(repeating: UInt8(ascii: "a"), count: 1_000_000)),
                       "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    func testLengthsAroundThePaddingBoundary() {
        // 55, 56 and 64 bytes change how many padding blocks are needed (values from `sha256sum`).
        XCTAssertEqual(SHA256.hex(Array(repeating: UInt8(ascii: "a"), count: 55)),
                       "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318")
        XCTAssertEqual(SHA256.hex(Array(repeating: UInt8(ascii: "a"), count: 56)),
                       "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a")
        XCTAssertEqual(SHA256.hex(Array(repeating: UInt8(ascii: "a"), count: 64)),
                       "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb")
    }

    func testChunkedUpdatesEqualOneShot() {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<1000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let whole = SHA256.hex(bytes)
        for chunk in [1, 3, 63, 64, 65, 127, 999] {
            var hasher = SHA256()
            var start = 0
            while start < bytes.count {
                let end = min(start + chunk, bytes.count)
                hasher.update(bytes[start..<end])
                start = end
            }
            XCTAssertEqual(hasher.hexDigest(), whole, "chunk \(chunk)")
        }
    }

    func testFileHasherStreamsAFileAndNamesMissingFiles() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("churn-hash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("abc.csv")
        try Data("abc".utf8).write(to: file)
        XCTAssertEqual(try FileHasher.sha256Hex(path: file.path),
                       "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let missing = dir.appendingPathComponent("nope.csv").path
        XCTAssertThrowsError(try FileHasher.sha256Hex(path: missing)) { error in
            XCTAssertTrue((error as? UserFacingError)?.message.contains(missing) == true, "\(error)")
        }
        XCTAssertThrowsError(try FileHasher.sha256Hex(path: dir.path)) { error in
            XCTAssertTrue((error as? UserFacingError)?.message.contains("folder") == true, "\(error)")
        }
    }
}
