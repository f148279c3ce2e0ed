import ChurnKit
import Foundation
import XCTest

/// Training from the app in a real terminal (tmux), flows (a) and (f) of the terminal-app issue:
/// open the sample data, train in the background, land on the Overview of the new scores; cancel a
/// run (Esc in the panel, and q then y), which the workspace records as cancelled.
///
/// Runs are kept small with `churn open`'s training options (`--models logreg --folds 3 --trials 1`,
/// a few seconds in a debug build); the cancel flows use the default search, long enough to cancel.
final class TrainingFlowTests: XCTestCase {
    private var db = ""
    private var sample: String { TestPaths.packageRoot.appendingPathComponent("sample-data/subscription.csv").path }

    override func setUpWithError() throws {
        guard TmuxSession.isAvailable else { throw XCTSkip("tmux is not installed") }
        db = FileManager.default.temporaryDirectory.appendingPathComponent("churn-e2e-train-\(UUID().uuidString).sqlite").path
    }

    override func tearDown() {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) }
    }

    /// (a), its start: open the sample, press t, watch the panel, end on the Overview with 7,000 scored customers.
    func testOpenSampleTrainAndLandOnTheOverview() throws {
        let session = try TmuxSession([try TestPaths.churnBinary(), "open", sample, "--db", db,
                                       "--models", "logreg", "--folds", "3", "--trials", "1"], width: 100, height: 30)
        defer { session.kill() }
        let preview = try session.waitFor("import preview", timeout: 30)
        XCTAssertTrue(preview.contains("train logreg · 3 folds · 1 trial"), preview)
        try session.send("t")
        let panel = try session.waitFor("Training · subscription.csv", timeout: 10)
        XCTAssertTrue(panel.contains("Esc cancel"), panel)
        let overview = try session.waitFor("Champion model", timeout: 180)
        XCTAssertTrue(overview.contains("1 Overview"), overview)
        XCTAssertTrue(overview.contains("7,000"), overview)
        XCTAssertTrue(overview.contains("logreg"), overview)
        // The store: one succeeded run at 100%, scores for every customer.
        let store = try Workspace(path: db, user: "tester")
        let runs = try store.runs()
        XCTAssertEqual(runs.map(\.status), [.succeeded])
        XCTAssertEqual(runs.first?.progress, 1)
        XCTAssertEqual(try ScoreReader(workspace: store).latest()?.customers.ids.count, 7000)
        // T shows the finished run's leaderboard; Esc closes it; q quits at once (nothing runs).
        try session.send("T")
        try session.waitFor("leaderboard (* champion)")
        try session.send("Escape")
        try session.waitUntil("the panel to close") { !$0.contains("leaderboard (* champion)") }
        try session.send("q")
        XCTAssertEqual(try session.exitStatus(timeout: 20), 0)
    }

    /// (f): Esc in the panel cancels; the run is recorded as cancelled and no model is saved. Then q
    /// while a second run works asks first, and y quits after that run too is recorded as cancelled.
    func testCancelATrainingRun() throws {
        let session = try TmuxSession([try TestPaths.churnBinary(), "open", sample, "--db", db], width: 100, height: 30)
        defer { session.kill() }
        try session.waitFor("import preview", timeout: 30)
        try session.send("t")
        try session.waitFor("searching", timeout: 60)
        try session.send("Escape")
        let cancelled = try session.waitFor("recorded as cancelled", timeout: 20)
        XCTAssertTrue(cancelled.contains("training cancelled"), cancelled)
        let store = try Workspace(path: db, user: "tester")
        XCTAssertEqual(try store.runs().map(\.status), [.cancelled])
        XCTAssertTrue(try store.models().isEmpty)

        // A second run; the panel hidden; q asks; y cancels it and quits.
        try session.send("Escape")
        try session.send("t")
        try session.waitFor("searching", timeout: 60)
        try session.send("t")
        try session.send("q")
        try session.waitFor("Quit and cancel it?")
        try session.send("y")
        XCTAssertEqual(try session.exitStatus(timeout: 20), 0)
        XCTAssertEqual(try store.runs().map(\.status), [.cancelled, .cancelled])
        XCTAssertTrue(try store.models().isEmpty)
    }

    /// `churn` alone on an empty workspace offers the bundled sample data instead of failing.
    func testFirstRunOffersTheSampleData() throws {
        let session = try TmuxSession([try TestPaths.churnBinary(), "--db", db], width: 100, height: 30)
        defer { session.kill() }
        let screen = try session.waitFor("import preview", timeout: 30)
        XCTAssertTrue(screen.contains("subscription.csv"), screen)
        XCTAssertTrue(screen.contains("first run"), screen)
        try session.send("q")
        XCTAssertEqual(try session.exitStatus(timeout: 20), 0)
    }
}
