/// A key press, as read from the terminal.
public enum Key: Hashable, Sendable {
    /// A printable character.
    case char(Character)
    /// Ctrl with a letter, e.g. `.ctrl("u")`.
    case ctrl(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, tab, backTab, backspace, delete
    /// F1...F12.
    case function(Int)
    /// The terminal changed size.
    case resize
    /// A left click at a cell (with `--mouse`).
    case click(x: Int, y: Int)

    /// The key as users write it in help texts ("↑", "Ctrl+U", "PgDn").
    public func label(_ glyphs: Glyphs = .unicode) -> String {
        switch self {
        case .char(" "): return "Space"
        case .char(let c): return String(c)
        case .ctrl(let c): return "Ctrl+" + c.uppercased()
        case .up: return glyphs.up
        case .down: return glyphs.down
        case .left: return glyphs.left
        case .right: return glyphs.right
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "Shift+Tab"
        case .backspace: return "Backspace"
        case .delete: return "Del"
        case .function(let n): return "F\(n)"
        case .resize: return "resize"
        case .click: return "click"
        }
    }
}
