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
