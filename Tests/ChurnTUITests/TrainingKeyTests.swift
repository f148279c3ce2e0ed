import ChurnKit
import XCTest
@testable import ChurnTUI

/// Training from the app as action sequences on the pure reducer: starting a run, the panel's keys,
/// cancelling, quitting while it works, progress per model, and becoming the workspace app.
final class TrainingKeyTests: XCTestCase {
    private let size = TerminalSize(width: 100, height: 30)

    private func press(_ keys: [Key], _ state: AppState) -> AppState { keys.reduce(state) { reduce($0, .key($1)) } }

    /// The lone preview of `churn open FILE` with a plan of two families, 3 folds and 2 trials.
    private func preview(horizon: HorizonAdvice? = nil) -> AppState {
        let plan = TrainingPlan(file: "/data/subscription.csv",
                                configuration: TrainingConfiguration(families: [.logreg, .gbdt], folds: 3, trials: 2))
        let state = ImportPreviewState(profile: Fixtures.subscription, layoutWidth: size.width, glyphs: .unicode, plan: plan,
                                       horizon: horizon)
        return reduce(AppState(preview: state, size: size, user: "tester"), .resize(size))
    }

    private func startEffect(_ state: AppState) -> (plan: TrainingPlan, run: TrainingRun)? {
        for effect in state.effects {
            if case .training(.start(let plan, let run)) = effect { return (plan.value, run.value) }
        }
        return nil
    }

    private func cancelEffects(_ state: AppState) -> [TrainingRun] {
        state.effects.compactMap { effect in
            if case .training(.cancel(let run)) = effect { return run.value }
            return nil
        }
    }

    func testTStartsARunShowsThePanelAndTHidesAndRecallsIt() throws {
        var state = press([.char("t")], preview())
        let (plan, run) = try XCTUnwrap(startEffect(state))
        XCTAssertEqual(plan.file, "/data/subscription.csv")
        XCTAssertEqual(plan.configuration.families, [.logreg, .gbdt])
        XCTAssertEqual(state.overlay, .training)
        XCTAssertTrue(state.isBusy)
        XCTAssertEqual(state.training.phase, .preparing)
        XCTAssertTrue(state.training.run?.value === run)
        // 2 trials over 3 folds with successive halving: 2 x 2 first-rung fits + 1 survivor x 1 fold = 5.
        XCTAssertEqual(state.training.models.map(\.fitsPlanned), [5, 5])
        state.effects.removeAll()

        state = press([.char("t")], state)            // hide
        XCTAssertNil(state.overlay)
        XCTAssertTrue(state.effects.isEmpty)
        state = press([.char("t")], state)            // recall: no second run
        XCTAssertEqual(state.overlay, .training)
        XCTAssertNil(startEffect(state))
        // While the panel is open, the screen below still takes its keys.
        state = press([.char("j")], state)
        XCTAssertEqual(state.preview?.scroll.top, 1)
    }

    func testEscInThePanelRequestsCancelOnce() throws {
        var state = press([.char("t")], preview())
        let (_, run) = try XCTUnwrap(startEffect(state))
        state.effects.removeAll()
        state = press([.escape], state)
        XCTAssertEqual(cancelEffects(state).count, 1)
        XCTAssertTrue(cancelEffects(state).first === run)
        XCTAssertTrue(state.training.cancelRequested)
        XCTAssertTrue(state.training.isRunning, "the run stays running until its work reports it stopped")
        XCTAssertFalse(state.shouldQuit)
        state.effects.removeAll()
        state = press([.escape], state)               // already cancelling: nothing more
        XCTAssertTrue(cancelEffects(state).isEmpty)
        // The work reports the cancel: the run ends, the app stays, the panel says so.
        state = reduce(state, .training(.cancelled))
        XCTAssertEqual(state.training.phase, .cancelled)
        XCTAssertFalse(state.isBusy)
        XCTAssertNil(state.work)
        XCTAssertEqual(state.message, "training cancelled")
        // Esc now closes the panel; q quits without asking.
        state = press([.escape], state)
        XCTAssertNil(state.overlay)
        state = press([.char("q")], state)
        XCTAssertTrue(state.shouldQuit)
    }

    func testQWhileBusyAsksFirst() throws {
        var state = press([.char("t"), .char("t")], preview())   // start, hide the panel
        let (_, run) = try XCTUnwrap(startEffect(state))
        state.effects.removeAll()
        state = press([.char("q")], state)
        XCTAssertFalse(state.shouldQuit)
        XCTAssertTrue(state.training.confirmingQuit)
        XCTAssertTrue(state.message?.contains("Quit and cancel it?") == true, state.message ?? "")
        // Any key but y keeps training (and is not taken as a command: j does not scroll).
        state = press([.char("j")], state)
        XCTAssertFalse(state.shouldQuit)
        XCTAssertFalse(state.training.confirmingQuit)
        XCTAssertEqual(state.preview?.scroll.top, 0)
        XCTAssertTrue(cancelEffects(state).isEmpty)
        // q then y: the run is cancelled and the app leaves.
        state = press([.char("q"), .char("y")], state)
        XCTAssertTrue(state.shouldQuit)
        XCTAssertTrue(cancelEffects(state).first === run)
    }

    func testCtrlCCancelsThenQuitsAndQuitsAtOnceWhenIdle() throws {
        XCTAssertTrue(reduce(preview(), .interrupt).shouldQuit)
        XCTAssertTrue(press([.char("q")], preview()).shouldQuit)
        var state = press([.char("t")], preview())
        state.effects.removeAll()
        state = reduce(state, .interrupt)               // SIGINT or Ctrl+C outside the panel
        XCTAssertFalse(state.shouldQuit)
        XCTAssertEqual(cancelEffects(state).count, 1)
        state = reduce(state, .interrupt)               // again: leave
        XCTAssertTrue(state.shouldQuit)
    }

    func testProgressFillsEachModelsBarAndResult() {
        var state = press([.char("t")], preview())
        func event(_ family: ModelFamily?, fold: Int?, auc: Double? = nil, fraction: Double) -> Action {
            .training(.progress(TrainingEvent(stage: .searching, family: family, modelIndex: family == .logreg ? 1 : 2, modelCount: 2,
                                              fold: fold, foldCount: 3, trial: fold == nil ? nil : 1, trialCount: 2,
                                              fraction: fraction, elapsed: 1, eta: 2, message: "m\(fraction)", searchAUC: auc)))
        }
        state = reduce(state, event(.logreg, fold: 1, fraction: 0.1))
        state = reduce(state, event(.logreg, fold: 2, fraction: 0.2))
        XCTAssertEqual(state.training.phase, .running)
        XCTAssertEqual(state.training.models[0].fitsDone, 2)
        XCTAssertEqual(state.training.models[0].fraction, 0.4, accuracy: 1e-12)
        XCTAssertEqual(state.work, "training 20%")
        state = reduce(state, event(.logreg, fold: nil, auc: 0.8123, fraction: 0.45))
        XCTAssertTrue(state.training.models[0].done)
        XCTAssertEqual(state.training.models[0].auc, 0.8123)
        XCTAssertEqual(state.training.models[1].fitsDone, 0)
        let screen = render(state, size: size).textLines().joined(separator: "\n")
        XCTAssertTrue(screen.contains("0.812"), screen)          // the model's result as soon as it is known
        XCTAssertTrue(screen.contains("waiting"), screen)        // gbdt has not started
        XCTAssertTrue(screen.contains("Esc cancel"), screen)
        state = reduce(state, .training(.failed("every model family failed")))
        XCTAssertEqual(state.training.phase, .failed("every model family failed"))
        XCTAssertFalse(state.isBusy)
        XCTAssertEqual(state.overlay, .training)
    }

    func testHorizonKeysMoveAmongTheCandidates() {
        let advice = HorizonAdvice(suggestedDays: 90, rule: "rule", candidates: [
            HorizonCandidate(horizonDays: 30, cutoff: "2024-12-01", customers: 100, churnRate: 0.5),
            HorizonCandidate(horizonDays: 90, cutoff: "2024-10-02", customers: 90, churnRate: 0.4),
            HorizonCandidate(horizonDays: 180, cutoff: "2024-07-04", customers: 80, churnRate: 0.3),
        ])
        var state = preview(horizon: advice)
        XCTAssertEqual(state.preview?.trainingPlan?.horizonDays, 90)
        state = press([.char(">")], state)
        XCTAssertEqual(state.preview?.horizonDays, 180)
        state = press([.char(">")], state)              // stays at the longest
        XCTAssertEqual(state.preview?.horizonDays, 180)
        state = press([.char("<"), .char("<")], state)
        XCTAssertEqual(state.preview?.trainingPlan?.horizonDays, 30)
        let screen = render(state, size: size).textLines().joined(separator: "\n")
        XCTAssertTrue(screen.contains("horizon 30 d → churn 50.0%"), screen)
        XCTAssertEqual(startEffect(press([.char("t")], state))?.plan.horizonDays, 30)
    }

    func testFinishedRunBecomesTheWorkspaceAppOnOverview() {
        var state = press([.char("t")], preview())
        state.effects.removeAll()
        state = reduce(state, .training(.trained(Shared([]), version: 3)))
        XCTAssertEqual(state.training.phase, .scoring)
        XCTAssertEqual(state.work, "scoring")
        state = reduce(state, .training(.finished(Shared(ScoreFixtures.data(50)), threshold: 0.4, summary: "model v3 done")))
        XCTAssertNotNil(state.data)
        XCTAssertEqual(state.tab, .overview)
        XCTAssertEqual(state.threshold, 0.4)
        XCTAssertEqual(state.training.phase, .finished)
        XCTAssertFalse(state.isBusy)
        XCTAssertEqual(state.message, "model v3 done")
        XCTAssertTrue(state.effects.contains(.loadAnalysis))
        XCTAssertNotNil(state.training.retrainPlan, ":train can train the same file again")
        // :train in the workspace app starts another run over the shown scores.
        state.effects.removeAll()
        state = press([.char(":")] + "train".map { .char($0) } + [.enter], state)
        XCTAssertNotNil(startEffect(state))
        XCTAssertEqual(state.overlay, .training)
        XCTAssertNotNil(state.data, "the old scores stay usable while it runs")
        // T hides the panel in the workspace app.
        state = press([.char("T")], state)
        XCTAssertNil(state.overlay)
    }
}
