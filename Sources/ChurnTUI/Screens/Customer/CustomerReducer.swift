import ChurnKit

/// Applies the actions and keys of the Customer tab.
enum CustomerReducer {
    /// Applies one of the tab's actions.
    static func reduce(_ state: inout AppState, _ action: CustomerAction) {
        switch action {
        case .startSearch:
            state.customer.noteInput = nil
            state.customer.search = CustomerSearch()
        case .startNote:
            guard state.customer.customerID != nil else {
                state.message = "open a customer first: press / and type part of an id"
                return
            }
            state.customer.search = nil
            state.customer.editingNoteID = nil
            state.customer.noteInput = TextInput(state.customer.draft ?? "")
        case .editNote:
            guard state.customer.customerID != nil else {
                state.message = "open a customer first: press / and type part of an id"
                return
            }
            guard state.customer.notes.indices.contains(state.customer.selectedNote) else {
                state.message = "no note to edit yet: press n to add one"
                return
            }
            let note = state.customer.notes[state.customer.selectedNote].current
            state.customer.search = nil
            state.customer.editingNoteID = note.id
            state.customer.noteInput = TextInput(note.body)
        case .selectNote(let step):
            let count = state.customer.notes.count
            guard count > 0 else {
                state.message = "no notes about this customer yet: press n to add one"
                return
            }
            state.customer.selectedNote = min(count - 1, max(0, state.customer.selectedNote + step))
            scrollTo(.notes, in: &state)
        case .toggleScript:
            state.customer.scriptKind = state.customer.scriptKind == .call ? .email : .call
            scrollTo(.script, in: &state)
        case .jumpSection(let step):
            jump(step, in: &state)

        case .notesLoaded(let id, let notes):
            guard id == state.customer.customerID else { return }
            state.customer.noteVersions = notes
            refreshThreads(&state)
            state.customer.notesLoad = .loaded(id)
        case .notesFailed(let id, let message):
            guard id == state.customer.customerID else { return }
            state.customer.notesLoad = .failed(message)
        case .noteSaved(let note):
            guard note.customerID == state.customer.customerID else { return }
            state.customer.noteVersions.append(note)
            refreshThreads(&state)
            state.customer.selectedNote = state.customer.notes.firstIndex { $0.current.id == note.id } ?? 0
            state.customer.draft = nil
            state.message = note.supersedesID == nil ? "note saved" : "note edited; the old text stays in its history"
            scrollTo(.notes, in: &state)
        case .noteFailed(let id, let body, let message):
            if id == state.customer.customerID { state.customer.draft = body }
            state.message = "note not saved: " + message + " (n offers the text again)"

        case .historyLoaded(let history):
            state.customer.history = .loaded(history)
            rebuildSheet(&state)
        case .historyFailed(let message):
            state.customer.history = .failed("P(alive) and monthly spend are not available: " + message)
            rebuildSheet(&state)
        case .templatesLoaded(let templates):
            state.customer.templates = templates
            rebuildSheet(&state)
        case .templatesFailed(let message):
            state.message = "recommendation templates: " + message + " (the built-in ones are used)"
        }
    }

    /// Reads a key before the tab's key map (for text being typed); true when the key was used.
    static func handleKey(_ state: inout AppState, _ key: Key) -> Bool {
        if state.customer.search != nil {
            typeSearch(&state, key)
            return true
        }
        if state.customer.noteInput != nil {
            typeNote(&state, key)
            return true
        }
        return false
    }

    /// Moves the tab's view.
    static func scroll(_ state: inout AppState, _ move: ScrollMove) {
        guard let sheet = state.customer.sheet else { return }
        let page = max(1, CustomerView.visibleLines(state) - 1)
        let height = CustomerDocument.layout(sheet, state: state, width: state.size.width).height
        let bottom = max(0, height - CustomerView.visibleLines(state))
        var top = min(state.customer.scroll, bottom)
        switch move {
        case .lines(let n): top += n
        case .pages(let n): top += n * page
        case .halfPages(let n): top += n * max(1, page / 2)
        case .top: top = 0
        case .bottom: top = bottom
        case .columns, .lineStart: break
        }
        state.customer.scroll = min(bottom, max(0, top))
    }

    /// The workspace analysis has just loaded (`state.analysis` is set).
    static func analysisLoaded(_ state: inout AppState) {
        if state.analysis?.population.loaded.shape == .transactions {
            if case .loaded = state.customer.history {} else {
                state.customer.history = .loading
                state.request(.customer(.loadHistory))
            }
        }
        rebuildSheet(&state)
    }

    // MARK: Typing

    /// A key while the id search is typed: pick, complete, open, cancel, or edit the text.
    private static func typeSearch(_ state: inout AppState, _ key: Key) {
        guard var search = state.customer.search, let data = state.data else {
            state.customer.search = nil
            return
        }
        let ids = data.customers.ids
        switch key {
        case .up, .ctrl("p"):
            search.move(-1)
        case .down, .ctrl("n"):
            search.move(1)
        case .pageUp:
            search.move(-10)
        case .pageDown:
            search.move(10)
        case .tab:
            if let row = search.selectedRow {
                search.input.set(ids[row])
                search.update(ids: ids)
            }
        default:
            switch search.input.edit(key) {
            case .cancelled:
                state.customer.search = nil
                return
            case .submitted(let text):
                let trimmed = text.trimmingCharacters(in: .whitespaces)
                if let row = CustomerSearch.exactRow(trimmed, in: ids) ?? search.selectedRow {
                    state.customer.search = nil
                    open(ids[row], in: &state)
                } else {
                    state.message = trimmed.isEmpty ? "type part of a customer id" : "no customer id contains \"\(trimmed)\""
                    state.customer.search = search
                }
                return
            case .editing:
                let before = state.customer.search?.text
                if search.text != before { search.update(ids: ids) }
            }
        }
        state.customer.search = search
    }

    /// A key while a note is typed: Enter asks for it to be saved at once, Esc drops it.
    private static func typeNote(_ state: inout AppState, _ key: Key) {
        guard var input = state.customer.noteInput else { return }
        switch input.edit(key) {
        case .editing:
            state.customer.noteInput = input
        case .cancelled:
            state.customer.noteInput = nil
            state.customer.editingNoteID = nil
            state.message = "note not saved"
        case .submitted(let text):
            let body = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard let id = state.customer.customerID else {
                state.customer.noteInput = nil
                return
            }
            guard !body.isEmpty else {
                state.message = "a note needs some text (Esc cancels)"
                return
            }
            let old = state.customer.editingNoteID
            if let old, state.customer.notes.first(where: { $0.current.id == old })?.current.body == body {
                state.message = "the note is unchanged"
            } else {
                state.request(.customer(.saveNote(customerID: id, body: body, supersedes: old)))
            }
            state.customer.noteInput = nil
            state.customer.editingNoteID = nil
        }
    }

    // MARK: Helpers

    /// Works out the open customer's sheet again from what is loaded now.
    static func rebuildSheet(_ state: inout AppState) {
        guard let row = state.customer.row, let data = state.data, row < data.customers.count else { return }
        state.customer.sheet = CustomerSheet.build(row: row, data: data, state: state)
    }

    private static func refreshThreads(_ state: inout AppState) {
        state.customer.notes = CustomerNoteThread.threads(state.customer.noteVersions)
        state.customer.selectedNote = min(state.customer.selectedNote, max(0, state.customer.notes.count - 1))
    }

    /// Scrolls so that `section` starts at the top, when it is not fully in view.
    private static func scrollTo(_ section: CustomerSection, in state: inout AppState) {
        guard let sheet = state.customer.sheet,
              let line = CustomerDocument.anchor(of: section, sheet: sheet, state: state, width: state.size.width) else { return }
        let visible = CustomerView.visibleLines(state)
        let doc = CustomerDocument.layout(sheet, state: state, width: state.size.width)
        let length = CustomerDocument.build(section, sheet: sheet, state: state, width: doc.columnWidth(of: section)).count
        if line < state.customer.scroll || line + min(length, visible) > state.customer.scroll + visible {
            state.customer.scroll = min(line, max(0, doc.height - visible))
        }
    }

    /// Scrolls to the next (+1) or previous (-1) section start.
    private static func jump(_ step: Int, in state: inout AppState) {
        guard let sheet = state.customer.sheet else { return }
        let doc = CustomerDocument.layout(sheet, state: state, width: state.size.width)
        let bottom = max(0, doc.height - CustomerView.visibleLines(state))
        let current = min(state.customer.scroll, bottom)
        let target = step > 0 ? doc.anchors.first { $0 > current } : doc.anchors.last { $0 < current }
        state.customer.scroll = min(bottom, target ?? (step > 0 ? bottom : 0))
    }
}

extension CustomerReducer {
    /// Shows the customer with this id (the tab is already shown): works out their sheet (explanation,
    /// drivers, scripts, spend) and asks for their notes.
    static func open(_ customerID: String, in state: inout AppState) {
        guard let row = state.data?.customers.ids.firstIndex(of: customerID) else {
            state.message = "no customer \(customerID) in these scores"
            return
        }
        state.customer.customerID = customerID
        state.customer.row = row
        state.customer.search = nil
        state.customer.noteInput = nil
        state.customer.editingNoteID = nil
        state.customer.draft = nil
        state.customer.scroll = 0
        state.customer.noteVersions = []
        state.customer.notes = []
        state.customer.selectedNote = 0
        state.customer.notesLoad = .loading
        rebuildSheet(&state)
        state.request(.customer(.loadNotes(customerID: customerID)))
        // The user's recommendation templates are read once, when the first customer is opened.
        if !state.customer.templatesRequested {
            state.customer.templatesRequested = true
            state.request(.customer(.loadTemplates))
        }
    }
}
