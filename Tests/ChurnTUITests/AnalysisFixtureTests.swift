import ChurnKit
import XCTest
@testable import ChurnTUI

/// The app's background load gives every tab the scored customers' features and an explainer.
final class AnalysisFixtureTests: XCTestCase {
    func testLoadedAnalysisLinesUpWithTheStoredScores() throws {
        let fixture = try AnalysisFixture.load()
        let analysis = fixture.analysis
        XCTAssertEqual(analysis.population.customerIDs, fixture.data.customers.ids, "rows line up with the table's customers")
        XCTAssertEqual(analysis.matrix.columns.first?.count, fixture.data.customers.count)
        XCTAssertNotNil(analysis.context, analysis.explainNote ?? "")
        XCTAssertEqual(analysis.metrics?.leaderboard?.isEmpty, false, "the run's leaderboard is stored with the model")
        XCTAssertEqual(analysis.outOfFold?.probabilities.count, fixture.data.customers.count)
        XCTAssertEqual(analysis.versions.count, 1)
    }

    /// A transaction log's customers are scored in file order, not id order: rows must still line up.
    func testRowsLineUpForATransactionLog() throws {
        let fixture = try AnalysisFixture.load(.retail)
        XCTAssertEqual(fixture.analysis.population.customerIDs, fixture.data.customers.ids)
        XCTAssertNotEqual(fixture.data.customers.ids, fixture.data.customers.ids.sorted(), "the fixture tests a file not in id order")
    }

    func testTheAnalysisLoadIsRequestedOnceAndTabsWaitForIt() throws {
        let fixture = try AnalysisFixture.load()
        var state = AppState.workspace(fixture.data, size: TerminalSize(width: 100, height: 30), user: "tester")
        state = reduce(state, .requestAnalysis)
        XCTAssertEqual(state.effects, [.loadAnalysis])
        state.effects.removeAll()
        state = reduce(state, .selectTab(.customer))
        XCTAssertTrue(render(state, size: state.size).textLines().joined().contains("Loading"), "a tab says it is loading")
        state = reduce(state, .analysisLoaded(Shared(fixture.analysis)))
        state = reduce(state, .requestAnalysis)
        XCTAssertFalse(state.effects.contains(.loadAnalysis), "no second load once loaded")
    }

    func testThresholdChangesAskToBeSaved() throws {
        let fixture = try AnalysisFixture.load()
        var state = fixture.state(TerminalSize(width: 100, height: 30))
        state = reduce(state, .adjustThreshold(0.05))
        XCTAssertEqual(state.effects, [.saveSetting(key: "threshold", value: NumberText.fixed(fixture.threshold + 0.05, decimals: 2))])
    }
}
