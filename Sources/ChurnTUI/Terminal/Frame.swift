/// One character cell of a frame.
public struct Cell: Equatable, Sendable {
    /// The grapheme drawn in this cell (a space for blank cells).
    public var character: Character
    public var style: CellStyle
    /// True for the right half of a wide character drawn in the cell to its left.
    public var isContinuation: Bool

    public init(_ character: Character = " ", style: CellStyle = .plain, isContinuation: Bool = false) {
        self.character = character
        self.style = style
        self.isContinuation = isContinuation
    }

    public static let blank = Cell()
}

/// A rectangle of cells, in frame coordinates.
public struct Rect: Equatable, Sendable {
    public var x: Int, y: Int, width: Int, height: Int
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x; self.y = y; self.width = max(0, width); self.height = max(0, height)
    }
}

/// A grid of styled cells: what one screen shows, built off-screen by `render` and copied to the
/// terminal by the backend (or to text by tests).
///
/// Every text written is sanitised (`TextSanitizer`) and measured (`DisplayWidth`), and is clipped at
/// the frame's edges, so nothing written here can move the cursor or misalign a column.
public struct Frame: Equatable, Sendable {
    public let size: TerminalSize
    /// Cells row by row (`y * width + x`).
    public private(set) var cells: [Cell]
    /// Draw only ASCII: any other character becomes `?` (for terminals without UTF-8).
    public var asciiOnly: Bool

    public init(size: TerminalSize, asciiOnly: Bool = false) {
        self.size = size
        self.asciiOnly = asciiOnly
        cells = Array(repeating: .blank, count: size.width * size.height)
    }

    public var width: Int { size.width }
    public var height: Int { size.height }

    /// The cell at a position (a blank cell outside the frame).
    public subscript(x: Int, y: Int) -> Cell {
        guard x >= 0, y >= 0, x < width, y < height else { return .blank }
        return cells[y * width + x]
    }

    /// Fills a rectangle (clipped to the frame) with blanks of a style.
    public mutating func fill(_ rect: Rect, style: CellStyle) {
        let x0 = max(0, rect.x), x1 = min(width, rect.x + rect.width)
        let y0 = max(0, rect.y), y1 = min(height, rect.y + rect.height)
        guard x0 < x1, y0 < y1 else { return }
        for y in y0..<y1 {
            for x in x0..<x1 { cells[y * width + x] = Cell(" ", style: style) }
        }
    }

    /// Writes text at a position and returns the number of columns written.
    ///
    /// - Parameters:
    ///   - skip: columns of the text to leave out at its start (horizontal scrolling); a wide character
    ///     cut in half by the edge is shown as a space.
    ///   - maxWidth: columns available from `x` (also clipped to the frame's right edge).
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: CellStyle = .plain,
                             maxWidth: Int = .max, skip: Int = 0) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = x + min(maxWidth, width - x)
        var column = x - skip
        let safe = TextSanitizer.sanitize(text)
        for var character in safe {
            if column >= limit { break }
            var w = DisplayWidth.of(character)
            if w == 0 { continue }
            if asciiOnly, !character.isASCII {
                // One `?` per column, so what follows stays where the layout put it.
                character = "?"
                if w == 2, column >= x, column + 2 <= limit {
                    clearWide(at: column, y: y)
                    cells[y * width + column] = Cell("?", style: style)
                    clearWide(at: column + 1, y: y)
                    cells[y * width + column + 1] = Cell("?", style: style)
                    column += 2
                    continue
                }
                w = 1
            }
            if column < x || column < 0 {
                // Entirely or partly left of the visible area.
                if column + w > x, column + w > 0 {
                    for c in max(x, 0)..<min(column + w, limit) { cells[y * width + c] = Cell(" ", style: style) }
                }
                column += w
                continue
            }
            if column + w > limit {
                cells[y * width + column] = Cell(" ", style: style)
                column += 1
                break
            }
            clearWide(at: column, y: y)
            cells[y * width + column] = Cell(character, style: style)
            if w == 2 {
                clearWide(at: column + 1, y: y)
                cells[y * width + column + 1] = Cell(" ", style: style, isContinuation: true)
            }
            column += w
        }
        return max(0, column - max(x, 0))
    }

    /// Writes text cut to `width` columns with an ellipsis when it does not fit, padded with spaces
    /// of the same style, or right-aligned when `alignRight`.
    public mutating func putFitted(_ text: String, x: Int, y: Int, width columns: Int, style: CellStyle = .plain,
                                   alignRight: Bool = false, ellipsis: String = "…") {
        guard columns > 0 else { return }
        let fitted = TextFit.truncate(TextSanitizer.sanitize(text), to: columns, ellipsis: asciiOnly ? "~" : ellipsis)
        let used = DisplayWidth.of(fitted)
        fill(Rect(x: x, y: y, width: columns, height: 1), style: style)
        put(fitted, x: alignRight ? x + columns - used : x, y: y, style: style, maxWidth: columns)
    }

    /// Changes the style of the cells of a rectangle, keeping their characters.
    public mutating func restyle(_ rect: Rect, style: CellStyle) {
        let x0 = max(0, rect.x), x1 = min(width, rect.x + rect.width)
        let y0 = max(0, rect.y), y1 = min(height, rect.y + rect.height)
        guard x0 < x1, y0 < y1 else { return }
        for y in y0..<y1 { for x in x0..<x1 { cells[y * width + x].style = style } }
    }

    /// Copies rows of another frame of the same width into this one, starting at row `y`.
    public mutating func copy(_ other: Frame, rows: Range<Int>, toY y: Int) {
        guard other.width == width else { return }
        for row in rows where row >= 0 && row < other.height && y + row - rows.lowerBound < height {
            let target = y + row - rows.lowerBound
            guard target >= 0 else { continue }
            for x in 0..<width { cells[target * width + x] = other.cells[row * width + x] }
        }
    }

    /// The number of cells that differ from another frame of the same size (all of them otherwise).
    public func changedCells(since other: Frame) -> Int {
        guard other.size == size else { return cells.count }
        var changed = 0
        for i in cells.indices where cells[i] != other.cells[i] { changed += 1 }
        return changed
    }

    /// The frame as plain text, one string per row with trailing spaces removed (for snapshots).
    public func textLines() -> [String] {
        (0..<height).map { y in
            var line = ""
            for x in 0..<width {
                let cell = cells[y * width + x]
                if !cell.isContinuation { line.append(cell.character) }
            }
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    /// If a write at `x` breaks a wide character in two, blank its other half.
    private mutating func clearWide(at x: Int, y: Int) {
        guard x < width else { return }
        let index = y * width + x
        if cells[index].isContinuation, x > 0 {
            cells[index - 1] = Cell(" ", style: cells[index - 1].style)
        } else if x + 1 < width, cells[index + 1].isContinuation {
            cells[index + 1] = Cell(" ", style: cells[index + 1].style)
        }
    }
}
