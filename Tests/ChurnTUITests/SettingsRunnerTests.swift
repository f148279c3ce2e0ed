import ChurnKit
import Foundation
import XCTest
@testable import ChurnTUI

/// The Settings tab's effects carried out by the `EffectRunner` on a real workspace: settings saved
/// and loaded back at start-up, model promotion and roll back, live theme switching.
final class SettingsRunnerTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("churn-settings-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func press(_ keys: [Key], _ state: AppState, runner: EffectRunner) -> AppState {
        var state = state
        for key in keys {
            state = reduce(state, .key(key))
            let effects = state.effects
            state.effects.removeAll()
            for effect in effects { runner.perform(effect, state: state) }
        }
        return state
    }

    func testSettingsPersistThroughTheRunnerAndReload() throws {
        let (start, fixture) = try SettingsTabTests.state(TerminalSize(width: 100, height: 30))
        // A fresh workspace file stands in for the fixture's, so other tests keep their settings.
        let workspace = try Workspace(path: folder.appendingPathComponent("w.sqlite").path, user: "ann")
        let queue = ActionQueue()
        let runner = EffectRunner(workspace: workspace, queue: queue)
        var state = press([.char("f")], start, runner: runner)                          // optimised threshold
        state = press([.down, .right], state, runner: runner)                           // recall target 0.85
        state = press([.down, .down, .down, .left, .left], state, runner: runner)        // medium 0.38
        state = press([.down, .down, .down, .enter, .ctrl("u")] + "25".map { Key.char($0) } + [.enter], state, runner: runner) // offer 25
        state = press([.down, .enter, .ctrl("u")] + "40%".map { Key.char($0) } + [.enter], state, runner: runner)     // success 0.4
        XCTAssertTrue(queue.drain().isEmpty, "nothing failed")

        let reloaded = try SettingsValues.load(from: workspace)
        XCTAssertEqual(reloaded.recallTarget, 0.85, accuracy: 1e-12)
        XCTAssertEqual(reloaded.tiers, try RiskTiers(high: 0.7, medium: 0.38, low: 0.2))
        XCTAssertEqual(reloaded.offerCost, 25)
        XCTAssertEqual(reloaded.successRate, 0.4, accuracy: 1e-12)
        XCTAssertEqual(reloaded.costPerContact, 8, "never changed: the default")
        XCTAssertTrue(reloaded.problems.isEmpty, reloaded.problems.joined())
        XCTAssertEqual(reloaded, state.settings.values)
        let savedThreshold = try XCTUnwrap(workspace.setting(WorkspaceApp.thresholdSetting).flatMap(Double.init))
        XCTAssertEqual(savedThreshold, state.threshold, "the optimiser's threshold is saved exactly")

        // Start-up applies them: the tier counts follow the stored boundaries.
        var restarted = AppState.workspace(fixture.data, threshold: savedThreshold, size: TerminalSize(width: 100, height: 30), user: "ann")
        SettingsReducer.restore(&restarted, values: reloaded, themes: BuiltinThemes.names, theme: "default", colors: true)
        XCTAssertEqual(restarted.settings.values, reloaded)
        XCTAssertEqual(restarted.data?.summary.tierCounts, state.data?.summary.tierCounts)
        let medium = fixture.data.customers.probabilities.filter { $0 >= 0.38 && $0 <= 0.7 }.count
        XCTAssertEqual(restarted.data?.summary.tierCounts[Int(StoredTier.medium.rawValue)], medium)
    }

    func testBadStoredValuesFallBackToDefaultsWithAMessage() {
        let values = SettingsValues(stored: ["roi.success_rate": "1.5", "tiers.high": "0.3", "roi.offer_cost": "12", "theme": "light"])
        XCTAssertEqual(values.successRate, 0.3)
        XCTAssertEqual(values.offerCost, 12)
        XCTAssertEqual(values.tiers, RiskTiers(), "high 0.3 below medium 0.4 is refused")
        XCTAssertEqual(values.theme, "light")
        XCTAssertEqual(values.problems.count, 2)
        XCTAssertTrue(values.problems[0].contains("roi.success_rate"), values.problems[0])
    }

    func testModelActivationRoundTripThroughTheRunner() throws {
        let (start, _) = try SettingsTabTests.state(TerminalSize(width: 100, height: 30))
        let workspace = try Workspace(path: folder.appendingPathComponent("w.sqlite").path, user: "ann")
        for family in ["logreg", "gbdt", "forest"] {
            _ = try workspace.saveModel(NewModel(family: family, parametersJSON: "{}", metricsJSON: "{}", featureSchemaJSON: "{}",
                                                 dataHash: "h", seed: 1, blob: Data([1])), runID: nil)
        }
        let queue = ActionQueue()
        let runner = EffectRunner(workspace: workspace, queue: queue)
        var state = start
        state.settings.versions = try workspace.models()
        state.settings.chosenVersion = 3
        // Choose v2 (one older) and promote it with Enter.
        state = press([.char("G"), .up, .up, .up, .left, .enter], state, runner: runner)
        var posted = queue.drain()
        XCTAssertEqual(posted.count, 1)
        state = posted.reduce(state, reduce)
        XCTAssertEqual(try workspace.models().filter(\.active).map(\.version), [2])
        XCTAssertEqual(state.settings.versions.filter(\.active).map(\.version), [2])
        // The fixture's scores come from its v1 gbdt: the message says they are not v2's and how to re-score.
        let message = try XCTUnwrap(state.message)
        XCTAssertTrue(message.hasPrefix("v2 gbdt is now the active model; the scores shown are still v1's: run churn score "), message)
        XCTAssertTrue(message.contains("--db \(state.data?.workspacePath ?? "")"), message)

        // b rolls back to v1; b again cannot go further and says so.
        state = press([.char("b")], state, runner: runner)
        state = queue.drain().reduce(state, reduce)
        XCTAssertEqual(try workspace.models().filter(\.active).map(\.version), [1])
        XCTAssertEqual(state.message, "v1 logreg is now the active model; the scores shown are its own")
        state = press([.char("b")], state, runner: runner)
        posted = queue.drain()
        state = posted.reduce(state, reduce)
        XCTAssertEqual(state.message, "model version 1 is the oldest saved version; there is no earlier version to roll back to.")
        XCTAssertEqual(try workspace.models().filter(\.active).map(\.version), [1])
    }

    func testThemeSwitchesThroughTheHookAndIsSaved() throws {
        let (start, _) = try SettingsTabTests.state(TerminalSize(width: 100, height: 30))
        let workspace = try Workspace(path: folder.appendingPathComponent("w.sqlite").path, user: "ann")
        let queue = ActionQueue()
        let runner = EffectRunner(workspace: workspace, queue: queue)
        final class Applied: @unchecked Sendable { var names: [String] = [] }
        let applied = Applied()
        runner.applyTheme = { applied.names.append($0.name) }
        var state = start
        state.settings.themes = ["default", "light", "missing-theme"]
        state = press([.char("G"), .up, .up, .right], state, runner: runner)
        XCTAssertEqual(applied.names, ["light"])
        XCTAssertEqual(try workspace.setting("theme"), "light")
        // A theme that cannot be loaded is reported and the one in use stays.
        state = press([.right], state, runner: runner)
        state = queue.drain().reduce(state, reduce)
        XCTAssertEqual(applied.names, ["light"])
        XCTAssertEqual(state.settings.theme, "light")
        XCTAssertTrue(state.message?.hasPrefix("theme missing-theme not applied: ") == true, state.message ?? "")
        XCTAssertEqual(try workspace.setting("theme"), "light")
    }
}
