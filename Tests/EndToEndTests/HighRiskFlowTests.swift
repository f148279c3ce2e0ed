import Foundation
import XCTest

/// Flow (a) of issue 5 without the training step: on a trained workspace, in a real terminal, go to
/// High-risk, filter to the high tier, sort, export, and check the CSV file.
final class HighRiskFlowTests: XCTestCase {
    private var workspace: TrainedWorkspace?

    override func setUpWithError() throws {
        guard TmuxSession.isAvailable else { throw XCTSkip("tmux is not installed") }
        workspace = try TrainedWorkspace(prefix: "churn-e2e-highrisk")
    }

    override func tearDown() { workspace?.remove() }

    func testFilterHighTierSortExportAndCheckTheCSV() throws {
        let trained = try XCTUnwrap(workspace)
        let out = trained.folder.appendingPathComponent("high.csv").path
        let session = try TmuxSession([try TestPaths.churnBinary(), "--db", trained.db], width: 100, height: 30)
        defer { session.kill() }
        try session.waitFor("Champion model", timeout: 30)
        try session.send("2")
        try session.waitFor("sorted by Risk")
        // The high tier with the filter language (once the features are in), then the tier quick filter.
        try session.send("f")
        try session.sendLiteral("tier == \"high\"")
        let typed = try session.waitFor("customers match", timeout: 60)
        XCTAssertTrue(typed.contains("filter: tier == \"high\""), typed)
        try session.send("Enter")
        try session.waitFor("f: tier == \"high\"")
        try session.send("H")
        try session.waitFor("high tier")
        // Sort by value: the next column after tier when the scores carry values, else by id.
        try session.send(">")
        let sorted = try session.waitUntil("a sort other than risk") { !$0.contains("sorted by Risk") && $0.contains("sorted by") }
        let summary = try XCTUnwrap(sorted.split(separator: "\n").first { $0.contains("sorted by") }.map(String.init))
        let count = try XCTUnwrap(Int(summary.trimmingCharacters(in: .whitespaces).split(separator: " ")[0].replacingOccurrences(of: ",", with: "")))
        try session.send("e")
        try session.waitFor("export to:")
        try session.sendLiteral(out)
        try session.send("Enter")
        let done = try session.waitFor("exported", timeout: 30)
        XCTAssertTrue(done.contains("exported \(count) customers"), done)

        let lines = try String(contentsOfFile: out, encoding: .utf8).components(separatedBy: "\r\n").filter { !$0.isEmpty }
        XCTAssertEqual(lines.count, count + 1, "a header and one line per customer in the view")
        XCTAssertTrue(lines[0].hasPrefix("customer_id,churn_probability,risk_tier"), lines[0])
        let rows = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        XCTAssertTrue(rows.allSatisfy { $0[2] == "high" }, "only the high tier")
        XCTAssertTrue(rows.allSatisfy { (Double($0[1]) ?? 0) > 0.7 }, "high means a risk above 0.7")
        // The file follows the view's order: the first row is the one on screen at the top.
        let firstShown = try XCTUnwrap(sorted.split(separator: "\n").dropFirst(3).first.map { $0.split(separator: " ").first.map(String.init) ?? "" })
        XCTAssertEqual(rows.first?[0], firstShown, sorted)
        try session.send("q")
        XCTAssertEqual(try session.exitStatus(), 0)
    }
}
