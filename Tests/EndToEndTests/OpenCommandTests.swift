import Foundation
import XCTest

/// `churn open FILE` in a real terminal (tmux): the import preview appears, scrolls, shows the help,
/// survives resizing, and quits with status 0; an unknown TERM gives a message, not a crash.
final class OpenCommandTests: XCTestCase {
    private var sample: String { TestPaths.packageRoot.appendingPathComponent("sample-data/subscription.csv").path }

    /// A hidden debug path: `CHURN_E2E_DEBUG_COMMAND` replaces `churn open FILE` with another command
    /// (e.g. the test bundle's live preview harness) to try the screen before the CLI is wired.
    private var debugCommand: [String]? {
        ProcessInfo.processInfo.environment["CHURN_E2E_DEBUG_COMMAND"].map { $0.split(separator: " ").map(String.init) }
    }

    private func openCommand() throws -> [String] {
        if let debugCommand { return debugCommand }
        let db = FileManager.default.temporaryDirectory.appendingPathComponent("churn-e2e-\(UUID().uuidString).sqlite").path
        return [try TestPaths.churnBinary(), "open", sample, "--db", db]
    }

    override func setUpWithError() throws {
        guard TmuxSession.isAvailable else { throw XCTSkip("tmux is not installed") }
        if debugCommand == nil {
            XCTAssertTrue(FileManager.default.fileExists(atPath: sample), "missing sample data \(sample)")
        }
    }

    func testPreviewScrollHelpResizeQuit() throws {
        let session = try TmuxSession(try openCommand(), width: 100, height: 30)
        defer { session.kill() }

        // The preview: title with the file, the first rows, the status bar with the keys.
        let first = try session.waitFor("import preview", timeout: 30)
        XCTAssertTrue(first.contains("subscription.csv"), first)
        XCTAssertTrue(first.contains("PREVIEW"), first)
        XCTAssertTrue(first.contains("customer table"), first)
        XCTAssertTrue(first.contains("? help"), first)

        // Scrolling: the end of the report comes into view, the top goes out; g goes back.
        try session.send("G")
        let bottom = try session.waitFor("COUNTS")
        XCTAssertFalse(bottom.contains("PREVIEW  first"), bottom)
        try session.send("g")
        try session.waitFor("PREVIEW  first")
        try session.send("PageDown")
        try session.waitUntil("the view to move down") { !$0.contains("PREVIEW  first") }
        try session.send("Home")
        try session.waitFor("PREVIEW  first")

        // Help overlay opens with ? and closes with Esc.
        try session.send("?")
        try session.waitFor("Keys")
        try session.send("Escape")
        try session.waitUntil("the help to close") { !$0.contains("or Esc closes") }

        // Resize down and back: it redraws at each size and keeps running.
        try session.resize(width: 40, height: 12)
        try session.waitUntil("a 40-column redraw") { screen in
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
            return screen.contains("import preview") && lines.allSatisfy { $0.count <= 40 }
        }
        try session.resize(width: 100, height: 30)
        try session.waitUntil("a 100-column redraw") { $0.contains("quality") && $0.contains("PREVIEW") }

        try session.send("q")
        XCTAssertEqual(try session.exitStatus(), 0)
    }

    func testUnknownTerminalIsAClearMessage() throws {
        let session = try TmuxSession(["/usr/bin/env", "TERM=no-such-terminal"] + (try openCommand()))
        defer { session.kill() }
        let status = try XCTUnwrap(try session.exitStatus(timeout: 30), "churn did not exit")
        XCTAssertNotEqual(status, 0)
        // The message may wrap at the pane's width (and its first row scroll away when the pane dies):
        // read the scrollback too, with wrapped lines joined.
        let screen = try session.captureWithHistory().replacingOccurrences(of: "\n", with: "")
        XCTAssertTrue(screen.contains("cannot open the terminal 'no-such-terminal'"), screen)
    }
}
