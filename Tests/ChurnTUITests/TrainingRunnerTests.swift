import ChurnKit
import Foundation
import XCTest
@testable import ChurnTUI

/// The background work of a run started from the app, for real: a small run on the subscription
/// sample posts progress and ends with the workspace scored; a cancelled run is recorded as such.
final class TrainingRunnerTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("churn-runner-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    private var sample: String { AnalysisFixture.sampleDirectory.appendingPathComponent("subscription.csv").path }

    private func trainingActions(_ actions: [Action]) -> [TrainingAction] {
        actions.compactMap { if case .training(let a) = $0 { return a } else { return nil } }
    }

    func testSmallRunPostsProgressAndEndsWithTheWorkspaceScored() throws {
        let workspace = try Workspace(path: folder.appendingPathComponent("ws.db").path, user: "tester")
        let queue = ActionQueue()
        let runner = EffectRunner(workspace: workspace, queue: queue)
        let plan = TrainingPlan(file: sample, configuration: TrainingConfiguration(families: [.logreg], folds: 3, seed: 7, trials: 1))
        let run = TrainingRun()
        runner.perform(.training(.start(Shared(plan), Shared(run))), state: AppState(preview: ImportPreviewState(
            profile: Fixtures.subscription, layoutWidth: 100, glyphs: .unicode), size: TerminalSize(width: 100, height: 30), user: "t"))
        XCTAssertTrue(run.waitUntilEnded(timeout: 600))
        let actions = trainingActions(queue.drain())

        let events = actions.compactMap { if case .progress(let e) = $0 { return e } else { return nil } }
        XCTAssertEqual(events.first?.stage, .preparing)
        // 3 folds x 1 trial of one family: three per-fold events, then the one that ends its search with its AUC.
        XCTAssertEqual(events.filter { $0.family == .logreg && $0.fold != nil }.count, 3)
        let searchEnd = try XCTUnwrap(events.first { $0.searchAUC != nil })
        XCTAssertEqual(searchEnd.family, .logreg)
        XCTAssertGreaterThan(try XCTUnwrap(searchEnd.searchAUC), 0.6)
        XCTAssertEqual(events.last?.stage, .finished)
        XCTAssertEqual(events.map(\.fraction).max(), 1)

        guard case .trained(let rows, let version)? = actions.first(where: { if case .trained = $0 { return true } else { return false } }) else {
            return XCTFail("no trained action in \(actions)")
        }
        XCTAssertEqual(version, 1)
        XCTAssertEqual(rows.value.map(\.name), ["logreg"])
        guard case .finished(let data, _, let summary)? = actions.last else { return XCTFail("the last action is \(String(describing: actions.last))") }
        XCTAssertEqual(data.value.customers.ids.count, 7000)
        XCTAssertTrue(summary.contains("7,000 customers scored"), summary)

        // The store: one succeeded run at 100%, the model active, the scores there.
        let runs = try workspace.runs()
        XCTAssertEqual(runs.map(\.status), [.succeeded])
        XCTAssertEqual(runs.first?.progress, 1)
        XCTAssertTrue(try ScoreReader(workspace: workspace).hasScores())

        // Reduced in order, the actions leave the app on the Overview of the new scores.
        var state = reduce(AppState(preview: ImportPreviewState(profile: Fixtures.subscription, layoutWidth: 100, glyphs: .unicode,
                                                                plan: plan),
                                    size: TerminalSize(width: 100, height: 30), user: "t"), .training(.trainOrShow))
        for action in actions { state = reduce(state, .training(action)) }
        XCTAssertEqual(state.tab, .overview)
        XCTAssertEqual(state.data?.customers.ids.count, 7000)
    }

    func testCancelledRunIsRecordedAsCancelledWithNoModel() throws {
        let workspace = try Workspace(path: folder.appendingPathComponent("ws.db").path, user: "tester")
        let plan = TrainingPlan(file: sample, configuration: TrainingConfiguration(families: [.logreg, .gbdt], folds: 3, seed: 7, trials: 2))
        let run = TrainingRun()
        final class Posted: @unchecked Sendable {
            let lock = NSLock()
            var actions: [Action] = []
        }
        let posted = Posted()
        // Cancel as soon as the search reports its first fit, as Esc in the panel would.
        TrainingWork.perform(plan, run: run, workspace: workspace) { action in
            posted.lock.lock(); posted.actions.append(action); posted.lock.unlock()
            if case .training(.progress(let e)) = action, e.stage == .searching { run.cancel() }
        }
        let actions = trainingActions(posted.actions)
        XCTAssertEqual(actions.last, .cancelled)
        XCTAssertFalse(actions.contains { if case .trained = $0 { return true } else { return false } })
        let runs = try workspace.runs()
        XCTAssertEqual(runs.count, 1)
        XCTAssertEqual(runs.first?.status, .cancelled)
        XCTAssertEqual(runs.first?.error, "training was cancelled")
        XCTAssertLessThan(try XCTUnwrap(runs.first?.progress), 1)
        XCTAssertTrue(try workspace.models().isEmpty, "no model is saved by a cancelled run")
        XCTAssertFalse(try ScoreReader(workspace: workspace).hasScores())
    }
}
