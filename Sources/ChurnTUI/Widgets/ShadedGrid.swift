/// A small matrix of labelled cells whose background is shaded by a value in 0...1 (a confusion matrix):
/// each cell is a block of shade characters (` ░▒▓█`, or ` .:+#` in ASCII) with its label written in the
/// middle line between spaces, so the label stays readable on any shade.
public struct ShadedGrid: Sendable {
    /// One cell: its text, how dark it is (0...1) and its colour.
    public struct Cell: Sendable, Equatable {
        public var label: String
        public var shade: Double
        public var role: ColorRole

        public init(label: String, shade: Double, role: ColorRole) {
            self.label = label
            self.shade = shade
            self.role = role
        }
    }

    public var rowLabels: [String]
    public var columnLabels: [String]
    /// Cells row by row (`cells[row][column]`).
    public var cells: [[Cell]]

    public init(rowLabels: [String], columnLabels: [String], cells: [[Cell]]) {
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.cells = cells
    }

    static let unicodeShades = [" ", "░", "▒", "▓", "█"]
    static let asciiShades = [" ", ".", ":", "+", "#"]

    /// The shade character of a value: blank for 0, then four steps up to full at 1.
    public static func shade(_ value: Double, ascii: Bool) -> String {
        let v = value.isFinite ? min(1, max(0, value)) : 0
        let level = v <= 0 ? 0 : min(4, max(1, Int((v * 4).rounded(.up))))
        return (ascii ? asciiShades : unicodeShades)[level]
    }

    /// The columns the grid needs with cells `cellWidth` wide.
    public func width(cellWidth: Int) -> Int {
        labelWidth + columnLabels.count * (cellWidth + 1)
    }

    /// The width of the row labels' column.
    public var labelWidth: Int { (rowLabels.map { DisplayWidth.of($0) }.max() ?? 0) + 1 }

    /// Draws the column labels on the first line, then each row `cellHeight` lines tall, in `rect`
    /// (clipped to it). Returns the lines used.
    @discardableResult
    public func draw(in rect: Rect, cellWidth: Int, cellHeight: Int, ascii: Bool, glyphs: Glyphs, into frame: inout Frame) -> Int {
        guard rect.width > labelWidth, rect.height >= 2, cellWidth >= 3 else { return 0 }
        let bottom = rect.y + rect.height
        let right = rect.x + rect.width
        for (c, label) in columnLabels.enumerated() {
            let x = rect.x + labelWidth + c * (cellWidth + 1)
            frame.putFitted(label, x: x, y: rect.y, width: min(cellWidth, right - x), style: CellStyle(.tableHeader, [.bold]),
                            ellipsis: glyphs.ellipsis)
        }
        var y = rect.y + 1
        let height = max(1, cellHeight)
        for (r, row) in cells.enumerated() {
            guard y < bottom else { break }
            let middle = y + (height - 1) / 2
            if r < rowLabels.count, middle < bottom {
                frame.putFitted(rowLabels[r], x: rect.x, y: middle, width: labelWidth - 1, style: CellStyle(.muted), ellipsis: glyphs.ellipsis)
            }
            for (c, cell) in row.enumerated() {
                let x = rect.x + labelWidth + c * (cellWidth + 1)
                let w = min(cellWidth, right - x)
                guard w > 0 else { break }
                let fill = String(repeating: Self.shade(cell.shade, ascii: ascii), count: w)
                for line in y..<min(bottom, y + height) {
                    frame.put(fill, x: x, y: line, style: CellStyle(cell.role), maxWidth: w)
                }
                if middle < bottom {
                    let text = " " + TextFit.truncate(cell.label, to: max(1, w - 2), ellipsis: glyphs.ellipsis) + " "
                    let tw = DisplayWidth.of(text)
                    frame.put(text, x: x + max(0, (w - tw) / 2), y: middle, style: CellStyle(cell.role, [.bold]), maxWidth: w)
                }
            }
            y += height
        }
        return y - rect.y
    }
}
