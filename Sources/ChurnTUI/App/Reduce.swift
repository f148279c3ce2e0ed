import ChurnKit

/// The next state after an action. Pure: no terminal, no I/O, so every key sequence can be tested.
public func reduce(_ state: AppState, _ action: Action) -> AppState {
    var next = state
    switch action {
    case .key(let key):
        if key == .resize { return next }
        next.message = nil
        return reduceKey(next, key)
    case .resize(let size):
        next.size = size
        next.preview = next.preview?.reduced(.resize(next.previewSize), size: next.previewSize, glyphs: next.glyphs)
        let rows = next.visibleTableRows
        next.highRisk?.clamp(visibleRows: rows)
    case .scroll(let move):
        switch next.tab {
        case .importPreview:
            next.preview = next.preview?.reduced(action, size: next.previewSize, glyphs: next.glyphs)
        case .highRisk:
            let rows = next.visibleTableRows
            // A page is a screenful unless Settings says how many rows.
            let perPage = next.settings.values.rowsPerPage
            if case .pages(let n) = move, perPage > 0 {
                next.highRisk?.move(.lines(n * perPage), visibleRows: rows)
            } else {
                next.highRisk?.move(move, visibleRows: rows)
            }
        case .overview:
            break
        case .segments: SegmentsReducer.scroll(&next, move)
        case .insights: InsightsReducer.scroll(&next, move)
        case .customer: CustomerReducer.scroll(&next, move)
        case .whatIf: WhatIfReducer.scroll(&next, move)
        case .settings: SettingsReducer.scroll(&next, move)
        }
    case .toggleHelp:
        next.overlay = state.overlay == .help ? nil : .help
    case .closeOverlay:
        next.overlay = nil
    case .quit:
        // While training runs, q asks first (TrainingReducer.answerQuitKey takes the answer).
        TrainingReducer.quit(&next)
    case .terminate:
        next.shouldQuit = true
    case .interrupt:
        // Ctrl+C cancels a running training run; with nothing running (or pressed again) it quits.
        TrainingReducer.interrupt(&next)
    case .showMessage(let text):
        next.message = text
    case .selectTab(let tab):
        guard next.tabs.contains(tab) else {
            next.message = "no \(tab.title) tab in this workspace"
            return next
        }
        show(tab, in: &next)
    case .selectTabNumber(let n):
        guard n >= 1, n <= next.tabs.count else {
            next.message = "no tab \(n): tabs are 1-\(next.tabs.count)"
            return next
        }
        show(next.tabs[n - 1], in: &next)
    case .nextTab, .previousTab:
        guard let i = next.tabs.firstIndex(of: next.tab) else { return next }
        let step = action == .nextTab ? 1 : -1
        show(next.tabs[(i + step + next.tabs.count) % next.tabs.count], in: &next)
    case .back:
        if next.overlay != nil {
            next.overlay = nil
        } else if next.tab == .highRisk, let table = next.highRisk, !table.search.isEmpty {
            next.highRisk?.clearSearch()
        } else if let previous = next.tabHistory.popLast() {
            next.tab = previous
        }
    case .openPalette:
        next.palette = CommandPalette()
        next.overlay = .palette
    case .adjustThreshold(let delta):
        setThreshold(next.threshold + delta, in: &next)
    case .setThreshold(let value):
        setThreshold(value, in: &next)
    case .requestAnalysis:
        if next.data != nil, next.analysis == nil { next.request(.loadAnalysis) }
    case .analysisLoaded(let analysis):
        next.analysis = analysis.value
        next.analysisError = nil
        next.applyActivity(from: analysis.value)
        HighRiskReducer.analysisLoaded(&next)
        SegmentsReducer.analysisLoaded(&next)
        InsightsReducer.analysisLoaded(&next)
        CustomerReducer.analysisLoaded(&next)
        WhatIfReducer.analysisLoaded(&next)
        SettingsReducer.analysisLoaded(&next)
    case .analysisFailed(let message):
        next.analysisError = message
        next.message = "features not loaded: " + message
    case .openCustomer(let id):
        guard next.tabs.contains(.customer) else { return next }
        show(.customer, in: &next)
        CustomerReducer.open(id, in: &next)
    case .highRisk(let a): HighRiskReducer.reduce(&next, a)
    case .segments(let a): SegmentsReducer.reduce(&next, a)
    case .insights(let a): InsightsReducer.reduce(&next, a)
    case .customer(let a): CustomerReducer.reduce(&next, a)
    case .whatIf(let a): WhatIfReducer.reduce(&next, a)
    case .settings(let a): SettingsReducer.reduce(&next, a)
    case .training(let a): TrainingReducer.reduce(&next, a)
    case .preview(let a): PreviewReducer.reduce(&next, a)
    case .sortBy, .shiftSort, .reverseSort, .tierFilter, .cycleTierFilter, .startSearch, .search, .searchNext,
         .searchPrevious, .toggleMark, .openDetail:
        reduceTable(&next, action)
    }
    return next
}

/// Routes a key to what has focus: the palette, a search being typed, an overlay, or the key map.
private func reduceKey(_ state: AppState, _ key: Key) -> AppState {
    var next = state
    if next.training.confirmingQuit {
        TrainingReducer.answerQuitKey(&next, key)
        return next
    }
    if next.overlay == .training, TrainingReducer.handlePanelKey(&next, key) { return next }
    if next.overlay == .palette {
        let commands = CommandPalette.commands(for: next)
        switch next.palette.edit(key, commands: commands) {
        case .editing:
            return next
        case .cancelled:
            next.overlay = nil
            return next
        case .run(let text):
            next.overlay = nil
            switch CommandPalette.parse(text, commands: commands) {
            case .success(let actions): return actions.reduce(next, reduce)
            case .failure(let error):
                next.message = error.message
                return next
            }
        }
    }
    if next.tab == .highRisk, next.highRisk?.isTypingSearch == true {
        let rows = next.visibleTableRows, scored = customers(next)
        next.highRisk?.typeSearch(key, customers: scored, visibleRows: rows)
        if next.highRisk?.searchFailed == true, let text = next.highRisk?.search {
            next.message = "no customer id contains \"\(text)\""
        }
        return next
    }
    if case .click(let x, let y) = key {
        return reduceClick(next, x: x, y: y)
    }
    if next.overlay == nil, handleTabKey(&next, key) { return next }
    guard let mapped = state.keyMap.action(for: key) else { return next }
    switch next.overlay {
    case .help:
        // With the help open, other keys close it; help, Esc and quit keep their meaning.
        switch mapped {
        case .toggleHelp, .closeOverlay, .back, .quit, .interrupt: return reduce(next, mapped)
        default:
            next.overlay = nil
            return next
        }
    case .detail:
        // Enter and Esc close the panel; moving keeps it open on the new row.
        if mapped == .openDetail || mapped == .back {
            next.overlay = nil
            return next
        }
        if case .scroll = mapped { return reduce(next, mapped) }
        next.overlay = nil
        return reduce(next, mapped)
    default:
        return reduce(next, mapped)
    }
}

/// Applies an action of the High-risk table.
private func reduceTable(_ state: inout AppState, _ action: Action) {
    guard var table = state.highRisk, let data = state.data else { return }
    let rows = state.visibleTableRows
    let customers = data.customers
    switch action {
    case .sortBy(let column):
        guard table.columns.contains(column) else {
            state.message = "no \(column.rawValue) column in these scores"
            return
        }
        table.sort(by: column, customers: customers, visibleRows: rows)
    case .shiftSort(let offset): table.shiftSort(offset, customers: customers, visibleRows: rows)
    case .reverseSort: table.reverse(visibleRows: rows)
    case .tierFilter(let filter): table.setFilter(filter, customers: customers, visibleRows: rows)
    case .cycleTierFilter:
        let all = TierFilter.allCases
        let i = all.firstIndex(of: table.filter) ?? 0
        table.setFilter(all[(i + 1) % all.count], customers: customers, visibleRows: rows)
    case .startSearch: table.startSearch()
    case .search(let text): table.searchFor(text, customers: customers, visibleRows: rows)
    case .searchNext: table.findAgain(step: 1, customers: customers, visibleRows: rows)
    case .searchPrevious: table.findAgain(step: -1, customers: customers, visibleRows: rows)
    case .toggleMark: table.toggleMark(visibleRows: rows)
    case .openDetail:
        if table.customerUnderCursor != nil { state.overlay = .detail }
    default: break
    }
    if table.searchFailed, !table.search.isEmpty, action == .searchNext || action == .searchPrevious || action == .search(table.search) {
        state.message = "no customer id contains \"\(table.search)\""
    } else if (action == .searchNext || action == .searchPrevious), table.search.isEmpty {
        state.message = "no search yet: press / and type part of an id"
    }
    state.highRisk = table
}

/// A mouse click: on the tab bar it shows that tab; anywhere else it closes an open overlay.
private func reduceClick(_ state: AppState, x: Int, y: Int) -> AppState {
    var next = state
    if next.overlay != nil, next.overlay != .palette {
        next.overlay = nil
        return next
    }
    if y == 0, next.showsTabBar, let tab = TabBar.tab(atColumn: x, in: next) {
        show(tab, in: &next)
    }
    return next
}

/// Gives the tab shown the first look at a key (for text being typed); true when it used the key.
private func handleTabKey(_ state: inout AppState, _ key: Key) -> Bool {
    switch state.tab {
    case .segments: return SegmentsReducer.handleKey(&state, key)
    case .insights: return InsightsReducer.handleKey(&state, key)
    case .customer: return CustomerReducer.handleKey(&state, key)
    case .whatIf: return WhatIfReducer.handleKey(&state, key)
    case .settings: return SettingsReducer.handleKey(&state, key)
    case .highRisk: return HighRiskReducer.handleKey(&state, key)
    case .importPreview: return PreviewReducer.handleKey(&state, key)
    case .overview: return false
    }
}

/// Sets the churn threshold and, when it changed, asks for it to be saved in the workspace.
func setThreshold(_ value: Double, in state: inout AppState) {
    let before = state.threshold
    state.threshold = AppState.clampThreshold(value)
    if state.threshold != before, state.data != nil {
        state.request(.saveSetting(key: WorkspaceApp.thresholdSetting, value: NumberText.thresholdSetting(state.threshold)))
    }
}

/// Shows a tab, remembering the one before for Esc.
func show(_ tab: Tab, in state: inout AppState) {
    guard tab != state.tab else { return }
    state.tabHistory.append(state.tab)
    if state.tabHistory.count > 32 { state.tabHistory.removeFirst() }
    state.tab = tab
    if state.overlay == .detail { state.overlay = nil }
    if tab == .segments { SegmentsReducer.shown(&state) }
    if tab == .whatIf { WhatIfReducer.shown(&state) }
}

private func customers(_ state: AppState) -> ScoredCustomers {
    state.data?.customers ?? ScoredCustomers(ids: [], probabilities: [], tiers: [])
}
