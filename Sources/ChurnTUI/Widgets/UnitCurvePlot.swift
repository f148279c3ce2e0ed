/// A point of a chart over the unit square (rates, probabilities, shares).
public struct PlotPoint: Sendable, Equatable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

/// A line chart over the unit square drawn with a `BrailleCanvas`: a title line, the y axis with
/// 0 / 0.5 / 1 on the left, the x axis with its ticks and name below, an optional dotted diagonal
/// (the chance or perfect-calibration line), curves, scattered points and marked points.
public struct UnitCurvePlot: Sendable {
    /// One curve, joined point to point (or dots only).
    public struct Series: Sendable {
        public var points: [PlotPoint]
        public var role: ColorRole
        public var joined: Bool

        public init(_ points: [PlotPoint], role: ColorRole, joined: Bool = true) {
            self.points = points
            self.role = role
            self.joined = joined
        }
    }

    /// A point drawn as one character over the curves.
    public struct Marker: Sendable {
        public var point: PlotPoint
        public var unicode: String
        public var ascii: String
        public var style: CellStyle

        public init(_ point: PlotPoint, unicode: String, ascii: String, style: CellStyle) {
            self.point = point
            self.unicode = unicode
            self.ascii = ascii
            self.style = style
        }
    }

    public var title: String
    /// The name of the x axis, under the chart (the title names the y axis).
    public var xName: String
    public var series: [Series] = []
    public var markers: [Marker] = []
    /// Whether to draw the dotted diagonal y = x.
    public var diagonal: Diagonal = .none

    /// The reference line drawn under the curves.
    public enum Diagonal: Sendable { case none, rising }

    public init(title: String, xName: String) {
        self.title = title
        self.xName = xName
    }

    /// The smallest rectangle a chart is drawn in; below it `draw` does nothing and returns false.
    public static let minimumWidth = 14
    public static let minimumHeight = 6
    /// Columns used by the y axis labels and the axis line.
    static let axisWidth = 4

    /// The canvas the chart's curves are drawn on, for a rectangle of this size (exposed for tests).
    public func canvas(width: Int, height: Int) -> BrailleCanvas {
        var canvas = BrailleCanvas(columns: width - Self.axisWidth, rows: height - 3)
        if diagonal == .rising {
            // Every other dot of the diagonal, so it reads as a dotted reference line.
            let steps = max(canvas.dotWidth, canvas.dotHeight)
            if steps > 1 {
                for i in stride(from: 0, through: steps - 1, by: 3) {
                    let t = Double(i) / Double(steps - 1)
                    canvas.plot(x: t, y: t, role: .muted)
                }
            }
        }
        for s in series {
            if s.joined {
                canvas.polyline(s.points.map { (x: $0.x, y: $0.y) }, role: s.role)
            } else {
                for p in s.points { canvas.plot(x: p.x, y: p.y, role: s.role) }
            }
        }
        for m in markers {
            canvas.mark(x: m.point.x, y: m.point.y, unicode: m.unicode, ascii: m.ascii, style: m.style)
        }
        return canvas
    }

    /// Draws the chart into `rect`; false when the rectangle is too small for a chart.
    @discardableResult
    public func draw(in rect: Rect, ascii: Bool, glyphs: Glyphs, into frame: inout Frame) -> Bool {
        guard rect.width >= Self.minimumWidth, rect.height >= Self.minimumHeight else { return false }
        frame.putFitted(title, x: rect.x, y: rect.y, width: rect.width, style: CellStyle(.heading, [.bold]), ellipsis: glyphs.ellipsis)
        let canvas = canvas(width: rect.width, height: rect.height)
        let top = rect.y + 1
        let left = rect.x + Self.axisWidth
        // The y axis: a line with 1, 0.5 and 0 beside it.
        for r in 0..<canvas.rows {
            frame.put(glyphs.vertical, x: left - 1, y: top + r, style: CellStyle(.border))
        }
        frame.put("1", x: left - 2, y: top, style: CellStyle(.muted))
        if canvas.rows >= 5 { frame.put(".5", x: left - 3, y: top + (canvas.rows - 1) / 2, style: CellStyle(.muted)) }
        frame.put("0", x: left - 2, y: top + canvas.rows - 1, style: CellStyle(.muted))
        canvas.draw(x: left, y: top, ascii: ascii, into: &frame)
        // The x axis: a line, then 0, the axis name and 1.
        let axisY = top + canvas.rows
        frame.put(glyphs.bottomLeft, x: left - 1, y: axisY, style: CellStyle(.border))
        frame.put(String(repeating: glyphs.horizontal, count: canvas.columns), x: left, y: axisY, style: CellStyle(.border))
        let labelY = axisY + 1
        frame.put("0", x: left, y: labelY, style: CellStyle(.muted))
        frame.put("1", x: left + canvas.columns - 1, y: labelY, style: CellStyle(.muted))
        let nameWidth = min(DisplayWidth.of(xName), max(0, canvas.columns - 6))
        if nameWidth > 0 {
            frame.putFitted(xName, x: left + (canvas.columns - nameWidth) / 2, y: labelY, width: nameWidth,
                            style: CellStyle(.muted), ellipsis: glyphs.ellipsis)
        }
        return true
    }
}
