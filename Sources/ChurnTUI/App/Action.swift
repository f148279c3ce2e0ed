/// Everything that can change the app's state: key presses, resizes, signals and, later, messages
/// posted by background work. Actions are reduced one at a time on the UI thread by `reduce`.
public enum Action: Sendable, Equatable {
    /// A raw key press, translated by the key map of whatever has focus.
    case key(Key)
    /// The terminal now has this size.
    case resize(TerminalSize)
    /// Move the view of the current screen.
    case scroll(ScrollMove)
    /// Show or hide the help overlay.
    case toggleHelp
    /// Close whatever overlay is open.
    case closeOverlay
    /// Leave the app.
    case quit
    /// Ctrl+C or SIGINT: cancels running work when there is some, otherwise quits.
    case interrupt
    /// SIGTERM or SIGHUP: leave at once, restoring the terminal.
    case terminate
    /// A one-line message for the status bar (e.g. from background work).
    case showMessage(String)

    // Tabs and navigation.
    /// Show a tab (ignored when the workspace has no such tab).
    case selectTab(Tab)
    /// Show the n-th listed tab (1-based, as the number keys).
    case selectTabNumber(Int)
    case nextTab, previousTab
    /// Esc: close what is open, or return to the tab shown before.
    case back
    /// Open the command palette.
    case openPalette

    // Threshold.
    /// Move the churn threshold by this much.
    case adjustThreshold(Double)
    /// Set the churn threshold.
    case setThreshold(Double)

    // The customer table.
    /// Sort by a column; sorting by the current column again reverses it.
    case sortBy(SortColumn)
    /// Sort by the column left (-1) or right (+1) of the current sort column.
    case shiftSort(Int)
    /// Reverse the current sort.
    case reverseSort
    /// Show only customers of some tiers.
    case tierFilter(TierFilter)
    /// The next tier filter in `TierFilter.allCases`.
    case cycleTierFilter
    /// Start typing an incremental search on the customer id.
    case startSearch
    /// Search for a text at once (from the command palette).
    case search(String)
    case searchNext, searchPrevious
    /// Mark or unmark the row under the cursor, then move down.
    case toggleMark
    /// Show the detail panel of the row under the cursor.
    case openDetail

    // Background work and the other tabs.
    /// Start loading the workspace analysis in the background (posted once the first frame is up).
    case requestAnalysis
    /// The workspace analysis finished loading.
    case analysisLoaded(Shared<WorkspaceAnalysis>)
    /// The workspace analysis could not be loaded (the message says why).
    case analysisFailed(String)
    /// Show a customer on the Customer tab (from the table, a search or a segment).
    case openCustomer(String)
    case highRisk(HighRiskAction)
    case segments(SegmentsAction)
    case insights(InsightsAction)
    case customer(CustomerAction)
    case whatIf(WhatIfAction)
    case settings(SettingsAction)
    case training(TrainingAction)
    /// Role editing on the import preview.
    case preview(PreviewAction)
}

/// A movement of a scrollable view.
public enum ScrollMove: Sendable, Equatable {
    /// Lines down (negative: up).
    case lines(Int)
    /// Pages down (negative: up); a page is the visible height less one line of context.
    case pages(Int)
    /// Half pages down (negative: up).
    case halfPages(Int)
    case top, bottom
    /// Columns right (negative: left).
    case columns(Int)
    /// Back to the first column.
    case lineStart
}
