/// A one-line chart of amounts per period (monthly spend): one cell per period, its height in eight
/// levels of the largest amount shown; periods with nothing spent show a dot, so a gap reads as a gap.
///
/// Unicode uses the block elements ▁▂▃▄▅▆▇█; ASCII uses `_.-=+*#@` (and `.` would be ambiguous there,
/// so empty periods are a space).
public enum SpendSparkline {
    static let unicodeLevels = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    static let asciiLevels = ["_", ",", "-", "=", "+", "*", "#", "@"]

    /// The last `width` periods of `totals` as a styled line (all of them when they fit), and the
    /// index of the first period shown.
    public static func line(_ totals: [Double], width: Int, glyphs: Glyphs) -> (line: StyledLine, first: Int) {
        guard width > 0, !totals.isEmpty else { return (StyledLine(), 0) }
        let first = max(0, totals.count - width)
        let shown = totals[first...]
        let top = shown.filter(\.isFinite).max() ?? 0
        var line = StyledLine()
        for v in shown {
            if !v.isFinite || v <= 0 || top <= 0 {
                line.append(glyphs.isASCII ? " " : "·", CellStyle(.muted))
            } else {
                line.append(glyph(level: level(v, top: top), ascii: glyphs.isASCII), CellStyle(.bar))
            }
        }
        return (line, first)
    }

    /// The level 0...7 of a positive amount `v` against the largest amount `top`: ceil(8·v/top) − 1.
    public static func level(_ v: Double, top: Double) -> Int {
        guard top > 0, v > 0 else { return 0 }
        return min(7, max(0, Int((v / top * 8).rounded(.up)) - 1))
    }

    static func glyph(level: Int, ascii: Bool) -> String {
        (ascii ? asciiLevels : unicodeLevels)[min(7, max(0, level))]
    }
}
