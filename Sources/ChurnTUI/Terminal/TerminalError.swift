import ChurnKit

/// The terminal cannot be used for a full-screen display.
public enum TerminalError: UserFacingError, Equatable {
    /// ncurses could not set up the terminal named by TERM.
    case cannotOpen(term: String, reason: String)
    /// Standard input or output is not a terminal (e.g. piped).
    case notATerminal(stream: String)

    public var message: String {
        switch self {
        case .cannotOpen(let term, let reason):
            return "cannot open the terminal '\(term)': \(reason). Set TERM to a known terminal type (e.g. TERM=xterm-256color) or use the non-interactive commands (churn profile)."
        case .notATerminal(let stream):
            return "\(stream) is not a terminal; the full-screen view needs one. Use `churn profile` for a report that can be piped."
        }
    }

    public var exitCode: Int32 { ExitCode.usage }
}
