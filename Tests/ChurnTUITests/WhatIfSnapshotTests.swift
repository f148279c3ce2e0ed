import ChurnKit
import XCTest
@testable import ChurnTUI

/// Frames of the What-if tab over the subscription fixture, compared with committed snapshots.
final class WhatIfSnapshotTests: XCTestCase {
    private func state(_ width: Int, _ height: Int, planner: Bool = false, ascii: Bool = false) throws -> AppState {
        let f = try AnalysisFixture.load(.subscription)
        var state = f.state(TerminalSize(width: width, height: height), tab: .whatIf)
        state = reduce(state, .whatIf(.campaignReady(Shared(try CampaignBasis(analysis: f.analysis)))))
        if planner { state = reduce(state, .key(.char("p"))) }
        if ascii { state.glyphs = .ascii; state.asciiOnly = true }
        state.effects.removeAll()
        return state
    }

    func testCustomerPane() throws {
        for (w, h) in [(100, 30), (80, 24), (40, 12)] {
            let s = try state(w, h)
            assertSnapshot(render(s, size: s.size), named: "whatif-customer-\(w)x\(h)")
        }
    }

    func testCustomerPaneAfterMoves() throws {
        var s = try state(100, 30)
        s = [Key.left, .left, .down, .right].reduce(s) { reduce($0, .key($1)) }
        assertSnapshot(render(s, size: s.size), named: "whatif-customer-moved-100x30")
        var a = try state(80, 24, ascii: true)
        a = [Key.left, .left, .down, .right].reduce(a) { reduce($0, .key($1)) }
        assertSnapshot(render(a, size: a.size), named: "whatif-customer-moved-ascii-80x24")
    }

    func testPlannerPane() throws {
        for (w, h) in [(100, 30), (80, 24), (40, 12)] {
            let s = try state(w, h, planner: true)
            assertSnapshot(render(s, size: s.size), named: "whatif-planner-\(w)x\(h)")
        }
    }

    func testTinySizesDoNotCrash() throws {
        for (w, h) in [(20, 6), (39, 9), (41, 10), (60, 15)] {
            for planner in [false, true] {
                var s = try state(w, h, planner: planner)
                s = [Key.right, .down, .pageUp, .char("c"), .char("S")].reduce(s) { reduce($0, .key($1)) }
                _ = render(s, size: s.size)
            }
        }
    }
}
