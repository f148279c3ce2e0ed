import Foundation
import XCTest
@testable import ChurnTUI

/// Compares a frame's text with `Snapshots/NAME.txt`; records the file when it is missing (outside CI).
///
/// To re-record after an intended change, delete the file, run the test, and review the new text.
func assertSnapshot(_ frame: Frame, named name: String, file: StaticString = #filePath, line: UInt = #line) {
    let folder = URL(fileURLWithPath: "\(file)").deletingLastPathComponent().appendingPathComponent("Snapshots")
    let url = folder.appendingPathComponent(name + ".txt")
    let text = snapshotText(frame)
    guard let recorded = try? String(contentsOf: url, encoding: .utf8) else {
        if ProcessInfo.processInfo.environment["CI"] != nil {
            XCTFail("snapshot \(name).txt is missing; run the tests locally to record it", file: file, line: line)
            return
        }
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        XCTAssertNoThrow(try text.write(to: url, atomically: true, encoding: .utf8), file: file, line: line)
        print("recorded snapshot \(url.path)")
        return
    }
    if recorded != text {
        let got = url.deletingPathExtension().appendingPathExtension("actual.txt")
        try? text.write(to: got, atomically: true, encoding: .utf8)
        XCTFail("frame differs from snapshot \(name).txt (got \(got.path)):\n\(text)", file: file, line: line)
    }
}

/// The frame as text with a ruler line giving its size, rows framed by `|` so trailing spaces show.
func snapshotText(_ frame: Frame) -> String {
    var out = "size \(frame.width)x\(frame.height)\n"
    for y in 0..<frame.height {
        var line = ""
        for x in 0..<frame.width where !frame[x, y].isContinuation { line.append(frame[x, y].character) }
        out += "|" + line + "|\n"
    }
    return out
}
