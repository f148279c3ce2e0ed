import ChurnKit
import XCTest
@testable import ChurnTUI

/// The training panel drawn over the import preview at several sizes: mid-run (one model done with its
/// AUC, one searching), and ended with the final leaderboard. Sizes down to 20x6 must not crash.
final class TrainingPanelSnapshotTests: XCTestCase {
    private func running(_ size: TerminalSize, glyphs: Glyphs = .unicode) -> AppState {
        let plan = TrainingPlan(file: "/data/subscription.csv",
                                configuration: TrainingConfiguration(families: [.logreg, .gbdt], folds: 3, trials: 2))
        let preview = ImportPreviewState(profile: Fixtures.subscription, layoutWidth: size.width, glyphs: glyphs, plan: plan)
        var state = reduce(AppState(preview: preview, size: size, user: "ann", glyphs: glyphs, asciiOnly: glyphs.isASCII),
                           .resize(size))
        state = reduce(state, .key(.char("t")))
        let events = [
            TrainingEvent(stage: .preparing, modelCount: 2, foldCount: 3, fraction: 0.05, elapsed: 0.4, message: "folds ready"),
            TrainingEvent(stage: .searching, family: .logreg, modelIndex: 1, modelCount: 2, foldCount: 3, trialCount: 2,
                          fraction: 0.45, elapsed: 4, eta: 5, message: "logreg search done: best CV AUC 0.842", searchAUC: 0.8421),
            TrainingEvent(stage: .searching, family: .gbdt, modelIndex: 2, modelCount: 2, fold: 2, foldCount: 3, trial: 1, trialCount: 2,
                          fraction: 0.6, elapsed: 6, eta: 4, message: "gbdt trial 1/2 fold 2/3: AUC 0.871"),
        ]
        for e in events { state = reduce(state, .training(.progress(e))) }
        state.effects.removeAll()
        return state
    }

    func testRunningPanelAtSeveralSizes() {
        assertSnapshot(render(running(TerminalSize(width: 100, height: 30)), size: TerminalSize(width: 100, height: 30)),
                       named: "training-100x30-running")
        assertSnapshot(render(running(TerminalSize(width: 80, height: 24)), size: TerminalSize(width: 80, height: 24)),
                       named: "training-80x24-running")
        assertSnapshot(render(running(TerminalSize(width: 40, height: 12), glyphs: .ascii), size: TerminalSize(width: 40, height: 12)),
                       named: "training-40x12-running-ascii")
        for (w, h) in [(20, 6), (41, 10), (30, 30), (200, 8)] {
            let size = TerminalSize(width: w, height: h)
            XCTAssertEqual(render(running(size), size: size).size, size)
        }
    }

    func testCancelledPanelSaysSo() {
        let size = TerminalSize(width: 80, height: 24)
        var state = running(size)
        state = reduce(state, .key(.escape))
        state = reduce(state, .training(.cancelled))
        let text = render(state, size: size).textLines().joined(separator: "\n")
        XCTAssertTrue(text.contains("recorded as cancelled"), text)
        XCTAssertTrue(text.contains("Esc close"), text)
        XCTAssertTrue(text.contains("training cancelled"), text)
    }
}
