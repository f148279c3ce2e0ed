/// A horizontal waterfall of contributions: a first bar from 0 to the starting value (the model's
/// expected value), one bar per step from the running total before it to the running total after it,
/// and a last bar from 0 to the final value (the model's output for the customer), all on one axis.
///
/// Steps that raise the value are drawn in the `error` role with full blocks (`+` in ASCII), steps that
/// lower it in the `good` role with shaded blocks (`-` in ASCII), so the direction shows without colour.
/// The zero of the axis is marked on every row.
public struct ContributionWaterfall: Sendable, Equatable {
    /// One bar: a label and the amount it adds.
    public struct Step: Sendable, Equatable {
        public var label: String
        public var delta: Double
        public init(_ label: String, _ delta: Double) {
            self.label = label
            self.delta = delta
        }
    }

    public var startLabel: String
    public var start: Double
    public var steps: [Step]
    public var endLabel: String

    public init(startLabel: String, start: Double, steps: [Step], endLabel: String) {
        self.startLabel = startLabel
        self.start = start
        self.steps = steps
        self.endLabel = endLabel
    }

    /// The final value: start plus every step.
    public var end: Double { steps.reduce(start) { $0 + $1.delta } }

    /// The rows of the chart for `width` columns (label, signed value, bar), one per bar.
    public func lines(width: Int, glyphs: Glyphs) -> [StyledLine] {
        let valueWidth = 6
        let labels = [startLabel] + steps.map(\.label) + [endLabel]
        let widest = labels.map { DisplayWidth.of(TextSanitizer.sanitize($0)) }.max() ?? 0
        let labelWidth = max(4, min(widest, (width - valueWidth - 2) * 2 / 5))
        let barWidth = width - labelWidth - valueWidth - 2
        // Running totals: bar i spans points[i]...points[i + 1]; the first and last bars start at 0.
        var points = [start]
        for step in steps { points.append(points[points.count - 1] + step.delta) }
        let finite = (points + [0]).filter(\.isFinite)
        let lo = finite.min() ?? 0, hi = finite.max() ?? 0
        func column(_ v: Double) -> Int {
            guard barWidth > 1, hi > lo, v.isFinite else { return 0 }
            return Int(((v - lo) / (hi - lo) * Double(barWidth - 1)).rounded())
        }
        let zero = column(0)
        var out: [StyledLine] = []
        func row(_ label: String, _ value: String, from a: Double, to b: Double, emphasis: Bool) {
            var line = StyledLine()
            line.append(label, CellStyle(.text, emphasis ? [.bold] : []), width: labelWidth)
            line.append(" ")
            line.append(value, emphasis ? CellStyle(.text, [.bold]) : CellStyle(b >= a ? .error : .good), width: valueWidth, alignRight: true)
            line.append(" ")
            guard barWidth > 0 else { out.append(line); return }
            let x0 = min(column(a), column(b)), x1 = max(column(a), column(b))
            let up = b >= a
            let mark = up ? (glyphs.isASCII ? "+" : glyphs.barFull) : (glyphs.isASCII ? "-" : "▒")
            let role: ColorRole = emphasis ? .heading : (up ? .error : .good)
            var x = 0
            while x < barWidth {
                if x >= x0, x <= x1, a.isFinite, b.isFinite {
                    let end = min(barWidth - 1, x1)
                    line.append(String(repeating: mark, count: end - x + 1), CellStyle(role))
                    x = end + 1
                } else if x == zero {
                    line.append(glyphs.vertical, CellStyle(.muted))
                    x += 1
                } else {
                    line.append(" ")
                    x += 1
                }
            }
            out.append(line)
        }
        row(startLabel, Self.signed(start, plus: false), from: 0, to: start, emphasis: true)
        for (i, step) in steps.enumerated() {
            row(step.label, Self.signed(step.delta, plus: true), from: points[i], to: points[i + 1], emphasis: false)
        }
        row(endLabel, Self.signed(end, plus: false), from: 0, to: end, emphasis: true)
        return out
    }

    /// "+0.80", "-0.12" (with `plus`), or "1.20".
    static func signed(_ v: Double, plus: Bool) -> String {
        guard v.isFinite else { return "n/a" }
        let text = NumberText.fixed(v, decimals: 2)
        return plus && v >= 0 ? "+" + text : text
    }
}
