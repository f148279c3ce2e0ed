import ChurnKit
import Foundation
import XCTest
@testable import ChurnTUI

/// The Model insights tab over a real run of two families and their blend (a leaderboard of three):
/// frames at three sizes, key sequences, the confusion matrix against an independent count, and the
/// background work the tab asks for.
final class InsightsTabTests: XCTestCase {
    private static let families: [ModelFamily] = [.logreg, .gbdt]
    private func fixture() throws -> AnalysisFixture.Loaded { try AnalysisFixture.load(.subscription, families: Self.families) }
    private func press(_ keys: [Key], _ state: AppState) -> AppState { keys.reduce(state) { reduce($0, .key($1)) } }

    /// SHAP importance computed once per process (the same work the effect does).
    nonisolated(unsafe) private static var shapCache: ShapImportance?
    private func shap(_ f: AnalysisFixture.Loaded) throws -> ShapImportance {
        if let s = Self.shapCache { return s }
        let s = try ShapImportance.compute(f.analysis, limit: InsightsEffect.shapSampleLimit)
        Self.shapCache = s
        return s
    }

    /// The curves of the fixture's out-of-fold scores, computed once per process.
    nonisolated(unsafe) private static var curvesCache: InsightsCurves?
    private func curves(_ f: AnalysisFixture.Loaded) throws -> InsightsCurves {
        if let c = Self.curvesCache { return c }
        let c = InsightsCurves(try XCTUnwrap(f.analysis.outOfFold), modelID: f.analysis.record.id)
        Self.curvesCache = c
        return c
    }

    /// The tab with curves and importance ready, as after the background work posted them.
    private func ready(_ size: TerminalSize, section: InsightsSection = .leaderboard) throws -> AppState {
        let f = try fixture()
        var state = f.state(size, tab: .insights)
        state = reduce(state, .insights(.curvesReady(Shared(try curves(f)))))
        state = reduce(state, .insights(.shapReady(Shared(try shap(f)))))
        state = reduce(state, .insights(.showSection(section)))
        return state
    }

    private func text(_ state: AppState) -> String { render(state, size: state.size).textLines().joined(separator: "\n") }

    func testTheRunHasALeaderboardOfThreeWithOneChampion() throws {
        let f = try fixture()
        let rows = InsightsLeaderboard.rows(f.state(TerminalSize(width: 100, height: 30), tab: .insights))
        XCTAssertEqual(Set(rows.map(\.name)), ["logreg", "gbdt", "blend"])
        XCTAssertEqual(rows.filter(\.champion).count, 1)
    }

    func testSnapshotsAt100x30() throws {
        for section in InsightsSection.allCases {
            let state = try ready(TerminalSize(width: 100, height: 30), section: section)
            assertSnapshot(render(state, size: state.size), named: "insights-100x30-\(section.rawValue)")
        }
    }

    func testSnapshotsAt80x24() throws {
        for section in InsightsSection.allCases {
            let state = try ready(TerminalSize(width: 80, height: 24), section: section)
            assertSnapshot(render(state, size: state.size), named: "insights-80x24-\(section.rawValue)")
        }
        for section in InsightsSection.allCases {
            var ascii = try ready(TerminalSize(width: 80, height: 24), section: section)
            ascii.glyphs = .ascii
            ascii.asciiOnly = true
            let frame = render(ascii, size: ascii.size)
            XCTAssertTrue(frame.textLines().allSatisfy { $0.allSatisfy(\.isASCII) })
            XCTAssertFalse(frame.textLines().dropLast().joined().contains("?"), "no character fell back to ? in \(section)")
            if section == .curves || section == .leaderboard {
                assertSnapshot(frame, named: "insights-80x24-\(section.rawValue)-ascii")
            }
        }
    }

    func testSnapshotsAt40x12AndTiny() throws {
        for section in InsightsSection.allCases {
            let state = try ready(TerminalSize(width: 40, height: 12), section: section)
            assertSnapshot(render(state, size: state.size), named: "insights-40x12-\(section.rawValue)")
        }
        let help = reduce(try ready(TerminalSize(width: 100, height: 30)), .key(.char("?")))
        XCTAssertTrue(text(help).contains("next view"), "the help lists the view key")
        for w in [20, 30, 39, 41, 50, 60] {
            for h in [6, 9, 10, 13, 17, 18, 20] {
                for section in InsightsSection.allCases {
                    let state = try ready(TerminalSize(width: w, height: h), section: section)
                    _ = render(state, size: state.size)
                }
            }
        }
        let tiny = try ready(TerminalSize(width: 20, height: 6), section: .curves)
        assertSnapshot(render(tiny, size: tiny.size), named: "insights-20x6")
    }

    func testWhileComputingTheTabSaysSoAndShowsWhatIsReady() throws {
        let f = try fixture()
        var state = f.state(TerminalSize(width: 100, height: 30), tab: .insights)
        XCTAssertTrue(text(state).contains("Leaderboard"), "the leaderboard needs no background work")
        state = reduce(state, .insights(.showSection(.curves)))
        XCTAssertTrue(text(state).contains("Computing ROC"))
        XCTAssertEqual(InsightsView.position(state), "view 2/4")
        state = reduce(state, .insights(.curvesUnavailable(modelID: f.analysis.record.id, "this model has no stored out-of-fold scores")))
        XCTAssertTrue(text(state).contains("this model has no stored out-of-fold scores"))
        XCTAssertFalse(text(state).contains("Computing ROC"))
        state = reduce(state, .insights(.showSection(.importance)))
        XCTAssertTrue(text(state).contains("Computing mean |SHAP|"))
        if f.analysis.model.family == .logreg {
            XCTAssertTrue(text(state).contains("No split-gain importance: the logreg model has no trees."))
        } else {
            XCTAssertTrue(text(state).contains("Split gain"), "the gain importance is ready at once")
        }
        let other = f.analysis.record.id + 1
        state = reduce(state, .insights(.shapUnavailable(modelID: other, "stale")))
        XCTAssertNil(state.insights.shapNote, "results for another model are ignored")
        state = reduce(state, .insights(.shapUnavailable(modelID: f.analysis.record.id, "naive Bayes has no exact explanation")))
        XCTAssertTrue(text(state).contains("No SHAP importance: naive Bayes"))
    }

    func testConfusionMatrixEqualsAnIndependentCount() throws {
        let f = try fixture()
        let scores = try XCTUnwrap(f.analysis.outOfFold)
        let curves = InsightsCurves(scores, modelID: f.analysis.record.id)
        for t in [0.0, 0.05, 0.2, 0.35, 0.5, 0.61, 0.9, 1.0] {
            var tp = 0.0, fp = 0.0, tn = 0.0, fn = 0.0
            for i in scores.probabilities.indices {
                let flagged = scores.probabilities[i] >= t, churned = scores.labels[i] == 1
                switch (flagged, churned) {
                case (true, true): tp += 1
                case (true, false): fp += 1
                case (false, false): tn += 1
                case (false, true): fn += 1
                }
            }
            XCTAssertEqual(curves.confusion(at: t), ConfusionMatrix(truePositives: tp, falsePositives: fp, trueNegatives: tn, falseNegatives: fn),
                           "threshold \(t)")
        }
        // The grid on screen shows the same counts at the state's threshold.
        var state = try ready(TerminalSize(width: 100, height: 30), section: .curves)
        state = reduce(state, .setThreshold(0.35))
        let m = curves.confusion(at: 0.35)
        let screen = text(state)
        for (name, count) in [("TP", m.truePositives), ("FN", m.falseNegatives), ("FP", m.falsePositives), ("TN", m.trueNegatives)] {
            XCTAssertTrue(screen.contains("\(name) \(NumberText.count(Int(count))) "), "\(name) \(Int(count)) on screen")
        }
    }

    func testViewKeysCycleAndSelectionMoves() throws {
        var state = try ready(TerminalSize(width: 80, height: 24))
        XCTAssertEqual(state.insights.section, .leaderboard)
        state = press([.char("v")], state)
        XCTAssertEqual(state.insights.section, .curves)
        state = press([.char("v"), .char("v")], state)
        XCTAssertEqual(state.insights.section, .calibration)
        state = press([.char("v")], state)
        XCTAssertEqual(state.insights.section, .leaderboard, "v wraps around")
        state = press([.char("V")], state)
        XCTAssertEqual(state.insights.section, .calibration, "V goes back")
        state = press([.char("v")], state)

        let rows = InsightsLeaderboard.rows(state)
        state = press([.char("g")], state)
        XCTAssertEqual(state.insights.selectedModel, 0)
        XCTAssertTrue(text(state).contains(rows[0].name + (rows[0].champion ? " (champion)" : "")), "details follow the selection")
        state = press([.char("j")], state)
        XCTAssertEqual(state.insights.selectedModel, 1)
        XCTAssertTrue(text(state).contains(rows[1].name + (rows[1].champion ? " (champion)" : "") + " " + state.glyphs.separator))
        state = press([.char("j"), .char("j"), .char("j")], state)
        XCTAssertEqual(state.insights.selectedModel, rows.count - 1, "stops at the last model")
        XCTAssertEqual(InsightsView.position(state), "model \(rows.count)/\(rows.count)")
        state = press([.char("k")], state)
        XCTAssertEqual(state.insights.selectedModel, rows.count - 2)
        // Metric columns scroll at 80 columns: the last column appears after l presses.
        XCTAssertFalse(text(state).contains("  Value"))
        state = press(Array(repeating: .char("l"), count: 9), state)
        XCTAssertEqual(state.insights.selectedMetric, InsightsLeaderboard.columns.count - 1, "stops at the last metric")
        XCTAssertTrue(text(state).contains("Value"), "the table scrolls to the picked metric")
        XCTAssertTrue(text(state).contains("Value by model (higher is better)"), "the picked metric is compared across models")
        state = press([.char("h")], state)
        XCTAssertTrue(text(state).contains("Brier by model (lower is better)"))
        state = press([.char("0")], state)
        XCTAssertEqual(state.insights.selectedMetric, 0)
        XCTAssertEqual(state.tab, .insights, "0 is not a tab key")
    }

    func testThresholdMovesTheMarkedPoint() throws {
        var state = try ready(TerminalSize(width: 100, height: 30), section: .curves)
        state = reduce(state, .setThreshold(0.2))
        state.effects.removeAll()
        let before = markers(state)
        XCTAssertEqual(before.count, 2, "one marked point on each curve")
        state = press([.char("]"), .char("]"), .char("]"), .char("]")], state)
        XCTAssertEqual(state.threshold, 0.4, accuracy: 1e-9)
        XCTAssertEqual(state.effects.last, .saveSetting(key: "threshold", value: "0.40"))
        let after = markers(state)
        XCTAssertEqual(after.count, 2)
        XCTAssertNotEqual(before.map { [$0.x, $0.y] }, after.map { [$0.x, $0.y] }, "the marked points moved")
        // A higher threshold flags fewer customers: the ROC point moves left or down, never right.
        XCTAssertLessThanOrEqual(after[0].x, before[0].x)
        XCTAssertGreaterThanOrEqual(after[0].y, before[0].y)
        let curves = try XCTUnwrap(state.insights.curves?.value)
        let roc = curves.rocPoint(at: 0.4)
        // The marker sits in the cell of the point on the ROC canvas (chart at x 1, canvas 4 columns in, 1 line down).
        let chartWidth = (100 - 3) / 2, chartHeight = 27 - InsightsCurvesSection.confusionHeight - 1
        let canvas = BrailleCanvas(columns: chartWidth - 4, rows: chartHeight - 3)
        let dot = try XCTUnwrap(canvas.dot(x: roc.x, y: roc.y))
        XCTAssertEqual(after[0].x, 1 + 4 + dot.x / 2)
        XCTAssertEqual(after[0].y, 2 + 1 + dot.y / 4)
        XCTAssertTrue(text(state).contains("Confusion matrix at threshold 0.40"))
    }

    /// The cells holding the threshold marker, left chart first.
    private func markers(_ state: AppState) -> [(x: Int, y: Int)] {
        let frame = render(state, size: state.size)
        var found: [(x: Int, y: Int)] = []
        for x in 0..<frame.width { for y in 3..<(frame.height - 8) where frame[x, y].character == "●" { found.append((x, y)) } }
        return found
    }

    func testImportanceScrollsAndSaysWhichRowsWereExplained() throws {
        var state = try ready(TerminalSize(width: 100, height: 30), section: .importance)
        let shap = try XCTUnwrap(state.insights.shap?.value)
        let f = try fixture()
        XCTAssertEqual(shap.totalRows, f.data.customers.count)
        XCTAssertEqual(shap.sampleRows, min(2_000, shap.totalRows))
        let screen = text(state)
        XCTAssertTrue(screen.contains("Mean |SHAP|"))
        XCTAssertTrue(screen.contains(shap.sampleRows < shap.totalRows ? "evenly spaced sample" : "all \(NumberText.count(shap.totalRows)) scored"))
        XCTAssertTrue(screen.contains(String(shap.bars[0].feature.prefix(10))), "the top feature is listed")
        state = press([.char("G")], state)
        let rows = InsightsView.importanceRows(state)
        let longest = max(shap.bars.count, state.insights.gain.map(\.bars.count).max() ?? 0)
        XCTAssertEqual(state.insights.importanceTop, max(0, longest - rows))
        state = press([.char("g")], state)
        XCTAssertEqual(state.insights.importanceTop, 0)
        XCTAssertEqual(InsightsView.position(state), "features 1-\(min(longest, rows))/\(longest)")
    }

    func testLoadingTheAnalysisAsksForCurvesAndImportance() throws {
        let f = try fixture()
        var state = AppState.workspace(f.data, threshold: f.threshold, size: TerminalSize(width: 100, height: 30), user: "tester")
        state = reduce(state, .analysisLoaded(Shared(f.analysis)))
        XCTAssertTrue(state.effects.contains(.insights(.computeCurves)))
        XCTAssertTrue(state.effects.contains(.insights(.computeImportance(sampleLimit: 2_000))))
        let trees = f.analysis.model.members.filter { [.gbdt, .forest, .tree].contains($0.family) }.map(\.family.rawValue)
        XCTAssertEqual(state.insights.gain.map(\.family), trees, "one gain list per tree member")
    }

    func testGainImportanceOfAGradientBoostedModel() throws {
        let f = try AnalysisFixture.load(.subscription, families: [.gbdt])
        var state = f.state(TerminalSize(width: 100, height: 30), tab: .insights)
        XCTAssertEqual(state.insights.gain.map(\.family), ["gbdt"])
        let gain = state.insights.gain[0]
        XCTAssertEqual(gain.bars.map(\.value).reduce(0, +), 1, accuracy: 1e-9, "shares of the total gain")
        XCTAssertEqual(gain.bars.map(\.value), gain.bars.map(\.value).sorted(by: >), "largest first")
        // The shares are the model's own gain importance over its total.
        let model = try XCTUnwrap(f.analysis.model.members[0].model as? GradientBoosting)
        let total = model.gainImportance.reduce(0, +)
        for bar in gain.bars {
            let i = try XCTUnwrap(model.featureNames.firstIndex(of: bar.feature))
            XCTAssertEqual(bar.value, model.gainImportance[i] / total, accuracy: 1e-12)
        }
        state = reduce(state, .insights(.showSection(.importance)))
        let screen = text(state)
        XCTAssertTrue(screen.contains("Split gain, gbdt"))
        XCTAssertTrue(screen.contains("Computing mean |SHAP|"), "SHAP is still being computed while the gain shows")
        XCTAssertTrue(screen.contains(String(gain.bars[0].feature.prefix(8))))
    }

    func testTheEffectsPostTheirResults() throws {
        let f = try fixture()
        let queue = ActionQueue()
        let runner = EffectRunner(workspace: f.workspace, queue: queue)
        let state = f.state(TerminalSize(width: 100, height: 30), tab: .insights)
        runner.perform(.insights(.computeImportance(sampleLimit: 300)), state: state)
        runner.perform(.insights(.computeCurves), state: state)
        var posted: [Action] = []
        let deadline = Date().addingTimeInterval(300)
        while posted.count < 2, Date() < deadline {
            posted += queue.drain()
            Thread.sleep(forTimeInterval: 0.05)
        }
        XCTAssertEqual(posted.count, 2)
        var next = state
        for action in posted { next = reduce(next, action) }
        let shap = try XCTUnwrap(next.insights.shap?.value)
        XCTAssertEqual(shap.sampleRows, 300)
        XCTAssertEqual(shap.modelID, f.analysis.record.id)
        // The same means computed directly from the explainer on the same rows.
        let explainer = try XCTUnwrap(f.analysis.context?.explainer)
        let rows = ShapImportance.sampleRows(total: f.analysis.matrix.rows, limit: 300)
        let direct = try explainer.shapValues(f.analysis.matrix.subset(rows))
        let means = direct.meanAbsolute()
        for bar in shap.bars {
            let i = try XCTUnwrap(direct.featureNames.firstIndex(of: bar.feature))
            XCTAssertEqual(bar.value, means[i], accuracy: 1e-9, bar.feature)
        }
        XCTAssertEqual(shap.bars.map(\.value), shap.bars.map(\.value).sorted(by: >), "largest first")
        let curves = try XCTUnwrap(next.insights.curves?.value)
        XCTAssertEqual(curves.rows, f.analysis.outOfFold?.probabilities.count)
        XCTAssertEqual(curves.rocAUC, Metrics.rocAUC(scores: f.analysis.outOfFold?.probabilities ?? [], labels: f.analysis.outOfFold?.labels ?? []))
    }
}
