import Foundation
import XCTest

/// Flow (d) of issue 5 in a real terminal: open a trained workspace, go to the What-if tab, move a
/// feature and see the risk move; reset it and see the risk come back; open the campaign planner.
final class WhatIfFlowTests: XCTestCase {
    private var workspace: TrainedWorkspace?

    override func setUpWithError() throws {
        guard TmuxSession.isAvailable else { throw XCTSkip("tmux is not installed") }
        workspace = try TrainedWorkspace(prefix: "churn-e2e-whatif")
    }

    override func tearDown() {
        workspace?.remove()
    }

    /// The risk line's figures: "Risk 0.846 high → 0.629 medium" gives ["0.846", "0.629"].
    private func risks(_ screen: String) -> [String] {
        guard let line = screen.split(separator: "\n").first(where: { $0.contains("Risk ") && !$0.contains("Best") }) else { return [] }
        return line.split(separator: " ").map(String.init).filter { $0.count == 5 && $0.hasPrefix("0.") || $0.hasPrefix("1.0") }
    }

    func testMoveAFeatureAndSeeTheRiskMove() throws {
        let db = try XCTUnwrap(workspace).db
        let session = try TmuxSession([try TestPaths.churnBinary(), "--db", db], width: 100, height: 30)
        defer { session.kill() }
        try session.waitFor("Risk tiers", timeout: 30)

        try session.send("6")
        let opened = try session.waitFor("Best single change", timeout: 60)
        XCTAssertTrue(opened.contains("the highest risk"), opened)
        XCTAssertTrue(opened.contains("move a slider"), opened)
        let before = try XCTUnwrap(risks(opened).first, opened)

        // Move the most important feature to the other end of its range: the risk line shows old → new.
        try session.send("End")
        var moved = try session.waitUntil("the risk to move", timeout: 10) { self.risks($0).count == 2 || $0.contains("end of its range") }
        if risks(moved).count < 2 {
            try session.send("Home")
            moved = try session.waitUntil("the risk to move", timeout: 10) { self.risks($0).count == 2 }
        }
        let figures = risks(moved)
        XCTAssertEqual(figures.first, before, moved)
        XCTAssertNotEqual(figures.last, before, moved)
        XCTAssertTrue(moved.contains("(was "), moved)

        // R puts every feature back: the original risk alone again.
        try session.send("R")
        let reset = try session.waitFor("move a slider")
        XCTAssertEqual(risks(reset), [before], reset)

        // The campaign planner with its live figures and the scenario table.
        try session.send("p")
        let planner = try session.waitFor("Scenario comparison", timeout: 30)
        XCTAssertTrue(planner.contains("Customers targeted"), planner)
        XCTAssertTrue(planner.contains("top 100 by risk"), planner)
        try session.send("Right")
        try session.waitFor("top 200 by risk")  // 7,000 customers: a step of 100 (1% rounded up to 1, 2, 2.5 or 5 x 10^k)

        try session.send("q")
        XCTAssertEqual(try session.exitStatus(), 0)
    }
}
