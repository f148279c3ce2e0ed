/// A grid of dots for line charts: each character cell holds 2 x 4 dots drawn as one Unicode braille
/// character (U+2800 + dot bits), or as `*` in ASCII mode (one dot anywhere in the cell marks it).
///
/// Dot coordinates start at the top left: `x` in `0..<dotWidth`, `y` in `0..<dotHeight` downwards.
/// `plot` and `line` take chart coordinates in the unit square instead (x right, y up), so curves over
/// rates and probabilities map straight onto the canvas. Cells remember the colour role of the last dot
/// set in them, and single-character marks (a threshold's point) can be laid over the dots.
public struct BrailleCanvas: Sendable, Equatable {
    /// A character drawn over the dots of one cell.
    public struct Mark: Sendable, Equatable {
        public var column: Int
        public var row: Int
        public var unicode: String
        public var ascii: String
        public var style: CellStyle
    }

    /// Columns and rows of character cells.
    public let columns: Int
    public let rows: Int
    /// Dot bits per cell, row by row.
    public private(set) var bits: [UInt8]
    /// The colour role of each cell (of the last dot set in it).
    private var roles: [ColorRole]
    public private(set) var marks: [Mark] = []

    /// The braille bit of the dot at (x % 2, y % 4) inside its cell (the Unicode dot numbering 1-8).
    static let dotBits: [[UInt8]] = [
        [0x01, 0x02, 0x04, 0x40], // left column, top to bottom
        [0x08, 0x10, 0x20, 0x80], // right column
    ]

    /// An empty canvas of `columns` x `rows` cells (negative sizes count as zero).
    public init(columns: Int, rows: Int) {
        self.columns = max(0, columns)
        self.rows = max(0, rows)
        bits = [UInt8](repeating: 0, count: self.columns * self.rows)
        roles = [ColorRole](repeating: .text, count: self.columns * self.rows)
    }

    public var dotWidth: Int { columns * 2 }
    public var dotHeight: Int { rows * 4 }

    /// Sets one dot (ignored outside the canvas).
    public mutating func set(dotX x: Int, dotY y: Int, role: ColorRole = .text) {
        guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return }
        let cell = (y / 4) * columns + x / 2
        bits[cell] |= Self.dotBits[x % 2][y % 4]
        roles[cell] = role
    }

    /// Whether a dot is set.
    public func isSet(dotX x: Int, dotY y: Int) -> Bool {
        guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return false }
        return bits[(y / 4) * columns + x / 2] & Self.dotBits[x % 2][y % 4] != 0
    }

    /// The dot nearest to a point of the unit square (x right, y up); nil for non-finite values.
    public func dot(x: Double, y: Double) -> (x: Int, y: Int)? {
        guard x.isFinite, y.isFinite, dotWidth > 0, dotHeight > 0 else { return nil }
        let cx = min(1, max(0, x)), cy = min(1, max(0, y))
        return (Int((cx * Double(dotWidth - 1)).rounded()), Int(((1 - cy) * Double(dotHeight - 1)).rounded()))
    }

    /// Sets the dot nearest to a point of the unit square.
    public mutating func plot(x: Double, y: Double, role: ColorRole = .text) {
        guard let d = dot(x: x, y: y) else { return }
        set(dotX: d.x, dotY: d.y, role: role)
    }

    /// Draws a straight line between two dots (Bresenham), both ends included.
    public mutating func line(dotX x0: Int, dotY y0: Int, toDotX x1: Int, dotY y1: Int, role: ColorRole = .text) {
        var x = x0, y = y0
        let dx = abs(x1 - x0), dy = -abs(y1 - y0)
        let sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1
        var error = dx + dy
        while true {
            set(dotX: x, dotY: y, role: role)
            if x == x1 && y == y1 { break }
            let e2 = 2 * error
            if e2 >= dy { error += dy; x += sx }
            if e2 <= dx { error += dx; y += sy }
        }
    }

    /// Draws a straight line between two points of the unit square.
    public mutating func line(from a: (x: Double, y: Double), to b: (x: Double, y: Double), role: ColorRole = .text) {
        guard let p = dot(x: a.x, y: a.y), let q = dot(x: b.x, y: b.y) else { return }
        line(dotX: p.x, dotY: p.y, toDotX: q.x, dotY: q.y, role: role)
    }

    /// Joins points of the unit square with straight lines, in order (non-finite points break the line).
    public mutating func polyline(_ points: [(x: Double, y: Double)], role: ColorRole = .text) {
        var previous: (x: Double, y: Double)?
        for point in points {
            guard point.x.isFinite, point.y.isFinite else { previous = nil; continue }
            if let p = previous { line(from: p, to: point, role: role) } else { plot(x: point.x, y: point.y, role: role) }
            previous = point
        }
    }

    /// Lays a character over the cell holding a point of the unit square (drawn after the dots).
    public mutating func mark(x: Double, y: Double, unicode: String, ascii: String, style: CellStyle) {
        guard let d = dot(x: x, y: y) else { return }
        marks.append(Mark(column: d.x / 2, row: d.y / 4, unicode: unicode, ascii: ascii, style: style))
    }

    /// The character of one cell without marks: braille, `*` in ASCII, or a space when empty.
    public func character(column: Int, row: Int, ascii: Bool) -> String {
        guard column >= 0, row >= 0, column < columns, row < rows else { return " " }
        let b = bits[row * columns + column]
        guard b != 0 else { return " " }
        if ascii { return "*" }
        return String(Character(Unicode.Scalar(0x2800 + UInt32(b)) ?? " "))
    }

    /// The canvas as lines of text, marks included (for tests and plain output).
    public func textLines(ascii: Bool) -> [String] {
        var grid = (0..<rows).map { r in (0..<columns).map { character(column: $0, row: r, ascii: ascii) } }
        for m in marks where m.row < rows && m.column < columns { grid[m.row][m.column] = ascii ? m.ascii : m.unicode }
        return grid.map { $0.joined() }
    }

    /// Copies the canvas into a frame with its top left cell at (x, y); empty cells are left as they are.
    public func draw(x: Int, y: Int, ascii: Bool, into frame: inout Frame) {
        for r in 0..<rows {
            for c in 0..<columns where bits[r * columns + c] != 0 {
                frame.put(character(column: c, row: r, ascii: ascii), x: x + c, y: y + r, style: CellStyle(roles[r * columns + c]))
            }
        }
        for m in marks where m.row < rows && m.column < columns {
            frame.put(ascii ? m.ascii : m.unicode, x: x + m.column, y: y + m.row, style: m.style, maxWidth: 1)
        }
    }
}
