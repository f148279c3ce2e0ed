import ChurnKit
import XCTest
@testable import ChurnTUI

/// The Display settings: risk decimals in the High-risk table and rows per PgUp/PgDn, saved like the
/// other settings and read back at start.
final class DisplaySettingsTests: XCTestCase {
    private func press(_ keys: [Key], _ state: AppState) -> AppState { keys.reduce(state) { reduce($0, .key($1)) } }

    func testDecimalsAndRowsPerPageChangeTheTableAndAreSaved() throws {
        var state = ScoreFixtures.state(TerminalSize(width: 100, height: 30))
        state = press([.char("2")], state)
        XCTAssertTrue(render(state, size: state.size).textLines()[3].contains("0.999"), "3 decimals by default")
        XCTAssertEqual(try XCTUnwrap(state.highRisk).cursor, 0)
        state = press([.pageDown], state)
        let screenful = try XCTUnwrap(state.highRisk).cursor
        XCTAssertGreaterThan(screenful, 10)

        // Settings: select the decimals line, step it down to 2; then rows per page up to 10.
        state = press([.char("7")], state)
        state.settings.selected = .decimals
        state.effects.removeAll()
        state = press([.left], state)
        XCTAssertEqual(state.settings.values.decimals, 2)
        XCTAssertEqual(state.effects, [.saveSetting(key: "display.decimals", value: "2")])
        state = press([.left], state)
        XCTAssertEqual(state.settings.values.decimals, 2, "no fewer than 2")
        state.settings.selected = .rowsPerPage
        state.effects.removeAll()
        state = press([.right, .right], state)
        XCTAssertEqual(state.settings.values.rowsPerPage, 10)
        XCTAssertEqual(state.effects.last, .saveSetting(key: "display.rows_per_page", value: "10"))

        state = press([.char("2"), .char("g")], state)
        XCTAssertTrue(render(state, size: state.size).textLines()[3].contains(" 1.00 "), render(state, size: state.size).textLines()[3])
        state = press([.pageDown, .pageDown], state)
        XCTAssertEqual(try XCTUnwrap(state.highRisk).cursor, 20)
        state = press([.pageUp], state)
        XCTAssertEqual(try XCTUnwrap(state.highRisk).cursor, 10)

        // Read back as stored; bad text falls back with a note.
        let values = SettingsValues(stored: ["display.decimals": "4", "display.rows_per_page": "25"])
        XCTAssertEqual(values.decimals, 4)
        XCTAssertEqual(values.rowsPerPage, 25)
        let bad = SettingsValues(stored: ["display.decimals": "7"])
        XCTAssertEqual(bad.decimals, 3)
        XCTAssertEqual(bad.problems.count, 1)
    }
}
