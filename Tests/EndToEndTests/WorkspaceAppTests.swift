import Foundation
import XCTest

/// `churn --db FILE` on a workspace with stored scores, in a real terminal (tmux): it opens on
/// Overview, switches to High-risk, sorts, searches, and quits with status 0.
final class WorkspaceAppTests: XCTestCase {
    private var db = ""

    override func setUpWithError() throws {
        guard TmuxSession.isAvailable else { throw XCTSkip("tmux is not installed") }
        db = FileManager.default.temporaryDirectory.appendingPathComponent("churn-e2e-scores-\(UUID().uuidString).sqlite").path
        try ScoredWorkspace.create(at: db, customers: 500)
    }

    override func tearDown() {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) }
    }

    func testOverviewHighRiskSortSearchQuit() throws {
        let session = try TmuxSession([try TestPaths.churnBinary(), "--db", db], width: 100, height: 30)
        defer { session.kill() }

        // Overview: 500 customers; risk >= 0.5 for i mod 100 >= 50, so 250 predicted churners.
        let overview = try session.waitFor("Churners", timeout: 30)
        XCTAssertTrue(overview.contains("1 Overview"), overview)
        XCTAssertTrue(overview.contains("2 High-risk"), overview)
        XCTAssertTrue(overview.contains("500"), overview)
        XCTAssertTrue(overview.contains("250"), overview)
        XCTAssertTrue(overview.contains("logistic v1"), overview)
        XCTAssertTrue(overview.contains("AUC 0.81"), overview)
        XCTAssertTrue(overview.contains("thr 0.50"), overview)

        // High-risk: riskiest first (0.995: ids ending in 99).
        try session.send("2")
        let table = try session.waitFor("sorted by Risk")
        let firstRow = try XCTUnwrap(table.split(separator: "\n").first { $0.contains("0.995") }, table)
        XCTAssertTrue(firstRow.contains("K") && firstRow.contains("99"), table)
        XCTAssertTrue(table.contains("row 1/500"), table)

        // Sort by the next column (tier), reverse it, go to the top: safe customers first.
        try session.send(">")
        try session.waitFor("sorted by Tier ↓")
        try session.send("s")
        try session.waitFor("sorted by Tier ↑")
        try session.send("g")
        let reversed = try session.waitUntil("the safe tier on top") { screen in
            let rows = screen.split(separator: "\n").filter { $0.contains(" K") }
            return rows.first?.contains("safe") == true
        }
        XCTAssertTrue(reversed.contains("sorted by Tier"), reversed)

        // Search an id: the cursor goes to it.
        try session.send("/")
        try session.sendLiteral("K0123")
        try session.send("Enter")
        let found = try session.waitFor("/K0123")
        XCTAssertTrue(found.contains("K0123"), found)
        try session.send("i")
        let detail = try session.waitFor("Top reason")
        XCTAssertTrue(detail.contains("K0123"), detail)
        XCTAssertTrue(detail.contains("short tenure"), detail)  // 123 mod 3 = 0
        try session.send("Escape")
        try session.waitUntil("the detail panel to close") { !$0.contains("i or Esc closes") }

        try session.send("q")
        XCTAssertEqual(try session.exitStatus(), 0)
    }

    func testThresholdIsSavedInTheWorkspace() throws {
        let first = try TmuxSession([try TestPaths.churnBinary(), "--db", db], width: 80, height: 24)
        defer { first.kill() }
        try first.waitFor("thr 0.50", timeout: 30)
        try first.send("+")
        try first.send("+")
        // 0.52: i mod 100 >= 52 (risk 0.525 and up), 48 per hundred, so 240 of 500.
        let raised = try first.waitFor("thr 0.52")
        XCTAssertTrue(raised.contains("240"), raised)
        try first.send("q")
        XCTAssertEqual(try first.exitStatus(), 0)

        let second = try TmuxSession([try TestPaths.churnBinary(), "--db", db], width: 80, height: 24)
        defer { second.kill() }
        try second.waitFor("thr 0.52", timeout: 30)
        try second.send("q")
        XCTAssertEqual(try second.exitStatus(), 0)
    }
}
