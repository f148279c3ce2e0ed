import ChurnKit
import XCTest
@testable import ChurnTUI

/// Key handling of the workspace app as action sequences on the pure reducer, with answers known
/// from the fixture's construction (see `ScoreFixtures`).
final class WorkspaceKeyTests: XCTestCase {
    private let size = TerminalSize(width: 80, height: 24)
    private var visible: Int { HighRiskView.visibleRows(in: size) }

    private func press(_ keys: [Key], _ state: AppState) -> AppState { keys.reduce(state) { reduce($0, .key($1)) } }
    private func chars(_ text: String) -> [Key] { text.map { .char($0) } }
    private func start(_ n: Int = 1000) -> AppState { ScoreFixtures.state(size, n: n) }
    private func table(_ state: AppState) -> HighRiskState {
        guard let table = state.highRisk else { fatalError("the workspace app has a table") }
        return table
    }
    private func probabilityUnderCursor(_ state: AppState) -> Double {
        state.data?.customers.probabilities[table(state).customerUnderCursor ?? -1] ?? .nan
    }

    func testRiskSummaryMatchesHandCounts() throws {
        let data = ScoreFixtures.data()
        let s = data.summary
        XCTAssertEqual(s.count, 1000)
        XCTAssertEqual(s.tierCounts, [163, 205, 185, 447, 0])
        XCTAssertEqual(s.churners(atThreshold: 0.5), 293)
        XCTAssertEqual(s.churners(atThreshold: 0), 1000)
        XCTAssertEqual(s.churners(atThreshold: 1), 0)
        XCTAssertEqual(s.meanRisk, 0.33333325, accuracy: 1e-12)
        XCTAssertEqual(s.histogram.reduce(0, +), 1000)
        // Value at risk: the values of the customers with risk >= 0.5, summed directly.
        let c = data.customers
        let values = try XCTUnwrap(c.values)
        let expected = c.probabilities.indices.filter { c.probabilities[$0] >= 0.5 }.reduce(0.0) { $0 + values[$1] }
        XCTAssertEqual(try XCTUnwrap(s.valueAtRisk(atThreshold: 0.5)), expected, accuracy: 1e-9)
        XCTAssertEqual(try XCTUnwrap(s.totalValue), values.reduce(0, +), accuracy: 1e-9)
    }

    func testTabsByNumberTabKeysAndEsc() {
        var state = start()
        XCTAssertEqual(state.tabs, [.overview, .highRisk, .segments, .insights, .customer, .whatIf, .settings], "no import: no Import tab")
        XCTAssertEqual(state.tab, .overview)
        state = press([.char("2")], state)
        XCTAssertEqual(state.tab, .highRisk)
        state = press([.backTab, .backTab], state)
        XCTAssertEqual(state.tab, .settings, "Shift+Tab wraps around")
        state = press([.tab], state)
        XCTAssertEqual(state.tab, .overview, "Tab wraps around")
        state = press([.tab], state)
        XCTAssertEqual(state.tab, .highRisk)
        state = press([.char("8")], state)
        XCTAssertEqual(state.tab, .highRisk)
        XCTAssertEqual(state.message, "no tab 8: tabs are 1-7")
        state = press([.escape], state)
        XCTAssertEqual(state.tab, .overview, "Esc goes back to the tab shown before")
        let withImport = ScoreFixtures.state(size, profile: Fixtures.subscription)
        XCTAssertEqual(withImport.tabs, [.overview, .highRisk, .segments, .insights, .customer, .whatIf, .settings, .importPreview])
        XCTAssertEqual(press([.char("8")], withImport).tab, .importPreview)
    }

    func testThresholdKeysOnOverviewOnly() {
        var state = start()
        XCTAssertEqual(state.threshold, 0.5)
        state = press([.char("+"), .char("+"), .char("-"), .char("]")], state)
        XCTAssertEqual(state.threshold, 0.56, accuracy: 1e-12)
        state = press(Array(repeating: .char("]"), count: 30), state)
        XCTAssertEqual(state.threshold, 1, "stops at 1")
        state = press([.char("2"), .char("-")], state)
        XCTAssertEqual(state.threshold, 1, "- is not a threshold key on High-risk")
        XCTAssertEqual(ScoreFixtures.state(size).threshold, 0.5)
        // A saved threshold off the 0.01 grid (an optimiser's choice) is kept exactly; one within 1e-9 of it snaps.
        XCTAssertEqual(AppState.workspace(ScoreFixtures.data(), threshold: 0.734, size: size, user: "ann").threshold, 0.734)
        XCTAssertEqual(AppState.workspace(ScoreFixtures.data(), threshold: 0.73 + 1e-12, size: size, user: "ann").threshold, 0.73)
    }

    func testScrollingStaysWithinTheRows() {
        var state = press([.char("2")], start())
        XCTAssertEqual(table(state).cursor, 0)
        state = press([.up, .char("k"), .pageUp, .ctrl("u")], state)
        XCTAssertEqual(table(state).cursor, 0)
        XCTAssertEqual(table(state).top, 0)
        state = press([.down, .char("j")], state)
        XCTAssertEqual(table(state).cursor, 2)
        XCTAssertEqual(table(state).top, 0)
        state = press([.pageDown], state)
        XCTAssertEqual(table(state).cursor, 2 + visible - 1)
        XCTAssertEqual(table(state).top, visible - 1)
        state = press([.ctrl("d")], state)
        XCTAssertEqual(table(state).cursor, 2 + visible - 1 + visible / 2)
        state = press([.char("G")], state)
        XCTAssertEqual(table(state).cursor, 999)
        XCTAssertEqual(table(state).top, 1000 - visible)
        state = press([.down, .pageDown], state)
        XCTAssertEqual(table(state).cursor, 999, "cannot move past the last row")
        state = press([.char("g")], state)
        XCTAssertEqual(table(state).cursor, 0)
        XCTAssertEqual(table(state).top, 0)
        // Riskiest first: the first row has the largest probability, the last the smallest.
        XCTAssertEqual(probabilityUnderCursor(state), 0.9995 * 0.9995, accuracy: 1e-12)
        XCTAssertEqual(probabilityUnderCursor(press([.end], state)), 0.0005 * 0.0005, accuracy: 1e-15)
        // A smaller terminal keeps the cursor visible.
        state = press([.char("G")], state)
        state = reduce(state, .resize(TerminalSize(width: 40, height: 10)))
        XCTAssertEqual(table(state).top, 1000 - HighRiskView.visibleRows(in: TerminalSize(width: 40, height: 10)))
    }

    func testSortTogglingKeepsTheCustomer() {
        var state = press([.char("2"), .down, .down, .down], start())
        XCTAssertEqual(table(state).sort, .risk)
        XCTAssertTrue(table(state).descending)
        let customer = table(state).customerUnderCursor
        state = press([.char("s")], state)
        XCTAssertFalse(table(state).descending, "s reverses")
        XCTAssertEqual(table(state).customerUnderCursor, customer, "the cursor stays on the same customer")
        XCTAssertEqual(table(state).cursor, 996)
        state = press([.char("s")], state)
        XCTAssertTrue(table(state).descending)
        XCTAssertEqual(table(state).cursor, 3)
        // > moves to the next column: tier (high first), then value (largest first), reason, id (wrapping).
        state = press([.char(">")], state)
        XCTAssertEqual(table(state).sort, .tier)
        XCTAssertEqual(table(state).customerUnderCursor, customer)
        state = press([.char("g")], state)
        let c = ScoreFixtures.customers(1000)
        XCTAssertEqual(c.tiers[table(state).customerUnderCursor ?? 0], .high)
        state = press([.char(">")], state)
        XCTAssertEqual(table(state).sort, .value)
        XCTAssertTrue(table(state).descending)
        let values = c.values ?? []
        let firstRows = (0..<5).map { values[table(state).customer(atRow: $0)] }
        XCTAssertEqual(firstRows, firstRows.sorted(by: >))
        XCTAssertEqual(firstRows.first, values.max())
        state = press([.char(">"), .char(">")], state)
        XCTAssertEqual(table(state).sort, .id)
        XCTAssertFalse(table(state).descending, "ids sort A to Z first")
        XCTAssertEqual(c.ids[table(state).customer(atRow: 0)], "C00000")
        state = press([.char("<")], state)
        XCTAssertEqual(table(state).sort, .reason)
        // The palette sorts too; the same column again reverses.
        state = press([.char(":")] + chars("sort risk") + [.enter], state)
        XCTAssertEqual(table(state).sort, .risk)
        XCTAssertTrue(table(state).descending)
        state = press([.char(":")] + chars("sort risk") + [.enter], state)
        XCTAssertFalse(table(state).descending)
    }

    func testSearchWithNextAndPrevious() {
        var state = press([.char("2"), .char("/")] + chars("C0000"), start())
        // Ids containing "C0000" are C00000...C00009; the first one in risk order is the search's first hit.
        let c = ScoreFixtures.customers(1000)
        let matches = (0..<1000).map { table(state).customer(atRow: $0) }.enumerated()
            .filter { c.ids[$0.element].hasPrefix("C0000") }.map(\.offset)
        XCTAssertEqual(matches.count, 10)
        XCTAssertEqual(table(state).cursor, matches[0])
        XCTAssertTrue(table(state).isTypingSearch)
        state = press([.enter, .char("n")], state)
        XCTAssertFalse(table(state).isTypingSearch)
        XCTAssertEqual(table(state).cursor, matches[1])
        state = press([.char("n"), .char("N"), .char("N")], state)
        XCTAssertEqual(table(state).cursor, matches[0])
        state = press([.char("N")], state)
        XCTAssertEqual(table(state).cursor, matches[9], "N wraps to the last match")
        state = press([.char("n")], state)
        XCTAssertEqual(table(state).cursor, matches[0], "n wraps to the first")
        // Case is ignored; a search with no match says so and leaves the cursor.
        state = press([.char("/")] + chars("c00999") + [.enter], state)
        XCTAssertEqual(c.ids[table(state).customerUnderCursor ?? 0], "C00999")
        let before = table(state).cursor
        state = press([.char("/")] + chars("zz"), state)
        XCTAssertTrue(table(state).searchFailed)
        XCTAssertEqual(state.message, "no customer id contains \"zz\"")
        state = press([.escape], state)
        XCTAssertEqual(table(state).cursor, before, "Esc while typing goes back to where the search started")
        XCTAssertEqual(table(state).search, "")
        XCTAssertEqual(state.tab, .highRisk)
    }

    func testTierFiltersAndMarks() {
        var state = press([.char("2"), .char("H")], start())
        XCTAssertEqual(table(state).filter, .high)
        XCTAssertEqual(table(state).rowCount, 163)
        state = press([.char("M")], state)
        XCTAssertEqual(table(state).rowCount, 163 + 205)
        state = press([.char("t")], state)
        XCTAssertEqual(table(state).filter, .medium)
        XCTAssertEqual(table(state).rowCount, 205)
        state = press([.char("t"), .char("t")], state)
        XCTAssertEqual(table(state).filter, .safe)
        XCTAssertEqual(table(state).rowCount, 447)
        let c = ScoreFixtures.customers(1000)
        XCTAssertTrue((0..<447).allSatisfy { c.tiers[table(state).customer(atRow: $0)] == .safe })
        state = press([.char("s"), .char("G")], state)
        XCTAssertEqual(table(state).cursor, 446)
        state = press([.char("A")], state)
        XCTAssertEqual(table(state).rowCount, 1000)
        XCTAssertEqual(table(state).cursor, 0, "a new filter starts at the top")

        // Space marks the row and moves down; marking again unmarks.
        state = press([.char(" "), .char(" "), .up, .char(" ")], state)
        XCTAssertEqual(table(state).marks.count, 1)
        XCTAssertEqual(table(state).marks, [Int32(table(state).customer(atRow: 0))])
        XCTAssertTrue(render(state, size: size).textLines().last?.contains("1 marked") == true)
        // Marks survive filters and sorts.
        state = press([.char("H"), .char(">"), .char("A")], state)
        XCTAssertEqual(table(state).marks.count, 1)
    }

    func testDetailPanelFollowsTheCursorAndCloses() {
        var state = press([.char("2"), .char("i")], start())
        XCTAssertEqual(state.overlay, .detail)
        state = press([.down], state)
        XCTAssertEqual(state.overlay, .detail, "moving keeps the panel open on the next row")
        XCTAssertEqual(table(state).cursor, 1)
        state = press([.char("i")], state)
        XCTAssertNil(state.overlay)
        state = press([.char("i"), .escape], state)
        XCTAssertNil(state.overlay)
        XCTAssertEqual(state.tab, .highRisk, "Esc closes the panel before going back")
    }

    func testPaletteCompletesAndRuns() {
        var state = press([.char(":"), .char("t"), .tab], start())
        XCTAssertEqual(state.palette.text, "t", "tab, threshold and tier share only the t")
        state = press([.char("h"), .tab], state)
        XCTAssertEqual(state.palette.text, "threshold ")
        state = press(chars("0.6") + [.enter], state)
        XCTAssertNil(state.overlay)
        XCTAssertEqual(state.threshold, 0.6)
        state = press([.char(":"), .char("t"), .char("a"), .tab, .char("h"), .tab, .enter], state)
        XCTAssertEqual(state.tab, .highRisk)
        state = press([.char(":")] + chars("tier high") + [.enter], state)
        XCTAssertEqual(table(state).rowCount, 163)
        state = press([.char(":")] + chars("sortt risk") + [.enter], state)
        XCTAssertEqual(state.message, "unknown command \"sortt\" (did you mean sort?); Tab completes")
        state = press([.char(":")] + chars("threshold 2") + [.enter], state)
        XCTAssertEqual(state.message, "threshold 2: expected a number from 0 to 1, like 0.6")
        XCTAssertEqual(state.threshold, 0.6)
        state = press([.char(":")] + chars("sort colour") + [.enter], state)
        XCTAssertTrue(state.message?.hasPrefix("sort colour: expected one of id, risk, tier, value, reason") == true, state.message ?? "")
        state = press([.char(":")] + chars("cust C00042") + [.enter], state)
        XCTAssertEqual(state.tab, .customer)
        XCTAssertEqual(state.customer.customerID, "C00042")
        state = press([.char(":")] + chars("customer nobody") + [.enter], state)
        XCTAssertEqual(state.customer.customerID, "C00042", "an unknown id keeps the customer shown")
        XCTAssertNotNil(state.message)
        state = press([.char(":"), .char("x"), .escape], state)
        XCTAssertNil(state.overlay)
        XCTAssertFalse(state.shouldQuit)
        XCTAssertTrue(press([.char(":"), .char("q"), .enter], state).shouldQuit)
    }

    func testEveryHelpLineOfEveryTabMatchesABinding() {
        for keyMap in [OverviewView.keyMap, HighRiskView.keyMap] {
            for binding in keyMap.bindings {
                for key in binding.keys {
                    XCTAssertEqual(keyMap.action(for: key), binding.action, "\(keyMap.title): \(key)")
                }
            }
        }
        var state = start()
        for tab in state.tabs {
            state = reduce(state, .selectTab(tab))
            XCTAssertEqual(press([.char("?")], state).overlay, .help)
            XCTAssertTrue(press([.char("q")], state).shouldQuit)
        }
    }

    func testNothingCrashesAtAnySizeDownToTwentyBySix() {
        var state = press([.char("2"), .char(" "), .enter], ScoreFixtures.state(size, profile: Fixtures.subscription))
        for width in stride(from: 20, through: 120, by: 7) {
            for height in stride(from: 6, through: 40, by: 3) {
                let s = TerminalSize(width: width, height: height)
                state = reduce(state, .resize(s))
                for tab in state.tabs {
                    for overlay: AppState.Overlay? in [nil, .help, .palette, .detail] {
                        var shown = reduce(state, .selectTab(tab))
                        shown.overlay = overlay
                        let frame = render(shown, size: s)
                        XCTAssertEqual(frame.textLines().count, height)
                    }
                }
            }
        }
    }

    func testEmptyScoresAndNoOptionalColumns() {
        let size = TerminalSize(width: 80, height: 24)
        var state = AppState.workspace(ScoreFixtures.data(0), size: size, user: "ann")
        state = press([.char("2"), .down, .char("G"), .char("s"), .char("/"), .char("x"), .enter, .char("n"), .char(" "), .enter], state)
        XCTAssertEqual(table(state).rowCount, 0)
        XCTAssertNil(state.overlay)
        _ = render(state, size: size)
        let plain = AppState.workspace(ScoreFixtures.data(50, values: false, reasons: false), size: size, user: "ann")
        XCTAssertEqual(table(plain).columns, [.id, .risk, .tier])
        let text = render(press([.char("2")], plain), size: size).textLines().joined(separator: "\n")
        XCTAssertFalse(text.contains("Value"))
        XCTAssertFalse(render(plain, size: size).textLines().joined().contains("Revenue at risk"))
    }
}
