/// A one-line text being typed (a filter, a search, a note): the text and a cursor, edited by keys
/// with the readline keys users expect (←/→, Home/End, Ctrl+A/E/U/K/W, Backspace, Del).
public struct TextInput: Sendable, Equatable {
    /// What a key did to the input.
    public enum Outcome: Sendable, Equatable {
        /// The text or cursor changed (or the key did nothing).
        case editing
        /// Enter: the text is done.
        case submitted(String)
        /// Esc or Ctrl+G: typing was abandoned.
        case cancelled
    }

    public private(set) var text: String
    /// The cursor, in characters from the start (0...text.count).
    public private(set) var cursor: Int

    public init(_ text: String = "") {
        self.text = text
        cursor = text.count
    }

    /// Applies a key.
    public mutating func edit(_ key: Key) -> Outcome {
        switch key {
        case .enter: return .submitted(text)
        case .escape, .ctrl("g"): return .cancelled
        case .left, .ctrl("b"): cursor = max(0, cursor - 1)
        case .right, .ctrl("f"): cursor = min(text.count, cursor + 1)
        case .home, .ctrl("a"): cursor = 0
        case .end, .ctrl("e"): cursor = text.count
        case .backspace:
            guard cursor > 0 else { break }
            remove(at: cursor - 1)
            cursor -= 1
        case .delete, .ctrl("d"):
            guard cursor < text.count else { break }
            remove(at: cursor)
        case .ctrl("u"):
            text = String(text.dropFirst(cursor))
            cursor = 0
        case .ctrl("k"):
            text = String(text.prefix(cursor))
        case .ctrl("w"):
            let before = Array(text.prefix(cursor))
            var start = before.count
            while start > 0, before[start - 1] == " " { start -= 1 }
            while start > 0, before[start - 1] != " " { start -= 1 }
            text = String(before[..<start]) + String(text.dropFirst(cursor))
            cursor = start
        case .char(let c):
            let i = text.index(text.startIndex, offsetBy: cursor)
            text.insert(c, at: i)
            cursor += 1
        default: break
        }
        return .editing
    }

    /// Replaces the text, with the cursor at its end.
    public mutating func set(_ newText: String) {
        text = newText
        cursor = newText.count
    }

    private mutating func remove(at offset: Int) {
        text.remove(at: text.index(text.startIndex, offsetBy: offset))
    }

    /// Draws `prompt` and the text in `width` columns at (x, y), scrolled so the cursor shows; the
    /// cursor cell is drawn reversed when `focused`. Text is sanitised (control characters escaped).
    public func draw(into frame: inout Frame, x: Int, y: Int, width: Int, prompt: String = "", focused: Bool = true,
                     style: CellStyle = .plain) {
        guard width > 0 else { return }
        let promptWidth = min(width, DisplayWidth.of(prompt))
        if promptWidth > 0 { frame.putFitted(prompt, x: x, y: y, width: promptWidth, style: CellStyle(.subtitle, [.bold])) }
        let room = width - promptWidth - 1
        guard room > 0 else { return }
        let characters = Array(TextSanitizer.sanitize(text))
        let cursorAt = min(cursor, characters.count)
        let start = max(0, cursorAt - room)
        let shown = String(characters[start..<min(characters.count, start + room)])
        frame.putFitted(shown, x: x + promptWidth, y: y, width: room + 1, style: style)
        if focused {
            let cx = x + promptWidth + DisplayWidth.of(String(characters[start..<cursorAt]))
            let under = cursorAt < characters.count ? String(characters[cursorAt]) : " "
            frame.put(under, x: cx, y: y, style: CellStyle(style.role, [.reverse]))
        }
    }
}
