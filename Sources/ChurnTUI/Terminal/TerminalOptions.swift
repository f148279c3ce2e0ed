import Foundation

/// How the terminal front end should draw, from the command line and the environment.
public struct TerminalOptions: Sendable, Equatable {
    /// Use ASCII for borders, bars and marks (`--ascii`).
    public var ascii: Bool
    /// Use colours (false with `--no-color`, a set `NO_COLOR`, or a terminal without colours).
    public var color: Bool
    /// The theme name or path (`--theme`).
    public var theme: String
    /// Report mouse clicks (`--mouse`; off by default because it breaks the terminal's own copy).
    public var mouse: Bool

    public init(ascii: Bool = false, color: Bool = true, theme: String = "default", mouse: Bool = false) {
        self.ascii = ascii
        self.color = color
        self.theme = theme
        self.mouse = mouse
    }

    /// Options from flags, honouring `NO_COLOR` (any non-empty value turns colour off, see no-color.org).
    public static func resolve(ascii: Bool, noColor: Bool, theme: String?, mouse: Bool = false,
                               environment: [String: String] = ProcessInfo.processInfo.environment) -> TerminalOptions {
        let envNoColor = !(environment["NO_COLOR"] ?? "").isEmpty
        return TerminalOptions(ascii: ascii, color: !(noColor || envNoColor), theme: theme ?? "default", mouse: mouse)
    }
}
