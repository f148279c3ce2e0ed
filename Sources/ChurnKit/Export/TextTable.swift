import Foundation

/// Plain-text tables and number formatting for command-line output and text reports.
///
/// Columns are padded to their widest cell (counted in Unicode characters) and separated by two spaces;
/// the first row is the header, followed by a rule of dashes.
enum TextTable {
    /// Lays out `rows` (the first is the header); columns in `rightAligned` are padded on the left.
    static func render(_ rows: [[String]], rightAligned: Set<Int> = []) -> String {
        guard let header = rows.first else { return "" }
        var widths = [Int](repeating: 0, count: header.count)
        for row in rows {
            for (c, cell) in row.enumerated() where c < widths.count { widths[c] = max(widths[c], cell.count) }
        }
        func line(_ row: [String]) -> String {
            var parts: [String] = []
            for c in widths.indices {
                let cell = c < row.count ? row[c] : ""
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                parts.append(rightAligned.contains(c) ? pad + cell : cell + pad)
            }
            var text = parts.joined(separator: "  ")
            while text.hasSuffix(" ") { text.removeLast() }
            return text
        }
        var lines = [line(header), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        for row in rows.dropFirst() { lines.append(line(row)) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A number with `digits` decimals ("1234.50"), "n/a" when not finite.
    static func fixed(_ x: Double, _ digits: Int) -> String {
        guard x.isFinite else { return "n/a" }
        return String(format: "%.\(digits)f", x)
    }

    /// Money with two decimals and thousands separators ("-1,234.50").
    static func money(_ x: Double) -> String {
        guard x.isFinite else { return "n/a" }
        let cents = (abs(x) * 100).rounded()
        let whole = String(format: "%.0f", (cents / 100).rounded(.down))
        let fraction = Int(cents.truncatingRemainder(dividingBy: 100))
        var grouped = ""
        for (k, ch) in whole.reversed().enumerated() {
            if k > 0 && k % 3 == 0 { grouped.append(",") }
            grouped.append(ch)
        }
        let sign = x < 0 && cents > 0 ? "-" : ""
        return sign + String(grouped.reversed()) + "." + (fraction < 10 ? "0" : "") + String(fraction)
    }

    /// A probability as a percentage ("35%", "12.5%").
    static func percent(_ p: Double) -> String {
        guard p.isFinite else { return "n/a" }
        let x = p * 100
        return (abs(x - x.rounded()) < 1e-9 ? String(format: "%.0f", x) : String(format: "%.1f", x)) + "%"
    }
}
