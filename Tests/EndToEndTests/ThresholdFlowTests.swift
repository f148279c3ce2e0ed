import ChurnKit
import Foundation
import XCTest

/// Flow (c) of the terminal app: on a trained and scored workspace, open the Settings tab, move the
/// threshold with the arrow keys and see precision and recall change on screen to the values an
/// independent count over the stored out-of-fold scores gives; then an optimiser key, quit, and
/// the chosen threshold is in the workspace.
final class ThresholdFlowTests: XCTestCase {
    private var workspace: TrainedWorkspace?

    override func setUpWithError() throws {
        guard TmuxSession.isAvailable else { throw XCTSkip("tmux is not installed") }
        workspace = try TrainedWorkspace(prefix: "churn-e2e-threshold")
    }

    override func tearDown() {
        workspace?.remove()
    }

    /// Precision and recall at threshold `t` (risk >= t flagged), as the screen prints them.
    private func figures(_ oof: OutOfFoldScores, at t: Double) -> (precision: String, recall: String) {
        var tp = 0.0, fp = 0.0, fn = 0.0
        for (p, label) in zip(oof.probabilities, oof.labels) {
            if p >= t { if label == 1 { tp += 1 } else { fp += 1 } } else if label == 1 { fn += 1 }
        }
        return (String(format: "%.3f", tp / (tp + fp)), String(format: "%.3f", tp / (tp + fn)))
    }

    func testMovingTheThresholdChangesPrecisionAndRecall() throws {
        let trained = try XCTUnwrap(workspace)
        let store = try Workspace(path: trained.db)
        let model = try XCTUnwrap(store.models().first(where: \.active))
        let oof = try XCTUnwrap(store.outOfFold(modelID: model.id))
        let atHalf = figures(oof, at: 0.5), atRaised = figures(oof, at: 0.55)
        XCTAssertNotEqual(atHalf.recall, atRaised.recall, "the sample's scores differ between 0.50 and 0.55")

        let session = try TmuxSession([try TestPaths.churnBinary(), "--db", trained.db], width: 100, height: 30)
        defer { session.kill() }
        try session.waitFor("Mean risk", timeout: 30)
        try session.send("7")
        let first = try session.waitFor("Precision \(atHalf.precision)", timeout: 30)
        XCTAssertTrue(first.contains("Threshold 0.50"), first)
        XCTAssertTrue(first.contains("Recall \(atHalf.recall)"), first)

        for _ in 0..<5 { try session.send("Right") }
        let raised = try session.waitFor("Threshold 0.55")
        let screen = raised.contains("Recall \(atRaised.recall)") ? raised : try session.waitFor("Recall \(atRaised.recall)")
        XCTAssertTrue(screen.contains("Precision \(atRaised.precision)"), screen)
        XCTAssertTrue(screen.contains("thr 0.55"), "the status bar follows: \(screen)")

        // The best-F1 key sets the threshold the optimiser finds on the same scores.
        let best = try XCTUnwrap(ThresholdOptimizer(scores: oof.probabilities, labels: oof.labels).best(.f1))
        try session.send("f")
        let optimised = try session.waitFor("max F1: threshold")
        let expected = figures(oof, at: best.threshold)
        let final = optimised.contains("Recall \(expected.recall)") ? optimised : try session.waitFor("Recall \(expected.recall)")
        XCTAssertTrue(final.contains("Precision \(expected.precision)"), final)

        try session.send("q")
        XCTAssertEqual(try session.exitStatus(), 0)
        let saved = try XCTUnwrap(Workspace(path: trained.db).setting("threshold").flatMap(Double.init))
        XCTAssertEqual(saved, best.threshold, "the optimiser's threshold is saved exactly")
    }
}
