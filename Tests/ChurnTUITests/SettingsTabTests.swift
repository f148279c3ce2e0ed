import ChurnKit
import XCTest
@testable import ChurnTUI

/// The Settings tab on a real trained and scored workspace: the threshold figures against an
/// independent count over the out-of-fold scores, the optimiser keys against `ThresholdOptimizer`,
/// settings changes and the effects they request, and frames at several sizes.
final class SettingsTabTests: XCTestCase {
    /// The Settings tab with the analysis and the threshold figures loaded.
    static func state(_ size: TerminalSize, glyphs: Glyphs = .unicode) throws -> (AppState, AnalysisFixture.Loaded) {
        let fixture = try AnalysisFixture.load(.subscription)
        var state = fixture.state(size, tab: .settings)
        state.glyphs = glyphs
        let oof = try XCTUnwrap(fixture.analysis.outOfFold)
        state = reduce(state, .settings(.explorerReady(Shared(try ThresholdExplorer(oof)), note: nil)))
        state.effects.removeAll()
        return (state, fixture)
    }

    private func press(_ keys: [Key], _ state: AppState) -> AppState { keys.reduce(state) { reduce($0, .key($1)) } }

    /// Precision, recall, F1 and flagged counted directly from the out-of-fold scores.
    private func counted(_ oof: OutOfFoldScores, threshold t: Double) -> (tp: Double, fp: Double, fn: Double, flagged: Int) {
        var tp = 0.0, fp = 0.0, fn = 0.0, flagged = 0
        for i in oof.probabilities.indices {
            let flag = oof.probabilities[i] >= t
            if flag { flagged += 1 }
            if flag && oof.labels[i] == 1 { tp += 1 }
            if flag && oof.labels[i] == 0 { fp += 1 }
            if !flag && oof.labels[i] == 1 { fn += 1 }
        }
        return (tp, fp, fn, flagged)
    }

    func testLoadingTheAnalysisAsksForTheThresholdFigures() throws {
        let fixture = try AnalysisFixture.load(.subscription)
        var state = AppState.workspace(fixture.data, size: TerminalSize(width: 100, height: 30), user: "tester")
        state = reduce(state, .analysisLoaded(Shared(fixture.analysis)))
        XCTAssertTrue(state.effects.contains(.settings(.buildExplorer)))
        XCTAssertEqual(state.settings.versions, fixture.analysis.versions)
        XCTAssertEqual(state.settings.chosenVersion, fixture.analysis.record.version)
    }

    func testFiguresAtEachThresholdMatchAnIndependentCount() throws {
        var (state, fixture) = try Self.state(TerminalSize(width: 100, height: 30))
        let oof = try XCTUnwrap(fixture.analysis.outOfFold)
        let explorer = try XCTUnwrap(state.settings.explorer?.value)
        XCTAssertEqual(explorer.customers, oof.labels.count)
        XCTAssertEqual(explorer.churners, oof.labels.filter { $0 == 1 }.count)
        // Walk the slider from 0.50 up 20 steps and down 40, checking every stop.
        var stops: [Double] = []
        for key in Array(repeating: Key.right, count: 20) + Array(repeating: Key.left, count: 40) {
            state = press([key], state)
            stops.append(state.threshold)
            let point = explorer.point(at: state.threshold)
            let c = counted(oof, threshold: state.threshold)
            XCTAssertEqual(point.flagged, c.flagged, "flagged at \(state.threshold)")
            XCTAssertEqual(point.precision, c.tp / (c.tp + c.fp), accuracy: 1e-12)
            XCTAssertEqual(point.recall, c.tp / (c.tp + c.fn), accuracy: 1e-12)
            XCTAssertEqual(point.f1, 2 * c.tp / (2 * c.tp + c.fp + c.fn), accuracy: 1e-12)
            // Net value: churners flagged x value x success rate - flagged x cost per contact (defaults 500, 0.3, 8).
            XCTAssertEqual(explorer.netValue(point, state.settings.values), c.tp * 500 * 0.3 - Double(c.flagged) * 8, accuracy: 1e-6)
        }
        XCTAssertEqual(stops.first, 0.51)
        XCTAssertEqual(stops[19], 0.7)
        XCTAssertEqual(stops.last, 0.3, "steps of 0.01 land on the grid without drifting")
        // And the screen shows them.
        let text = render(state, size: state.size).textLines().joined(separator: "\n")
        let c = counted(oof, threshold: 0.3)
        XCTAssertTrue(text.contains("Precision " + NumberText.fixed(c.tp / (c.tp + c.fp), decimals: 3)), text)
        XCTAssertTrue(text.contains("Recall " + NumberText.fixed(c.tp / (c.tp + c.fn), decimals: 3)), text)
        XCTAssertTrue(text.contains("Flagged " + NumberText.count(c.flagged)), text)
    }

    func testSliderKeysAskToSaveTheThreshold() throws {
        var (state, _) = try Self.state(TerminalSize(width: 100, height: 30))
        state = press([.right, .right, .pageDown], state)
        XCTAssertEqual(state.threshold, 0.47, accuracy: 1e-12)
        XCTAssertEqual(state.effects.last, .saveSetting(key: "threshold", value: "0.47"))
    }

    func testOptimiserKeysSetTheThresholdTheOptimizerFinds() throws {
        let (start, fixture) = try Self.state(TerminalSize(width: 100, height: 30))
        let oof = try XCTUnwrap(fixture.analysis.outOfFold)
        let plain = try ThresholdOptimizer(scores: oof.probabilities, labels: oof.labels)
        let money = try ThresholdOptimizer(scores: oof.probabilities, labels: oof.labels,
                                           profit: ThresholdProfitModel(costPerContact: 8, customerValue: 500, successRate: 0.3))
        let cases: [(Key, ThresholdPoint?)] = [
            (.char("f"), plain.best(.f1)), (.char("p"), money.best(.profit)),
            (.char("r"), plain.best(.recall(0.8))), (.char("P"), plain.best(.precision(0.5))),
        ]
        for (key, expected) in cases {
            let expected = try XCTUnwrap(expected)
            let state = press([.down, .down, key], start)
            XCTAssertEqual(state.threshold, expected.threshold, "key \(key)")
            XCTAssertEqual(state.settings.selected, .threshold, "the cursor goes to the threshold it set")
            XCTAssertEqual(state.effects.last, .saveSetting(key: "threshold", value: NumberText.thresholdSetting(expected.threshold)))
            XCTAssertEqual(Double(NumberText.thresholdSetting(expected.threshold)), expected.threshold, "saved exactly")
            let explorer = try XCTUnwrap(state.settings.explorer?.value)
            XCTAssertEqual(explorer.point(at: state.threshold).flagged, expected.flagged)
            if key == .char("p") {
                XCTAssertEqual(explorer.netValue(explorer.point(at: state.threshold), state.settings.values), expected.netValue, accuracy: 1e-6)
            }
        }
        // Recall target and precision floor follow their settings: 0.9 recall needs a lower threshold.
        var state = press([.down, .right, .right, .char("r")], start)
        XCTAssertEqual(state.settings.values.recallTarget, 0.9, accuracy: 1e-12)
        XCTAssertEqual(state.threshold, try XCTUnwrap(plain.best(.recall(0.9))).threshold)
        XCTAssertTrue(state.effects.contains(.saveSetting(key: "threshold.recall_target", value: "0.9")))
        // A precision floor no threshold reaches is explained and leaves the threshold alone.
        state = press([.down, .enter, .ctrl("u")] + "1".map { Key.char($0) } + [.enter], start)
        let before = state.threshold
        state = press([.char("P")], state)
        if plain.best(.precision(1)) == nil {
            XCTAssertEqual(state.threshold, before)
            XCTAssertTrue(state.message?.contains("No threshold keeps precision") == true, state.message ?? "")
        }
    }

    func testTypedValuesAreCheckedAndTierBoundariesRecountTheOverview() throws {
        var (state, fixture) = try Self.state(TerminalSize(width: 100, height: 30))
        // Cost per contact: type 12.5.
        state = press([.char("G"), .up, .up, .up, .up, .up, .up, .up, .enter, .ctrl("u")] + "12.5".map { Key.char($0) } + [.enter], state)
        XCTAssertEqual(state.settings.selected, .costPerContact)
        XCTAssertEqual(state.settings.values.costPerContact, 12.5)
        XCTAssertEqual(state.effects.last, .saveSetting(key: "roi.cost_per_contact", value: "12.5"))
        // A bad value keeps the input open with a message naming what is expected.
        state = press([.down, .down, .enter, .ctrl("u")] + "abc".map { Key.char($0) } + [.enter], state)
        XCTAssertEqual(state.settings.selected, .successRate)
        XCTAssertNotNil(state.settings.editing)
        XCTAssertEqual(state.message, "Success rate: \"abc\" is not a share from 0 to 1 (e.g. 0.35 or 35%)")
        state = press([.ctrl("u")] + "35%".map { Key.char($0) } + [.enter], state)
        XCTAssertNil(state.settings.editing)
        XCTAssertEqual(state.settings.values.successRate, 0.35, accuracy: 1e-12)

        // High boundary 0.70 -> 0.80 (two big steps of 0.05); Overview's counts follow.
        state = press([.char("g"), .down, .down, .down, .pageUp, .pageUp], state)
        XCTAssertEqual(state.settings.selected, .tierHigh)
        XCTAssertEqual(state.settings.values.tiers.high, 0.8, accuracy: 1e-12)
        XCTAssertEqual(state.effects.last, .saveSetting(key: "tiers.high", value: "0.8"))
        let tiers = try RiskTiers(high: 0.8, medium: 0.4, low: 0.2)
        let p = fixture.data.customers.probabilities
        let expected = [RiskTier.high, .medium, .low, .safe].map { tier in p.filter { tiers.tier(for: $0) == tier }.count }
        let counts = try XCTUnwrap(state.data?.summary.tierCounts)
        XCTAssertEqual([counts[Int(StoredTier.high.rawValue)], counts[Int(StoredTier.medium.rawValue)],
                        counts[Int(StoredTier.low.rawValue)], counts[Int(StoredTier.safe.rawValue)]], expected)
        XCTAssertEqual(state.data?.customers.tiers.filter { $0 == .high }.count, expected[0])
        // Medium may not pass high: the order is kept and the message says why.
        state = press([.down, .enter, .ctrl("u")] + "0.9".map { Key.char($0) } + [.enter], state)
        XCTAssertEqual(state.settings.values.tiers.medium, 0.4, accuracy: 1e-12)
        XCTAssertTrue(state.message?.contains("must rise from low to high") == true, state.message ?? "")
        state = press([.escape, .char("d")], state)
        XCTAssertEqual(state.settings.selected, .tierMedium)
        XCTAssertEqual(state.settings.values.tiers, RiskTiers(), "d puts the tier boundaries back to the defaults")
    }

    func testModelAndThemeLinesRequestTheirEffects() throws {
        var (state, _) = try Self.state(TerminalSize(width: 100, height: 30))
        state.settings.themes = ["default", "light", "high-contrast", "monochrome"]
        state = press([.char("G"), .up, .up, .right], state)
        XCTAssertEqual(state.settings.theme, "light")
        XCTAssertEqual(state.effects.last, .settings(.applyTheme(name: "light", previous: "default")))
        state = reduce(state, .settings(.themeFailed(name: "light", previous: "default", message: "bad file")))
        XCTAssertEqual(state.settings.theme, "default")
        state = press([.left], state)
        XCTAssertEqual(state.settings.theme, "monochrome", "left wraps around")

        // One version only: Enter says it is already active; b asks the store to roll back.
        state.effects.removeAll()
        state = press([.up, .enter], state)
        XCTAssertEqual(state.settings.selected, .model)
        XCTAssertEqual(state.message, "v1 is already the active model")
        state = press([.char("b")], state)
        XCTAssertEqual(state.effects, [.settings(.rollBack)])
    }

    func testKeysAreListedInTheHelp() {
        let help = HelpOverlay.lines(SettingsView.keyMap, glyphs: .unicode).map(\.help)
        for text in ["threshold with the best F1", "threshold with the best net value", "highest threshold reaching the recall target",
                     "lowest threshold keeping the precision floor", "promote the chosen model version",
                     "roll back to the previous model version", "type a number; promote the chosen model"] {
            XCTAssertTrue(help.contains(text), text)
        }
    }

    func testSnapshotsAtSeveralSizes() throws {
        for (w, h) in [(100, 30), (80, 24), (40, 12)] {
            let size = TerminalSize(width: w, height: h)
            let (state, _) = try Self.state(size)
            assertSnapshot(render(reduce(state, .resize(size)), size: size), named: "settings-\(w)x\(h)")
        }
        let size = TerminalSize(width: 80, height: 24)
        var (state, _) = try Self.state(size, glyphs: .ascii)
        state = press([.char("f"), .down, .down, .down, .down, .enter, .ctrl("u"), .char("0"), .char(".")], state)
        assertSnapshot(render(state, size: size), named: "settings-80x24-ascii-optimised-editing")
        // Tiny terminals do not crash.
        for (w, h) in [(20, 6), (39, 11), (41, 12)] {
            let tiny = TerminalSize(width: w, height: h)
            _ = render(reduce(state, .resize(tiny)), size: tiny)
        }
    }

    func testBeforeTheFiguresLoadTheListStillWorks() throws {
        let fixture = try AnalysisFixture.load(.subscription)
        var state = AppState.workspace(fixture.data, size: TerminalSize(width: 80, height: 24), user: "tester")
        state = press([.char("7")], state)
        let text = render(state, size: state.size).textLines().joined(separator: "\n")
        XCTAssertTrue(text.contains("Loading the model's out-of-fold"), text)
        state = press([.char("f")], state)
        XCTAssertEqual(state.message, "the out-of-fold scores are still loading")
        state = press([.down, .right], state)
        XCTAssertEqual(state.settings.values.recallTarget, 0.85, accuracy: 1e-12)
    }
}
