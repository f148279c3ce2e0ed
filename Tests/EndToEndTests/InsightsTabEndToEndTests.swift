import Foundation
import XCTest

/// The Model insights tab of `churn --db FILE` in a real terminal (tmux), on a workspace trained and
/// scored through the command line: the curves and SHAP importance arrive from the background, the
/// threshold keys move the confusion matrix, every view draws, and a small terminal still works.
final class InsightsTabEndToEndTests: XCTestCase {
    func testModelTabViewsThresholdAndResize() throws {
        guard TmuxSession.isAvailable else { throw XCTSkip("tmux is not installed") }
        let workspace = try TrainedWorkspace(prefix: "churn-e2e-insights")
        defer { workspace.remove() }
        let session = try TmuxSession([try TestPaths.churnBinary(), "--db", workspace.db], width: 100, height: 30)
        defer { session.kill() }
        try session.waitFor("Champion model", timeout: 30)

        try session.send("4")
        let board = try session.waitFor("Cross-validated mean", timeout: 60)
        XCTAssertTrue(board.contains("★ logreg"), board)
        XCTAssertTrue(board.contains("ROC-AUC"), board)
        XCTAssertTrue(board.contains("logreg (champion)"), board)

        try session.send("v")
        let curves = try session.waitFor("Confusion matrix at threshold 0.50", timeout: 60)
        XCTAssertTrue(curves.contains("AUC 0."), curves)
        XCTAssertTrue(curves.contains("Predicted churn"), curves)
        XCTAssertTrue(curves.contains("●"), curves)
        try session.send("]")
        let moved = try session.waitFor("Confusion matrix at threshold 0.55")
        XCTAssertTrue(moved.contains("thr 0.55"), moved)

        try session.send("v")
        let importance = try session.waitFor("evenly spaced sample", timeout: 120)
        XCTAssertTrue(importance.contains("Mean |SHAP|"), importance)
        XCTAssertTrue(importance.contains("tenure_months"), importance)

        try session.send("v")
        try session.waitFor("Lift per decile")
        try session.send("?")
        try session.waitFor("next view")
        try session.send("Escape")
        try session.waitUntil("the help to close") { !$0.contains("next view") }

        try session.resize(width: 40, height: 12)
        try session.waitFor("Top decile")
        try session.resize(width: 100, height: 30)
        try session.waitFor("Lift per decile")
        try session.send("q")
        XCTAssertEqual(try session.exitStatus(), 0)
    }
}
