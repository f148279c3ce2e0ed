/// A key figure in a box: the label in the top border, the value in bold, a line of context below.
public struct KPICard: Sendable, Equatable {
    public var label: String
    public var value: String
    public var detail: String
    public var role: ColorRole

    public init(_ label: String, _ value: String, _ detail: String = "", role: ColorRole = .heading) {
        self.label = label; self.value = value; self.detail = detail; self.role = role
    }

    /// Lines a card takes.
    public static let height = 4

    /// Draws the card in `rect` (4 rows high; narrower than 6 columns draws nothing).
    public func draw(in rect: Rect, glyphs: Glyphs, into frame: inout Frame) {
        guard rect.width >= 6, rect.height >= Self.height else { return }
        let border = CellStyle(.border)
        let inner = rect.width - 2
        let line = String(repeating: glyphs.horizontal, count: inner)
        frame.put(glyphs.topLeft + line + glyphs.topRight, x: rect.x, y: rect.y, style: border)
        frame.put(glyphs.bottomLeft + line + glyphs.bottomRight, x: rect.x, y: rect.y + 3, style: border)
        for dy in 1...2 {
            frame.put(glyphs.vertical, x: rect.x, y: rect.y + dy, style: border)
            frame.put(glyphs.vertical, x: rect.x + rect.width - 1, y: rect.y + dy, style: border)
        }
        frame.put(" " + TextFit.truncate(label, to: inner - 3, ellipsis: glyphs.ellipsis) + " ", x: rect.x + 1, y: rect.y,
                  style: CellStyle(.muted, [.bold]), maxWidth: inner)
        frame.putFitted(value, x: rect.x + 2, y: rect.y + 1, width: inner - 2, style: CellStyle(role, [.bold]),
                        ellipsis: glyphs.ellipsis)
        frame.putFitted(detail, x: rect.x + 2, y: rect.y + 2, width: inner - 2, style: CellStyle(.muted), ellipsis: glyphs.ellipsis)
    }

    /// Lays cards out in rows of equal width inside `rect` and draws as many rows as fit; returns the
    /// rows of the frame used.
    @discardableResult
    public static func drawGrid(_ cards: [KPICard], in rect: Rect, minWidth: Int, glyphs: Glyphs,
                                into frame: inout Frame) -> Int {
        guard !cards.isEmpty, rect.width >= minWidth else { return 0 }
        let maxPerRow = max(1, rect.width / minWidth)
        let rows = (cards.count + maxPerRow - 1) / maxPerRow
        let perRow = (cards.count + rows - 1) / rows
        let cardWidth = rect.width / perRow
        var used = 0
        for row in 0..<rows {
            let y = rect.y + row * height
            guard y + height <= rect.y + rect.height else { break }
            for column in 0..<perRow {
                let i = row * perRow + column
                guard i < cards.count else { break }
                let x = rect.x + column * cardWidth
                let w = column == perRow - 1 ? rect.width - column * cardWidth : cardWidth
                cards[i].draw(in: Rect(x: x, y: y, width: w, height: height), glyphs: glyphs, into: &frame)
            }
            used += height
        }
        return used
    }
}
