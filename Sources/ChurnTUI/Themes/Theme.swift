/// A terminal colour: the terminal's default, or an index in the 256-colour palette.
public enum ThemeColor: Hashable, Sendable {
    case terminalDefault
    case index(Int)

    /// The eight basic names; `bright-NAME` adds 8. Numbers 0-255 are palette indexes.
    static let names = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// Parses `default`, a colour name, `bright-NAME`, `grey`/`gray`, or a number 0-255.
    public init?(_ text: String) {
        let t = text.lowercased()
        if t == "default" || t == "-" { self = .terminalDefault; return }
        if let i = Self.names.firstIndex(of: t) { self = .index(i); return }
        if t.hasPrefix("bright-"), let i = Self.names.firstIndex(of: String(t.dropFirst(7))) { self = .index(i + 8); return }
        if t == "grey" || t == "gray" { self = .index(8); return }
        if let n = Int(t), (0...255).contains(n) { self = .index(n); return }
        return nil
    }
}

/// How one colour role is drawn.
public struct ThemeStyle: Hashable, Sendable {
    public var foreground: ThemeColor
    public var background: ThemeColor
    public var attributes: TextAttributes

    public init(_ foreground: ThemeColor = .terminalDefault, _ background: ThemeColor = .terminalDefault,
                _ attributes: TextAttributes = []) {
        self.foreground = foreground; self.background = background; self.attributes = attributes
    }
}

/// A colour theme: a style for each `ColorRole`. Roles a theme file leaves out look like `text`.
public struct Theme: Equatable, Sendable {
    public var name: String
    /// Whether the theme uses colours at all (the monochrome theme only uses attributes).
    public var usesColor: Bool { styles.values.contains { $0.foreground != .terminalDefault || $0.background != .terminalDefault } }
    public var styles: [ColorRole: ThemeStyle]

    public init(name: String, styles: [ColorRole: ThemeStyle]) {
        self.name = name
        self.styles = styles
    }

    /// The style of a role (the `text` style, or the terminal default, when the theme leaves it out).
    public func style(for role: ColorRole) -> ThemeStyle {
        styles[role] ?? styles[.text] ?? ThemeStyle()
    }
}
