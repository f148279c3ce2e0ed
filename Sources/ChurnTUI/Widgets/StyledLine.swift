/// A line of text made of styled spans, measured once; the unit of scrollable documents.
public struct StyledLine: Equatable, Sendable {
    /// A run of text in one style (already sanitised).
    public struct Span: Equatable, Sendable {
        public var text: String
        public var style: CellStyle
    }

    public private(set) var spans: [Span] = []
    /// Columns taken by the whole line.
    public private(set) var width: Int = 0

    public init() {}

    public init(_ text: String, _ style: CellStyle = .plain) {
        append(text, style)
    }

    /// Adds text in a style.
    public mutating func append(_ text: String, _ style: CellStyle = .plain) {
        let safe = TextSanitizer.sanitize(text)
        guard !safe.isEmpty else { return }
        spans.append(Span(text: safe, style: style))
        width += DisplayWidth.of(safe)
    }

    /// Adds text cut or padded to exactly `columns` columns.
    public mutating func append(_ text: String, _ style: CellStyle = .plain, width columns: Int, alignRight: Bool = false) {
        append(TextFit.pad(TextSanitizer.sanitize(text), to: columns, alignRight: alignRight), style)
    }

    /// Adds spaces up to a column.
    public mutating func pad(to column: Int, _ style: CellStyle = .plain) {
        if column > width { append(String(repeating: " ", count: column - width), style) }
    }

    /// Draws the line into a frame row, starting `skip` columns into the line (horizontal scrolling).
    public func draw(into frame: inout Frame, x: Int, y: Int, width maxWidth: Int, skip: Int = 0) {
        var column = 0
        for span in spans {
            let spanWidth = DisplayWidth.of(span.text)
            let start = column - skip
            if start + spanWidth > 0, start < maxWidth {
                let visibleSkip = max(0, -start)
                frame.put(span.text, x: x + max(0, start), y: y, style: span.style,
                          maxWidth: maxWidth - max(0, start), skip: visibleSkip)
            }
            column += spanWidth
            if column - skip >= maxWidth { break }
        }
    }
}
