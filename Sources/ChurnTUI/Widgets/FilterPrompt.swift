import ChurnKit

/// A filter expression being typed, on two lines: the text with its cursor, and below it the live
/// count of matching customers, or a caret under the column of the mistake with what is wrong.
enum FilterPrompt {
    /// Draws `input` at (x, y) and the preview at (x, y + 1), both `width` columns wide.
    static func draw(_ input: TextInput, preview: FilterPreview, prompt: String, x: Int, y: Int, width: Int,
                     glyphs: Glyphs, into frame: inout Frame, what: String = "customers") {
        guard width > 4 else { return }
        frame.fill(Rect(x: x, y: y, width: width, height: 2), style: .plain)
        input.draw(into: &frame, x: x, y: y, width: width, prompt: prompt)
        let promptWidth = min(width, DisplayWidth.of(prompt))
        let line = y + 1
        switch preview {
        case .empty:
            frame.putFitted("type e.g. risk > 0.7 and tier == \"high\" \(glyphs.separator) Enter applies, empty clears "
                            + "\(glyphs.separator) Esc cancels", x: x + promptWidth, y: line, width: width - promptWidth,
                            style: CellStyle(.muted), ellipsis: glyphs.ellipsis)
        case .needsFeatures:
            frame.putFitted("the customers' features are still loading; the expression is checked once they are in",
                            x: x + promptWidth, y: line, width: width - promptWidth, style: CellStyle(.muted), ellipsis: glyphs.ellipsis)
        case .matches(let n, let warning):
            var used = frame.put("= \(NumberText.count(n)) \(what) match", x: x + promptWidth, y: line,
                                 style: CellStyle(.good, [.bold]), maxWidth: width - promptWidth)
            if let warning {
                used += frame.put("  \(glyphs.warningMark) " + warning, x: x + promptWidth + used, y: line,
                                  style: CellStyle(.warning), maxWidth: width - promptWidth - used)
            }
        case .invalid(let error):
            let cx = caretX(input, column: error.column, x: x + promptWidth, room: width - promptWidth - 1)
            let style = CellStyle(.error, [.bold])
            let message = error.message
            let messageWidth = DisplayWidth.of(message)
            if let cx {
                frame.put(glyphs.isASCII ? "^" : "^", x: cx, y: line, style: style)
                if cx + 2 + messageWidth <= x + width {
                    frame.put(message, x: cx + 2, y: line, style: CellStyle(.error))
                } else if cx - 1 - x >= messageWidth {
                    frame.put(message, x: cx - 1 - messageWidth, y: line, style: CellStyle(.error))
                } else {
                    frame.putFitted(message, x: cx + 2, y: line, width: max(0, x + width - cx - 2), style: CellStyle(.error),
                                    ellipsis: glyphs.ellipsis)
                }
            } else {
                frame.putFitted(glyphs.left + " " + message, x: x + promptWidth, y: line, width: width - promptWidth,
                                style: CellStyle(.error), ellipsis: glyphs.ellipsis)
            }
        }
    }

    /// The screen column under character `column` (1-based) of the input as `TextInput.draw` scrolls
    /// it into `room` columns from `x`; nil when that character is scrolled off to the left.
    static func caretX(_ input: TextInput, column: Int, x: Int, room: Int) -> Int? {
        let characters = Array(TextSanitizer.sanitize(input.text))
        let cursorAt = min(input.cursor, characters.count)
        let start = max(0, cursorAt - max(0, room))
        let index = max(0, column - 1)
        guard index >= start else { return nil }
        let shown = String(characters[start..<min(index, characters.count)])
        return x + DisplayWidth.of(shown) + max(0, index - characters.count)
    }
}
