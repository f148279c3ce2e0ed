import XCTest
@testable import ChurnTUI

/// With --mouse, a click on the tab bar shows that tab, wherever the labels are laid out.
final class MouseTests: XCTestCase {
    private func column(of text: String, in line: String) -> Int? {
        guard let range = line.range(of: text) else { return nil }
        return line.distance(from: line.startIndex, to: range.lowerBound)
    }

    func testClickingATabLabelShowsThatTabAtEverySize() throws {
        for size in [TerminalSize(width: 100, height: 30), TerminalSize(width: 80, height: 24), TerminalSize(width: 50, height: 14)] {
            var state = ScoreFixtures.state(size)
            for (n, tab) in state.tabs.enumerated() {
                // The bar changes as the current tab keeps its title in narrow terminals.
                let bar = render(state, size: size).textLines()[0] + " "
                // Click on the tab's number as drawn on screen.
                let x = try XCTUnwrap(column(of: " \(n + 1) ", in: bar), "tab \(n + 1) is drawn at \(size)") + 1
                state = reduce(state, .key(.click(x: x, y: 0)))
                XCTAssertEqual(state.tab, tab, "click at column \(x) of \"\(bar)\"")
            }
        }
    }

    func testClicksElsewhereDoNotSwitchAndCloseTheHelp() {
        var state = ScoreFixtures.state(TerminalSize(width: 100, height: 30))
        state = reduce(state, .key(.click(x: 2, y: 0)))
        XCTAssertEqual(state.tab, .overview, "the churn title is not a tab")
        state = reduce(state, .key(.click(x: 99, y: 0)))
        XCTAssertEqual(state.tab, .overview, "empty bar space is not a tab")
        state = reduce(state, .toggleHelp)
        state = reduce(state, .key(.click(x: 40, y: 10)))
        XCTAssertNil(state.overlay)
    }
}
