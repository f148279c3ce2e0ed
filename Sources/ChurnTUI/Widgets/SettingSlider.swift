/// A one-line slider for a setting with a range: a track filled up to a knob, with optional tick
/// marks (e.g. tier boundaries) on the track. ASCII terminals get `=`, `-`, `|` and `+`.
public enum SettingSlider {
    /// Draws the slider for `value` in `range` across `width` columns at (x, y).
    ///
    /// - Parameters:
    ///   - marks: values drawn as ticks on the empty or filled track (not under the knob).
    ///   - focused: draws the knob reversed, as the line being changed.
    public static func draw(value: Double, in range: ClosedRange<Double>, marks: [Double] = [], x: Int, y: Int, width: Int,
                            glyphs: Glyphs, focused: Bool = true, into frame: inout Frame) {
        guard width >= 3 else { return }
        let knob = position(value, in: range, width: width)
        let filled = glyphs.isASCII ? "=" : "━"
        let empty = glyphs.isASCII ? "-" : "─"
        let tick = glyphs.isASCII ? "+" : "┼"
        let ticks = Set(marks.map { position($0, in: range, width: width) })
        for column in 0..<width {
            if column == knob {
                let mark = glyphs.isASCII ? "|" : "●"
                frame.put(mark, x: x + column, y: y, style: CellStyle(.key, focused ? [.bold, .reverse] : [.bold]))
            } else if ticks.contains(column) {
                frame.put(tick, x: x + column, y: y, style: CellStyle(.muted))
            } else if column < knob {
                frame.put(filled, x: x + column, y: y, style: CellStyle(.bar))
            } else {
                frame.put(empty, x: x + column, y: y, style: CellStyle(.border))
            }
        }
    }

    /// The column (0..<width) of a value: the range's ends at the first and last column.
    public static func position(_ value: Double, in range: ClosedRange<Double>, width: Int) -> Int {
        guard width > 1, range.upperBound > range.lowerBound, value.isFinite else { return 0 }
        let f = (min(range.upperBound, max(range.lowerBound, value)) - range.lowerBound) / (range.upperBound - range.lowerBound)
        return min(width - 1, max(0, Int((f * Double(width - 1)).rounded())))
    }
}
