import ChurnKit
import XCTest
@testable import ChurnTUI

/// "Bought today" on a transaction log (retail sample): the runner's work and the tab's use of it.
final class WhatIfBoughtTodayTests: XCTestCase {
    func testBoughtTodayMovesTheFeaturesAndIsScoredByTheModel() throws {
        let f = try AnalysisFixture.load(.retail)
        var state = f.state(TerminalSize(width: 100, height: 30), tab: .whatIf)
        let session = try XCTUnwrap(state.whatIf.session, state.whatIf.sessionError ?? "no session")
        state = reduce(state, .key(.char("t")))
        XCTAssertEqual(state.effects, [.whatIf(.boughtToday(customerID: session.customerID))])
        XCTAssertTrue(state.whatIf.boughtTodayPending)

        let values = try EffectRunner.boughtToday(session.customerID, analysis: f.analysis)
        XCTAssertFalse(values.isEmpty)
        // A purchase today: recency 0 when the model uses recency.
        if let recency = values.keys.first(where: { $0.hasPrefix("recency") && !$0.contains("ratio") }) {
            XCTAssertEqual(values[recency], 0)
        }
        state = reduce(state, .whatIf(.boughtTodayReady(customerID: session.customerID, values: values)))
        let after = try XCTUnwrap(state.whatIf.session)
        XCTAssertFalse(state.whatIf.boughtTodayPending)
        XCTAssertNotNil(after.boughtToday)
        var columns = f.analysis.matrix.columns.map { [$0[after.row]] }
        for (name, v) in values { columns[try XCTUnwrap(f.analysis.matrix.names.firstIndex(of: name))] = [v] }
        let expected = try f.analysis.model.probabilities(TrainingMatrix(names: f.analysis.matrix.names, columns: columns))[0]
        XCTAssertEqual(after.probability, expected, accuracy: 1e-12)
        XCTAssertTrue(snapshotText(render(state, size: state.size)).contains("Bought today"))
        // t again undoes it exactly.
        state = reduce(state, .key(.char("t")))
        XCTAssertEqual(state.whatIf.session?.probability, session.originalProbability)
        XCTAssertNil(state.whatIf.session?.boughtToday)
    }
}
