/// A vertical bar chart of counts over 0...1 with a marked threshold: bins at or above the threshold
/// whose middle is at or above the threshold are drawn in the error colour, and a `▲` under the axis points at the threshold.
public enum Histogram {
    /// Partial blocks from one eighth to seven eighths of a cell, bottom aligned.
    static let eighths = ["", "▁", "▂", "▃", "▄", "▅", "▆", "▇"]

    /// Draws `counts` (equal-width bins over 0...1; their number must be divisible by the bin counts
    /// tried) in `rect`: a title line, bars, an axis line and the threshold marker.
    public static func draw(_ counts: [Int], threshold: Double, title: String, in rect: Rect, glyphs: Glyphs,
                            into frame: inout Frame) {
        guard rect.height >= 5, rect.width >= 12, !counts.isEmpty else { return }
        let barRows = rect.height - 3
        let width = rect.width
        let bins = [50, 25, 20, 10, 5, 4, 2, 1].first { $0 <= width && counts.count % $0 == 0 } ?? 1
        let columnWidth = width / bins
        let group = counts.count / bins
        var merged = [Int](repeating: 0, count: bins)
        for (i, c) in counts.enumerated() { merged[i / group] += c }
        let peak = max(1, merged.max() ?? 1)
        let heading = title + " \(glyphs.separator) " + (glyphs.isASCII ? "^" : "▲") + " threshold "
            + NumberText.fixed(threshold, decimals: 2) + " \(glyphs.separator) \(NumberText.value(1 / Double(bins), decimals: 2)) per bar, tallest "
            + NumberText.count(peak)
        frame.putFitted(heading,
                        x: rect.x, y: rect.y, width: width, style: CellStyle(.heading, [.bold]), ellipsis: glyphs.ellipsis)
        let chartWidth = bins * columnWidth
        let barWidth = columnWidth >= 3 ? columnWidth - 1 : columnWidth
        for (i, count) in merged.enumerated() {
            // A bin counts as "at risk" when its middle is at or above the threshold.
            let middle = (Double(i) + 0.5) / Double(bins)
            let style = CellStyle(middle >= threshold ? .error : .bar)
            var units = Int((Double(count) / Double(peak) * Double(barRows * 8)).rounded())
            if count > 0, units == 0 { units = 1 }
            let x = rect.x + i * columnWidth
            for row in 0..<barRows {
                let y = rect.y + 1 + barRows - 1 - row
                let level = units - row * 8
                guard level > 0 else { break }
                let cell: String
                if level >= 8 {
                    cell = glyphs.barFull
                } else if glyphs.isASCII {
                    cell = row == 0 || level >= 4 ? glyphs.barFull : " "
                } else {
                    cell = eighths[level]
                }
                frame.put(String(repeating: cell, count: barWidth), x: x, y: y, style: style)
            }
        }
        // Axis with the threshold marked on it, then ticks at 0, 0.5 and 1.
        let axisY = rect.y + 1 + barRows
        frame.put(String(repeating: glyphs.horizontal, count: chartWidth), x: rect.x, y: axisY, style: CellStyle(.border))
        let markX = rect.x + min(chartWidth - 1, max(0, Int((threshold * Double(chartWidth)).rounded())))
        let mark = glyphs.isASCII ? "^" : "▲"
        frame.put(mark, x: markX, y: axisY, style: CellStyle(.warning, [.bold]))
        let labelY = axisY + 1
        frame.put("0", x: rect.x, y: labelY, style: CellStyle(.muted))
        if chartWidth >= 12 { frame.put("0.5", x: rect.x + chartWidth / 2 - 1, y: labelY, style: CellStyle(.muted)) }
        frame.put("1", x: rect.x + chartWidth - 1, y: labelY, style: CellStyle(.muted))
    }
}
