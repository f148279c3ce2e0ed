/// A horizontal slider drawn on one line: a track with a knob at the value and a mark where the
/// value started, e.g. `├────┼───●────┤` (ASCII `[----|---O----]`).
///
/// Used by the What-if tab for feature values and campaign settings. Positions are fractions of the
/// track (0 = left end, 1 = right end); NaN draws no knob (a missing value).
public struct SliderTrack: Sendable, Equatable {
    /// Where the knob is (0...1, NaN for none).
    public var position: Double
    /// Where the value started (0...1, NaN for no mark).
    public var origin: Double

    public init(position: Double, origin: Double = .nan) {
        self.position = position
        self.origin = origin
    }

    /// The fraction of `value` between `low` and `high` (0 when the range is empty, NaN for NaN).
    public static func fraction(_ value: Double, low: Double, high: Double) -> Double {
        guard !value.isNaN else { return .nan }
        guard high > low else { return 0 }
        return min(1, max(0, (value - low) / (high - low)))
    }

    /// The column (0..<width) of a fraction on a track `width` cells wide.
    static func column(_ fraction: Double, width: Int) -> Int? {
        guard fraction.isFinite, width > 0 else { return nil }
        return min(width - 1, max(0, Int((fraction * Double(width - 1)).rounded())))
    }

    /// The characters of the track, `width` columns including its two end caps (at least 3).
    public func text(width: Int, glyphs: Glyphs) -> String {
        guard width >= 3 else { return "" }
        let inner = width - 2
        let line: Character = glyphs.isASCII ? "-" : "─"
        let knob: Character = glyphs.isASCII ? "O" : "●"
        let mark: Character = glyphs.isASCII ? "|" : "┼"
        var cells = [Character](repeating: line, count: inner)
        if let o = Self.column(origin, width: inner) { cells[o] = mark }
        if let k = Self.column(position, width: inner) { cells[k] = knob }
        let left = glyphs.isASCII ? "[" : "├", right = glyphs.isASCII ? "]" : "┤"
        return left + String(cells) + right
    }

    /// Draws the track at (x, y), `width` columns wide; the knob in `knobStyle`, the rest in the border colour.
    public func draw(into frame: inout Frame, x: Int, y: Int, width: Int, glyphs: Glyphs,
                     knobStyle: CellStyle = CellStyle(.bar, [.bold])) {
        let text = text(width: width, glyphs: glyphs)
        guard !text.isEmpty else { return }
        frame.put(text, x: x, y: y, style: CellStyle(.border), maxWidth: width)
        if let k = Self.column(position, width: width - 2) {
            frame.put(glyphs.isASCII ? "O" : "●", x: x + 1 + k, y: y, style: knobStyle, maxWidth: 1)
        }
    }
}
