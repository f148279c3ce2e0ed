import ChurnKit
import XCTest
@testable import ChurnTUI

/// The Customer tab's keys as action sequences: search with suggestions, open, notes, script, scrolling.
final class CustomerKeyTests: XCTestCase {
    private func press(_ keys: [Key], _ state: AppState) -> AppState { keys.reduce(state) { reduce($0, .key($1)) } }
    private func type(_ text: String, _ state: AppState) -> AppState { press(text.map { Key.char($0) }, state) }

    private func customerTab(_ size: TerminalSize = TerminalSize(width: 100, height: 30)) throws -> AppState {
        try AnalysisFixture.load().state(size, tab: .customer)
    }

    func testSearchSuggestsPrefixMatchesFirstThenContainsIgnoringCase() throws {
        let ids = ["X100", "a100", "A1", "b-a10", "zzz", "ca1"]
        let (rows, count) = CustomerSearch.suggestions(for: "A1", in: ids, limit: 50)
        // Independently: case-insensitive contains, prefix matches first, each group in row order.
        let matching = ids.indices.filter { ids[$0].lowercased().contains("a1") }
        XCTAssertEqual(count, matching.count)
        XCTAssertEqual(rows, [1, 2, 3, 5])
        XCTAssertEqual(CustomerSearch.suggestions(for: "", in: ids, limit: 50).count, 0, "an empty text matches nothing")
        XCTAssertEqual(CustomerSearch.suggestions(for: "a", in: ids, limit: 1).rows, [1], "at most `limit`, prefix matches first")
        let three = CustomerSearch.suggestions(for: "a", in: ids, limit: 3)
        XCTAssertEqual(three.rows, [1, 2, 3])
        XCTAssertEqual(three.count, 4, "a100, A1, b-a10, ca1")
    }

    func testSlashTypesAnIdWithSuggestionsAndEnterOpensIt() throws {
        var state = try customerTab()
        state = press([.char("/")], state)
        XCTAssertNotNil(state.customer.search)
        state = type("s0004", state)
        let ids = state.data?.customers.ids ?? []
        let expected = ids.indices.filter { ids[$0].lowercased().contains("s0004") }
        XCTAssertEqual(state.customer.search?.matchCount, expected.count)
        XCTAssertEqual(expected.count, 10, "S00040...S00049")
        XCTAssertEqual(state.customer.search?.matches.first.map { ids[$0] }, "S00040")
        let screen = render(state, size: state.size).textLines().joined(separator: "\n")
        XCTAssertTrue(screen.contains("10 ids match"), screen)
        XCTAssertTrue(screen.contains("S00049"), screen)
        // Down twice picks S00042; typing a digit (a tab number otherwise) goes into the text.
        state = press([.down, .down], state)
        XCTAssertEqual(state.customer.search?.selectedRow.map { ids[$0] }, "S00042")
        state = press([.enter], state)
        XCTAssertNil(state.customer.search)
        XCTAssertEqual(state.tab, .customer)
        XCTAssertEqual(state.customer.customerID, "S00042")
        XCTAssertEqual(state.customer.row, ids.firstIndex(of: "S00042"))
        XCTAssertEqual(state.effects, [.customer(.loadNotes(customerID: "S00042")), .customer(.loadTemplates)],
                       "the notes, and the first time the user's templates")
        XCTAssertNotNil(state.customer.sheet?.explanation)
        state.effects.removeAll()
        state = press([.char("/")], state)
        state = type("S00043", state)
        state = press([.enter], state)
        XCTAssertEqual(state.effects, [.customer(.loadNotes(customerID: "S00043"))], "templates are read once")
    }

    func testEnterOnAnExactIdOpensItAndTabCompletes() throws {
        var state = try customerTab()
        state = type("/S00007", state)
        XCTAssertEqual(state.tab, .customer, "digits typed in the search do not switch tabs")
        state = press([.enter], state)
        XCTAssertEqual(state.customer.customerID, "S00007")

        state = type("/0070", state)
        let first = try XCTUnwrap(state.customer.search?.selectedRow)
        state = press([.tab], state)
        XCTAssertEqual(state.customer.search?.text, state.data?.customers.ids[first])
    }

    func testASearchWithoutMatchSaysSoAndEscCancels() throws {
        var state = try customerTab()
        state = type("/nobody", state)
        state = press([.enter], state)
        XCTAssertNotNil(state.customer.search, "the search stays open to fix the text")
        XCTAssertEqual(state.message, "no customer id contains \"nobody\"")
        state = press([.escape], state)
        XCTAssertNil(state.customer.search)
        XCTAssertNil(state.customer.customerID)
        XCTAssertEqual(state.tab, .customer, "Esc while typing only cancels the typing")
    }

    func testOpenCustomerFromAnotherTabExplainsAndAsksForNotes() throws {
        let fixture = try AnalysisFixture.load()
        var state = fixture.state(TerminalSize(width: 100, height: 30), tab: .highRisk)
        state = reduce(state, .openCustomer("S00042"))
        XCTAssertEqual(state.tab, .customer)
        XCTAssertEqual(state.effects, [.customer(.loadNotes(customerID: "S00042")), .customer(.loadTemplates)])
        let sheet = try XCTUnwrap(state.customer.sheet)
        let row = try XCTUnwrap(fixture.data.customers.ids.firstIndex(of: "S00042"))
        XCTAssertEqual(sheet.probability, fixture.data.customers.probabilities[row])
        // The explanation adds up: expected value + Σ contributions = the model's own margin for the row.
        let explanation = try XCTUnwrap(sheet.explanation)
        let context = try XCTUnwrap(fixture.analysis.context)
        let one = TrainingMatrix(names: fixture.analysis.matrix.names, columns: fixture.analysis.matrix.columns.map { [$0[row]] })
        let margin = try context.explainer.margins(one)[0]
        XCTAssertEqual(explanation.expectedValue + explanation.contributions.reduce(0, +), margin, accuracy: 1e-6)
        XCTAssertEqual(explanation.factors.count, min(CustomerSheet.topFactors, explanation.contributions.filter { $0 != 0 }.count))
        // The dominant driver is the one RiskDriverSegments picks for the same contributions.
        let dominant = try RiskDriverSegments.dominantDrivers(featureNames: context.explainer.featureNames,
                                                              contributions: [explanation.contributions])
        XCTAssertEqual(sheet.drivers.first?.driver, dominant.first?.driver)
        XCTAssertEqual(sheet.call?.action, RecommendationTemplates.standard.template(for: dominant[0].driver).action)
        // Esc goes back to the table.
        state = press([.escape], state)
        XCTAssertEqual(state.tab, .highRisk)
    }

    func testAnUnknownIdSaysSo() throws {
        var state = try customerTab()
        state = reduce(state, .openCustomer("nobody"))
        XCTAssertEqual(state.message, "no customer nobody in these scores")
        XCTAssertNil(state.customer.sheet)
        XCTAssertTrue(state.effects.isEmpty)
    }

    func testSearchOpenThenAddNoteRequestsTheSaveWithTheText() throws {
        var state = try customerTab()
        state = type("/S00042", state)
        state = press([.enter], state)
        state.effects.removeAll()
        state = reduce(state, .customer(.notesLoaded(customerID: "S00042", notes: [])))
        state = press([.char("n")], state)
        XCTAssertNotNil(state.customer.noteInput)
        state = type("Wants a cheaper plan; call back in June", state)
        XCTAssertTrue(state.effects.isEmpty, "nothing is saved while typing")
        XCTAssertEqual(state.tab, .customer, "typed letters and digits stay in the note")
        state = press([.enter], state)
        XCTAssertNil(state.customer.noteInput)
        XCTAssertEqual(state.effects, [.customer(.saveNote(customerID: "S00042", body: "Wants a cheaper plan; call back in June",
                                                           supersedes: nil))])
    }

    func testSavedNotesShowAsHistoryAndEditMakesANewVersion() throws {
        var state = try customerTab()
        state = reduce(state, .openCustomer("S00042"))
        let t0 = Date(timeIntervalSince1970: 1_700_000_000)
        let first = CustomerNote(id: 1, customerID: "S00042", author: "alice", body: "Called, no answer", supersedesID: nil, createdAt: t0)
        state = reduce(state, .customer(.notesLoaded(customerID: "S00042", notes: [first])))
        let second = CustomerNote(id: 2, customerID: "S00042", author: "tester", body: "Offered a discount", supersedesID: nil,
                                  createdAt: t0.addingTimeInterval(60))
        state = reduce(state, .customer(.noteSaved(second)))
        XCTAssertEqual(state.message, "note saved")
        XCTAssertEqual(state.customer.notes.map(\.current.id), [2, 1], "newest first")
        XCTAssertEqual(state.customer.selectedNote, 0)

        // Pick the older note and edit it: the input starts with its text; Enter asks for a new version.
        state = press([.char("]"), .char("e")], state)
        XCTAssertEqual(state.customer.noteInput?.text, "Called, no answer")
        state = press([.ctrl("u")], state)
        state = type("Called twice, no answer", state)
        state.effects.removeAll()
        state = press([.enter], state)
        XCTAssertEqual(state.effects, [.customer(.saveNote(customerID: "S00042", body: "Called twice, no answer", supersedes: 1))])
        let edited = CustomerNote(id: 3, customerID: "S00042", author: "tester", body: "Called twice, no answer", supersedesID: 1,
                                  createdAt: t0.addingTimeInterval(120))
        state = reduce(state, .customer(.noteSaved(edited)))
        XCTAssertEqual(state.customer.notes.map(\.current.id), [3, 2])
        XCTAssertEqual(state.customer.notes.first?.earlier.map(\.id), [1])
        let screen = render(state, size: state.size).textLines().joined(separator: "\n")
        XCTAssertTrue(screen.contains("Called twice, no answer"), screen)
        XCTAssertTrue(screen.contains("22:15 tester  edited"), screen)
        XCTAssertTrue(screen.contains("was (2023-11-14 22:13 alice):"), screen)
    }

    func testEmptyOrCancelledNotesAreNotSavedAndFailuresKeepTheDraft() throws {
        var state = try customerTab()
        state = reduce(state, .openCustomer("S00042"))
        state.effects.removeAll()
        state = press([.char("n"), .char(" "), .enter], state)
        XCTAssertTrue(state.effects.isEmpty)
        XCTAssertEqual(state.message, "a note needs some text (Esc cancels)")
        state = press([.escape], state)
        XCTAssertNil(state.customer.noteInput)
        XCTAssertTrue(state.effects.isEmpty)

        state = reduce(state, .customer(.noteFailed(customerID: "S00042", body: "keep me", message: "disk full")))
        XCTAssertEqual(state.message, "note not saved: disk full (n offers the text again)")
        state = press([.char("n")], state)
        XCTAssertEqual(state.customer.noteInput?.text, "keep me")
    }

    func testNoteKeysNeedACustomerAndANote() throws {
        var state = try customerTab()
        state = press([.char("n")], state)
        XCTAssertNil(state.customer.noteInput)
        XCTAssertEqual(state.message, "open a customer first: press / and type part of an id")
        state = reduce(state, .openCustomer("S00042"))
        state = reduce(state, .customer(.notesLoaded(customerID: "S00042", notes: [])))
        state = press([.char("e")], state)
        XCTAssertEqual(state.message, "no note to edit yet: press n to add one")
        XCTAssertNil(state.customer.noteInput)
    }

    func testNotesOfAnotherCustomerAreIgnored() throws {
        var state = try customerTab()
        state = reduce(state, .openCustomer("S00042"))
        let other = CustomerNote(id: 9, customerID: "S00001", author: "a", body: "x", supersedesID: nil, createdAt: Date())
        state = reduce(state, .customer(.notesLoaded(customerID: "S00001", notes: [other])))
        state = reduce(state, .customer(.noteSaved(other)))
        XCTAssertTrue(state.customer.notes.isEmpty)
        if case .loading = state.customer.notesLoad {} else { XCTFail("still waiting for S00042's notes") }
    }

    func testScriptToggleAndScrolling() throws {
        var state = try customerTab(TerminalSize(width: 80, height: 24))
        state = reduce(state, .openCustomer("S00042"))
        XCTAssertEqual(state.customer.scriptKind, .call)
        state = press([.char("s")], state)
        XCTAssertEqual(state.customer.scriptKind, .email)
        var screen = render(state, size: state.size).textLines().joined(separator: "\n")
        XCTAssertTrue(screen.contains("E-mail") && screen.contains("Subject:"), screen)
        state = press([.char("s")], state)
        XCTAssertEqual(state.customer.scriptKind, .call)

        state = press([.char("g")], state)
        XCTAssertEqual(state.customer.scroll, 0)
        state = press([.char("j"), .char("j")], state)
        XCTAssertEqual(state.customer.scroll, 2)
        state = press([.char("k")], state)
        XCTAssertEqual(state.customer.scroll, 1)
        state = press([.char("G")], state)
        let sheet = try XCTUnwrap(state.customer.sheet)
        let height = CustomerDocument.layout(sheet, state: state, width: 80).height
        XCTAssertEqual(state.customer.scroll, height - CustomerView.visibleLines(state), "G shows the last page")
        state = press([.char("j")], state)
        XCTAssertEqual(state.customer.scroll, height - CustomerView.visibleLines(state), "no scrolling past the end")
        screen = render(state, size: state.size).textLines().joined(separator: "\n")
        XCTAssertTrue(screen.contains("line \(state.customer.scroll + 1)/\(height)"), screen)

        // Sections: } goes to the next section start, { back.
        state = press([.char("g"), .char("}")], state)
        let anchors = CustomerDocument.layout(sheet, state: state, width: 80).anchors
        XCTAssertEqual(state.customer.scroll, anchors[1])
        state = press([.char("{")], state)
        XCTAssertEqual(state.customer.scroll, 0)
    }

    func testHelpListsTheTabKeys() throws {
        var state = try customerTab()
        state = press([.char("?")], state)
        let screen = render(state, size: state.size).textLines().joined(separator: "\n")
        for text in ["find a customer by id", "add a note", "edit the highlighted note", "call or e-mail"] {
            XCTAssertTrue(screen.contains(text), "help lists \(text):\n\(screen)")
        }
    }

    func testAnalysisLoadAsksForTheTransactionHistoryOnlyForTransactions() throws {
        let subscription = try AnalysisFixture.load()
        var state = AppState.workspace(subscription.data, size: TerminalSize(width: 100, height: 30), user: "tester")
        state = reduce(state, .analysisLoaded(Shared(subscription.analysis)))
        XCTAssertFalse(state.effects.contains(.customer(.loadHistory)))

        let retail = try AnalysisFixture.load(.retail)
        state = AppState.workspace(retail.data, size: TerminalSize(width: 100, height: 30), user: "tester")
        state = reduce(state, .analysisLoaded(Shared(retail.analysis)))
        XCTAssertTrue(state.effects.contains(.customer(.loadHistory)))
        if case .loading = state.customer.history {} else { XCTFail("history is loading") }
    }

    func testTheUsersTemplatesFillTheScriptOfTheDominantDriver() throws {
        var state = try customerTab()
        state = reduce(state, .openCustomer("S00042"))
        let driver = try XCTUnwrap(state.customer.sheet?.drivers.first?.driver)
        let file = "[\(driver.rawValue)]\naction = \"Call {customer_id} today\"\ncall_script = \"Hi, {agent_name} here about {customer_id}; {missing_fact}.\"\n"
        let templates = try RecommendationTemplateFile.apply(file, source: "test.toml", to: .standard)
        state = reduce(state, .customer(.templatesLoaded(templates)))
        XCTAssertEqual(state.customer.sheet?.drivers.first?.action, "Call S00042 today")
        XCTAssertEqual(state.customer.sheet?.call?.body, "Hi, tester here about S00042; {missing_fact}.")
        XCTAssertEqual(state.customer.sheet?.call?.missing, ["missing_fact"])
        let screen = render(state, size: state.size).textLines().joined(separator: "\n")
        XCTAssertTrue(screen.contains("Not filled for this customer:") && screen.contains("{missing_fact}"), screen)
        state = reduce(state, .customer(.templatesFailed("bad.toml line 3: expected a quoted string")))
        XCTAssertEqual(state.message, "recommendation templates: bad.toml line 3: expected a quoted string (the built-in ones are used)")
    }
}

