import ChurnKit
import Foundation
import XCTest
@testable import ChurnTUI

/// Key sequences on the What-if tab over a real trained workspace (subscription sample, boosting).
final class WhatIfKeyTests: XCTestCase {
    private func fixture() throws -> AnalysisFixture.Loaded { try AnalysisFixture.load(.subscription) }

    private func press(_ state: AppState, _ keys: Key...) -> AppState {
        keys.reduce(state) { reduce($0, .key($1)) }
    }

    /// The model's own probability for customer `row` with some raw features set (independent of the tab's code).
    private func modelProbability(_ analysis: WorkspaceAnalysis, row: Int, set values: [Int: Double]) throws -> Double {
        var columns = analysis.matrix.columns.map { [$0[row]] }
        for (c, v) in values { columns[c] = [v] }
        return try analysis.model.probabilities(TrainingMatrix(names: analysis.matrix.names, columns: columns))[0]
    }

    func testOpensOnTheRiskiestCustomerWhenNoneIsOpen() throws {
        let f = try fixture()
        let state = f.state(TerminalSize(width: 100, height: 30), tab: .whatIf)
        let session = try XCTUnwrap(state.whatIf.session, state.whatIf.sessionError ?? "no session")
        let p = f.data.customers.probabilities
        XCTAssertEqual(p[session.row], p.max())
        XCTAssertEqual(session.row, p.firstIndex(of: p.max() ?? 0))
        XCTAssertEqual(state.whatIf.origin, .highestRisk)
        // The tab's own probability is the stored score of that customer.
        XCTAssertEqual(session.originalProbability, p[session.row], accuracy: 1e-6)
        // Sliders are ordered by |contribution|, at most the cap.
        XCTAssertFalse(session.sliders.isEmpty)
        XCTAssertLessThanOrEqual(session.sliders.count, WhatIfSession.maxSliders)
        let weights = session.sliders.map { abs(session.contribution(of: $0).before) }
        XCTAssertEqual(weights, weights.sorted(by: >))
        let text = snapshotText(render(state, size: state.size))
        XCTAssertTrue(text.contains("Customer \(session.customerID)"), text)
        XCTAssertTrue(text.contains("the highest risk"), text)
    }

    func testMovingASliderChangesTheProbabilityToTheModelsOwnPrediction() throws {
        let f = try fixture()
        var state = f.state(TerminalSize(width: 100, height: 30), tab: .whatIf)
        let before = try XCTUnwrap(state.whatIf.session)
        // The most important numeric slider: two steps towards the far end of its range (trees are flat
        // between split points, so then on to that end).
        let i = try XCTUnwrap(before.sliders.firstIndex { if case .number = $0.kind { return true } else { return false } })
        let atTop = WhatIfSlider.same(before.sliders[i].original, before.sliders[i].end(toHigh: true))
        state = press(state, .char("g"))
        for _ in 0..<i { state = press(state, .down) }
        state = press(state, atTop ? .left : .right, atTop ? .left : .right)
        XCTAssertTrue(state.whatIf.session?.sliders[i].isChanged == true)
        let twoSteps = try XCTUnwrap(state.whatIf.session)
        XCTAssertEqual(twoSteps.probability, try modelProbability(f.analysis, row: twoSteps.row,
                                                                  set: [twoSteps.sliders[i].columns[0]: twoSteps.sliders[i].value]),
                       accuracy: 1e-12)
        state = press(state, atTop ? .home : .end)
        let after = try XCTUnwrap(state.whatIf.session)
        let slider = after.sliders[i]
        XCTAssertTrue(slider.isChanged)
        XCTAssertNotEqual(after.probability, before.originalProbability)
        let expected = try modelProbability(f.analysis, row: after.row, set: [slider.columns[0]: slider.value])
        XCTAssertEqual(after.probability, expected, accuracy: 1e-12)
        // Contributions follow the row too, and still add up to the explainer's margin.
        let context = try XCTUnwrap(f.analysis.context)
        var columns = f.analysis.matrix.columns.map { [$0[after.row]] }
        columns[slider.columns[0]] = [slider.value]
        let x = TrainingMatrix(names: f.analysis.matrix.names, columns: columns)
        let margin = try context.explainer.margins(x)[0]
        XCTAssertEqual(context.explainer.expectedValue + after.contributions.reduce(0, +), margin, accuracy: 1e-6)
        // The screen shows the new probability.
        let text = snapshotText(render(state, size: state.size))
        XCTAssertTrue(text.contains(NumberText.fixed(after.probability, decimals: 3)), text)
        XCTAssertTrue(text.contains("(was "), text)
    }

    func testResetRestoresTheOriginalExactly() throws {
        let f = try fixture()
        var state = f.state(TerminalSize(width: 100, height: 30), tab: .whatIf)
        let original = try XCTUnwrap(state.whatIf.session)
        state = press(state, .pageUp, .down, .right, .down, .pageDown)
        XCTAssertTrue(state.whatIf.session?.isChanged == true)
        // r resets the selected slider only.
        state = press(state, .char("r"))
        let afterOne = try XCTUnwrap(state.whatIf.session)
        XCTAssertFalse(afterOne.sliders[2].isChanged)
        // R resets everything: the same probability and contributions, bit for bit.
        state = press(state, .char("R"))
        let reset = try XCTUnwrap(state.whatIf.session)
        XCTAssertFalse(reset.isChanged)
        XCTAssertEqual(reset.probability, original.originalProbability)
        XCTAssertEqual(reset.contributions, original.originalContributions)
        XCTAssertEqual(reset.currentRow.map(\.bitPattern), original.originalRow.map(\.bitPattern))
        // Moving one slider and back with r also gives the original back exactly.
        state = press(state, .char("g"), .left, .left, .char("r"))
        XCTAssertEqual(state.whatIf.session?.probability, original.originalProbability)
    }

    func testChoiceSliderSetsExactlyOneLevel() throws {
        let f = try fixture()
        var state = f.state(TerminalSize(width: 100, height: 30), tab: .whatIf)
        let session = try XCTUnwrap(state.whatIf.session)
        let i = try XCTUnwrap(session.sliders.firstIndex { if case .choice = $0.kind { return true } else { return false } })
        state = press(state, .char("g"))
        for _ in 0..<i { state = press(state, .down) }
        state = press(state, .end)
        let after = try XCTUnwrap(state.whatIf.session)
        let slider = after.sliders[i]
        guard case .choice(let levels) = slider.kind else { return XCTFail("not a choice") }
        XCTAssertEqual(slider.value, Double(levels.count - 1))
        XCTAssertEqual(slider.columns.map { after.currentRow[$0] }, levels.indices.map { $0 == levels.count - 1 ? 1.0 : 0.0 })
        var set: [Int: Double] = [:]
        for (k, c) in slider.columns.enumerated() { set[c] = k == levels.count - 1 ? 1 : 0 }
        XCTAssertEqual(after.probability, try modelProbability(f.analysis, row: after.row, set: set), accuracy: 1e-12)
    }

    func testBestSingleChangeIsSetByB() throws {
        let f = try fixture()
        var state = f.state(TerminalSize(width: 100, height: 30), tab: .whatIf)
        let best = try XCTUnwrap(state.whatIf.session?.best, "the riskiest customer has a change that lowers the risk")
        XCTAssertLessThan(best.probability, try XCTUnwrap(state.whatIf.session?.originalProbability))
        state = press(state, .char("b"))
        let after = try XCTUnwrap(state.whatIf.session)
        XCTAssertEqual(after.probability, best.probability, accuracy: 1e-12)
        var set: [Int: Double] = [:]
        for (name, v) in best.values { set[try XCTUnwrap(f.analysis.matrix.names.firstIndex(of: name))] = v }
        XCTAssertEqual(after.probability, try modelProbability(f.analysis, row: after.row, set: set), accuracy: 1e-12)
        XCTAssertEqual(state.message, "set " + best.summary)
    }

    func testPickingAnotherCustomerByID() throws {
        let f = try fixture()
        var state = f.state(TerminalSize(width: 100, height: 30), tab: .whatIf)
        state = press(state, .char("c"))
        XCTAssertNotNil(state.whatIf.picking)
        // While typing, digits and q are text, not tab switches or quit.
        state = press(state, .char("S"), .char("0"), .char("0"), .char("0"), .char("1"), .char("2"))
        XCTAssertEqual(state.tab, .whatIf)
        XCTAssertTrue(snapshotText(render(state, size: state.size)).contains("Customer id: S00012"))
        state = press(state, .enter)
        XCTAssertEqual(state.whatIf.session?.customerID, "S00012")
        XCTAssertEqual(state.whatIf.session?.row, f.data.customers.ids.firstIndex(of: "S00012"))
        XCTAssertEqual(state.whatIf.origin, .picked)
        // An unknown id is a message; the customer stays.
        state = press(state, .char("/"), .char("X"), .char("9"), .enter)
        XCTAssertEqual(state.whatIf.session?.customerID, "S00012")
        XCTAssertTrue(state.message?.hasPrefix("no customer X9") == true, state.message ?? "")
        // Esc abandons typing.
        state = press(state, .char("c"), .char("S"), .escape)
        XCTAssertNil(state.whatIf.picking)
        XCTAssertEqual(state.tab, .whatIf)
    }

    func testFollowsTheCustomerOpenedOnTheCustomerTab() throws {
        let f = try fixture()
        var state = f.state(TerminalSize(width: 100, height: 30), tab: .whatIf)
        state = reduce(state, .openCustomer("S00042"))
        XCTAssertEqual(state.tab, .customer)
        state = reduce(state, .selectTab(.whatIf))
        XCTAssertEqual(state.whatIf.session?.customerID, "S00042")
        XCTAssertEqual(state.whatIf.origin, .customerTab)
        // Picking here keeps the picked customer when coming back, until the Customer tab opens another.
        state = press(state, .char("c"), .char("S"), .char("0"), .char("0"), .char("0"), .char("0"), .char("7"), .enter)
        state = reduce(reduce(state, .selectTab(.overview)), .selectTab(.whatIf))
        XCTAssertEqual(state.whatIf.session?.customerID, "S00007")
    }

    func testBoughtTodayNeedsTransactions() throws {
        let f = try fixture()
        var state = f.state(TerminalSize(width: 100, height: 30), tab: .whatIf)
        state = press(state, .char("t"))
        XCTAssertTrue(state.message?.contains("transaction logs") == true, state.message ?? "")
        XCTAssertTrue(state.effects.isEmpty)
    }

    func testAnalysisLoadAsksForThePlannerBasis() throws {
        let f = try fixture()
        var state = AppState.workspace(f.data, threshold: f.threshold, size: TerminalSize(width: 100, height: 30), user: "tester")
        state = reduce(state, .analysisLoaded(Shared(f.analysis)))
        XCTAssertTrue(state.effects.contains(.whatIf(.prepareCampaign)))
    }

    func testHelpListsTheTabsKeys() throws {
        let f = try fixture()
        var state = f.state(TerminalSize(width: 100, height: 40), tab: .whatIf)
        state = press(state, .char("?"))
        let text = snapshotText(render(state, size: state.size))
        for help in ["reset this slider", "reset every slider", "set the best single change", "campaign planner"] {
            XCTAssertTrue(text.contains(help), "help lacks \(help):\n\(text)")
        }
    }

    /// Measures a re-score (one step of a slider: probability, contributions and the best single
    /// change) and its parts. Prints the figures; no timing assertion.
    func testMeasureRescoreTime() throws {
        let f = try fixture()
        var state = f.state(TerminalSize(width: 100, height: 30), tab: .whatIf)
        let scorer = try XCTUnwrap(WhatIfReducer.scorer(state))
        let row = try XCTUnwrap(state.whatIf.session?.currentRow)
        func time(_ n: Int, _ body: () throws -> Void) rethrows -> Double {
            let start = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<n { try body() }
            return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6 / Double(n)
        }
        let probability = try time(200) { _ = try scorer.probability(row) }
        let contributions = try time(200) { _ = try scorer.contributions(row) }
        let best = try time(50) { _ = try scorer.bestChange(row) }
        var session = try XCTUnwrap(state.whatIf.session)
        let slider = try XCTUnwrap(session.sliders.first { if case .number = $0.kind { return true } else { return false } })
        session.currentRow[slider.columns[0]] = slider.end(toHigh: !WhatIfSlider.same(slider.original, slider.end(toHigh: true)))
        let keys = time(100) { session.rescore(scorer) }
        XCTAssertNil(session.error)
        state.whatIf.session = session
        print(String(format: "what-if re-score (ms): probability %.3f, contributions %.3f, best change %.3f, whole key press %.3f",
                     probability, contributions, best, keys))
    }
}
