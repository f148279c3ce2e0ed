import ChurnKit

/// Applies the actions and keys of the Segments tab.
enum SegmentsReducer {
    /// Applies one of the tab's actions.
    static func reduce(_ state: inout AppState, _ action: SegmentsAction) {
        switch action {
        case .open: open(&state)
        case .build:
            guard state.analysis != nil else {
                state.message = "segments need the customers' features, which are still loading"
                return
            }
            state.segments.builder = TextInput()
            state.segments.builderPreview = .empty
        case .compare: compare(&state)
        case .export: export(&state)
        case .driversLoaded(let result):
            state.segments.drivers = result.value.segments.map(SegmentCard.driver)
            state.segments.dominant = Shared(result.value.dominant)
            state.segments.driverStatus = .done
            state.segments.refreshActions()
            clampSelection(&state)
        case .driversFailed(let message):
            state.segments.driverStatus = .failed(message)
        case .clustersLoaded(let result):
            state.segments.clusters = result.value.map(SegmentCard.cluster)
            state.segments.clusterStatus = .done
            state.segments.refreshActions()
            clampSelection(&state)
        case .clustersFailed(let message):
            state.segments.clusterStatus = .failed(message)
        case .savedLoaded(let list):
            guard let table = state.analysis?.population.table else { return }
            state.segments.saved = list.map { SegmentCard.saved($0, table: table) }
            state.segments.savedStatus = .done
            state.segments.refreshActions()
            clampSelection(&state)
        case .savedFailed(let message):
            state.segments.savedStatus = .failed(message)
            state.message = "saved segments not loaded: " + message
        case .segmentSaved(let segment):
            guard let table = state.analysis?.population.table else { return }
            var card = SegmentCard.saved(segment, table: table)
            if let dominant = state.segments.dominant?.value { card.action = SegmentCard.action(rows: card.rows.value, dominant: dominant) }
            state.segments.saved.removeAll { $0.title == segment.name }
            state.segments.saved.append(card)
            state.segments.saved.sort { $0.title < $1.title }
            if let i = state.segments.cards.firstIndex(where: { $0.kind == .saved && $0.title == segment.name }) {
                state.segments.selected = i
            }
            state.segments.mode = .cards
            follow(&state)
            state.message = "saved segment \"\(segment.name)\": \(NumberText.count(card.count)) customers"
        case .saveFailed(let message):
            state.message = "segment not saved: " + message
        case .compared(let comparison):
            guard case .compare = state.segments.mode else { return }
            state.segments.comparison = comparison
        }
    }

    /// Reads a key before the tab's key map (text being typed, Esc out of a member list or comparison).
    static func handleKey(_ state: inout AppState, _ key: Key) -> Bool {
        if var input = state.segments.builder {
            switch input.edit(key) {
            case .editing:
                state.segments.builder = input
                state.segments.builderPreview = FilterPreview.evaluate(input.text, table: state.analysis?.population.table).preview
            case .cancelled:
                state.segments.builder = nil
                state.segments.builderPreview = .empty
            case .submitted(let text):
                state.segments.builder = input
                let checked = FilterPreview.evaluate(text, table: state.analysis?.population.table)
                state.segments.builderPreview = checked.preview
                switch checked.preview {
                case .empty: state.message = "type a filter expression first, e.g. risk > 0.7"
                case .needsFeatures: state.message = "the customers' features are still loading"
                case .invalid(let error): state.message = error.message
                case .matches:
                    state.segments.builder = nil
                    state.segments.pendingExpression = text.trimmingCharacters(in: .whitespaces)
                    state.segments.nameInput = TextInput()
                }
            }
            return true
        }
        if var input = state.segments.nameInput {
            switch input.edit(key) {
            case .editing:
                state.segments.nameInput = input
            case .cancelled:
                state.segments.nameInput = nil
                state.segments.builder = TextInput(state.segments.pendingExpression)
                state.segments.builderPreview = FilterPreview.evaluate(state.segments.pendingExpression,
                                                                       table: state.analysis?.population.table).preview
            case .submitted(let text):
                let name = text.trimmingCharacters(in: .whitespaces)
                guard !name.isEmpty else {
                    state.message = "type a name for the segment (Esc goes back to the expression)"
                    return true
                }
                state.segments.nameInput = nil
                state.request(.segments(.save(name: name, expression: state.segments.pendingExpression)))
                state.message = "saving segment \"\(name)\"" + (state.asciiOnly ? "..." : "…")
            }
            return true
        }
        if key == .escape {
            if state.segments.mode != .cards {
                state.segments.mode = .cards
                state.segments.comparison = nil
                return true
            }
            if state.segments.compareFirst != nil {
                state.segments.compareFirst = nil
                state.message = "comparison cancelled"
                return true
            }
        }
        return false
    }

    /// Moves the tab's view: the card selection, or the member list's cursor.
    static func scroll(_ state: inout AppState, _ move: ScrollMove) {
        switch state.segments.mode {
        case .cards:
            let count = state.segments.cards.count
            guard count > 0 else { return }
            let columns = SegmentsView.cardColumns(width: state.size.width)
            let page = max(1, SegmentsView.visibleCardRows(state.size)) * columns
            var s = state.segments.selected
            switch move {
            case .lines(let n): s += n * columns
            case .columns(let n): s += n.signum()
            case .pages(let n): s += n * page
            case .halfPages(let n): s += n * max(columns, page / 2)
            case .top, .lineStart: s = 0
            case .bottom: s = count - 1
            }
            state.segments.selected = min(max(0, s), count - 1)
            follow(&state)
        case .members(let card, let order, var cursor, var top):
            let rows = SegmentsView.visibleMemberRows(state.size)
            let count = order.value.count
            switch move {
            case .lines(let n): cursor += n
            case .pages(let n): cursor += n * max(1, rows - 1); top += n * max(1, rows - 1)
            case .halfPages(let n): cursor += n * max(1, rows / 2); top += n * max(1, rows / 2)
            case .top: cursor = 0
            case .bottom: cursor = count - 1
            case .columns, .lineStart: break
            }
            cursor = min(max(0, cursor), max(0, count - 1))
            top = min(max(0, top), max(0, count - rows))
            if cursor < top { top = cursor }
            if cursor >= top + rows { top = cursor - rows + 1 }
            state.segments.mode = .members(card, order: order, cursor: cursor, top: top)
        case .compare:
            break
        }
    }

    /// The workspace analysis has just loaded (`state.analysis` is set): start the tab's work when it is shown.
    static func analysisLoaded(_ state: inout AppState) {
        state.segments.driverStatus = .idle
        state.segments.clusterStatus = .idle
        state.segments.savedStatus = .idle
        if state.tab == .segments { startWork(&state) }
    }

    /// The tab has just been shown.
    static func shown(_ state: inout AppState) {
        startWork(&state)
    }

    // MARK: Private

    /// Asks for the driver segments, clusters and saved segments not yet loaded or loading.
    private static func startWork(_ state: inout AppState) {
        guard state.analysis != nil else { return }
        if state.segments.driverStatus == .idle {
            state.segments.driverStatus = .running
            state.request(.segments(.loadDrivers))
        }
        if state.segments.savedStatus == .idle {
            state.segments.savedStatus = .running
            state.request(.segments(.loadSaved))
        }
        if state.segments.clusterStatus == .idle {
            state.segments.clusterStatus = .running
            state.request(.segments(.discover))
        }
    }

    private static func open(_ state: inout AppState) {
        switch state.segments.mode {
        case .cards:
            guard let card = state.segments.selectedCard else {
                state.message = "no segment selected"
                return
            }
            if let problem = card.problem {
                state.message = problem
                return
            }
            state.segments.mode = .members(card, order: Shared(riskOrder(card, state: state)), cursor: 0, top: 0)
        case .members(_, let order, let cursor, _):
            guard let data = state.data, order.value.indices.contains(cursor) else { return }
            state = ChurnTUI.reduce(state, .openCustomer(data.customers.ids[order.value[cursor]]))
        case .compare:
            break
        }
    }

    private static func compare(_ state: inout AppState) {
        guard case .cards = state.segments.mode, let card = state.segments.selectedCard else { return }
        guard let first = state.segments.compareFirst else {
            state.segments.compareFirst = card
            state.message = "comparing \"\(card.name)\": select another segment and press c (Esc cancels)"
            return
        }
        guard first != card else {
            state.message = "select a different segment to compare with \"\(first.name)\""
            return
        }
        state.segments.compareFirst = nil
        state.segments.comparison = nil
        state.segments.mode = .compare(first, card)
        state.request(.segments(.compare(first, card)))
    }

    private static func export(_ state: inout AppState) {
        let card: SegmentCard
        switch state.segments.mode {
        case .cards:
            guard let selected = state.segments.selectedCard else { return }
            card = selected
        case .members(let c, _, _, _): card = c
        case .compare: return
        }
        guard card.count > 0 else {
            state.message = "nothing to export: \"\(card.name)\" has no customers"
            return
        }
        let order = riskOrder(card, state: state).map { Int32($0) }
        state.request(.segments(.export(CustomerExportRequest(rows: Shared(order), path: nil, what: "customers of \"\(card.name)\""))))
        state.message = "exporting \(NumberText.count(order.count)) customers" + (state.asciiOnly ? "..." : "…")
    }

    /// The card's members, riskiest first (ties by row).
    private static func riskOrder(_ card: SegmentCard, state: AppState) -> [Int] {
        guard let p = state.data?.customers.probabilities else { return card.rows.value }
        return card.rows.value.sorted { p[$0] != p[$1] ? p[$0] > p[$1] : $0 < $1 }
    }

    private static func clampSelection(_ state: inout AppState) {
        let count = state.segments.cards.count
        state.segments.selected = min(max(0, state.segments.selected), max(0, count - 1))
        follow(&state)
    }

    /// Keeps the selected card's row visible.
    private static func follow(_ state: inout AppState) {
        let columns = SegmentsView.cardColumns(width: state.size.width)
        let rows = max(1, SegmentsView.visibleCardRows(state.size))
        let row = state.segments.selected / columns
        if row < state.segments.top { state.segments.top = row }
        if row >= state.segments.top + rows { state.segments.top = row - rows + 1 }
        state.segments.top = max(0, state.segments.top)
    }
}
