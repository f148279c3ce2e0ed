import ChurnKit
import XCTest
@testable import ChurnTUI

/// Overview and High-risk rendered off-screen at several sizes, compared with reviewed snapshots.
final class WorkspaceSnapshotTests: XCTestCase {
    private func press(_ keys: [Key], _ state: AppState) -> AppState { keys.reduce(state) { reduce($0, .key($1)) } }

    func testOverviewAtSeveralSizes() {
        for (w, h) in [(100, 30), (80, 24), (20, 6)] {
            let size = TerminalSize(width: w, height: h)
            assertSnapshot(render(ScoreFixtures.state(size), size: size), named: "overview-\(w)x\(h)")
        }
    }

    func testOverviewASCIIWithRaisedThreshold() {
        let size = TerminalSize(width: 80, height: 24)
        let state = press(Array(repeating: .char("+"), count: 10), ScoreFixtures.state(size, glyphs: .ascii))
        assertSnapshot(render(state, size: size), named: "overview-80x24-ascii-threshold")
    }

    func testOverviewSmallTerminalStacksFigures() {
        let size = TerminalSize(width: 50, height: 14)
        assertSnapshot(render(ScoreFixtures.state(size), size: size), named: "overview-50x14")
    }

    func testHighRiskAtSeveralSizes() {
        for (w, h) in [(100, 30), (80, 24), (20, 6)] {
            let size = TerminalSize(width: w, height: h)
            let state = press([.char("2")], ScoreFixtures.state(size))
            assertSnapshot(render(state, size: size), named: "highrisk-\(w)x\(h)")
        }
    }

    func testHighRiskMarkedSearchedAndDetail() {
        let size = TerminalSize(width: 80, height: 24)
        var state = press([.char("2"), .char(" "), .char(" "), .char("/"), .char("0"), .char("7"), .enter], ScoreFixtures.state(size))
        assertSnapshot(render(state, size: size), named: "highrisk-80x24-marked-search")
        state = press([.char("i")], state)
        assertSnapshot(render(state, size: size), named: "highrisk-80x24-detail")
    }

    func testHighRiskHelpAndPalette() {
        let size = TerminalSize(width: 100, height: 30)
        let help = press([.char("2"), .char("?")], ScoreFixtures.state(size))
        assertSnapshot(render(help, size: size), named: "highrisk-100x30-help")
        let small = TerminalSize(width: 80, height: 24)
        let smallHelp = press([.char("2"), .char("?")], ScoreFixtures.state(small))
        assertSnapshot(render(smallHelp, size: small), named: "highrisk-80x24-help")
        let palette = press([.char(":"), .char("s"), .tab], ScoreFixtures.state(size))
        assertSnapshot(render(palette, size: size), named: "palette-100x30")
    }

    func testImportTabBelowTheTabBar() {
        let size = TerminalSize(width: 80, height: 24)
        let state = press([.char("3")], ScoreFixtures.state(size, profile: Fixtures.subscription))
        assertSnapshot(render(state, size: size), named: "import-tab-80x24")
    }
}
