import ChurnKit

/// The calibration and lift view: the reliability curve of the out-of-fold probabilities (with the
/// held-out reliability stored at training as marked points) beside the cumulative gains curve with
/// the threshold's point, and under them the lift, response rate and cumulative gain per decile.
enum InsightsCalibrationSection {
    /// Lines the decile table takes (title, header and three lines of figures).
    static let tableHeight = 5

    static func draw(_ state: AppState, in rect: Rect, into frame: inout Frame) {
        guard let curves = state.insights.curves?.value else {
            InsightsSectionNotice.draw(state.insights.curvesNote
                ?? "Computing calibration and lift from the out-of-fold scores" + (state.asciiOnly ? "..." : "…"),
                error: state.insights.curvesNote != nil, state: state, in: rect, into: &frame)
            return
        }
        let stored = state.analysis?.metrics?.reliability ?? []
        let chartHeight = rect.height - tableHeight - 1
        guard chartHeight >= UnitCurvePlot.minimumHeight + 2, rect.width >= 50 else {
            drawCompact(curves, stored: stored, state: state, in: rect, into: &frame)
            return
        }
        let ascii = InsightsView.ascii(state)
        let glyphs = state.glyphs
        let sep = " \(glyphs.separator) "
        let chartWidth = (rect.width - 3) / 2

        var reliability = UnitCurvePlot(title: "Reliability: churn rate"
                                        + (stored.isEmpty ? "" : sep + (ascii ? "o" : "◆") + " held-out"),
                                        xName: "mean predicted probability")
        reliability.diagonal = .rising
        reliability.series = [UnitCurvePlot.Series(curves.calibration.map { PlotPoint(x: $0.meanPredicted, y: $0.fractionPositive) },
                                                   role: .info)]
        reliability.markers = stored.map {
            UnitCurvePlot.Marker(PlotPoint(x: $0.meanPredicted, y: $0.fractionPositive), unicode: "◆", ascii: "o", style: CellStyle(.warning))
        }
        reliability.draw(in: Rect(x: rect.x + 1, y: rect.y, width: chartWidth, height: chartHeight), ascii: ascii, glyphs: glyphs,
                         into: &frame)

        let m = curves.confusion(at: state.threshold)
        let flaggedShare = m.total > 0 ? (m.truePositives + m.falsePositives) / m.total : 0
        let mark = ascii ? InsightsCurvesSection.marker.ascii : InsightsCurvesSection.marker.unicode
        var gains = UnitCurvePlot(title: "Gains: churners found" + sep + mark + " at "
                                  + NumberText.fixed(state.threshold, decimals: 2), xName: "share of customers contacted")
        gains.diagonal = .rising
        gains.series = [UnitCurvePlot.Series(curves.gains, role: .info)]
        gains.markers = [UnitCurvePlot.Marker(PlotPoint(x: flaggedShare, y: m.recall), unicode: InsightsCurvesSection.marker.unicode,
                                              ascii: InsightsCurvesSection.marker.ascii, style: CellStyle(.warning, [.bold]))]
        gains.draw(in: Rect(x: rect.x + 2 + chartWidth, y: rect.y, width: chartWidth, height: chartHeight), ascii: ascii, glyphs: glyphs,
                   into: &frame)

        drawDeciles(curves.lift, state: state, in: Rect(x: rect.x + 1, y: rect.y + chartHeight + 1, width: rect.width - 2,
                                                        height: tableHeight), into: &frame)
    }

    /// Deciles as columns: response rate, lift and cumulative gain, the best decile first.
    static func drawDeciles(_ lift: [LiftRow], state: AppState, in rect: Rect, into frame: inout Frame) {
        let glyphs = state.glyphs
        frame.putFitted("Lift per decile of out-of-fold risk (1 = highest scores)", x: rect.x, y: rect.y, width: rect.width,
                        style: CellStyle(.heading, [.bold]), ellipsis: glyphs.ellipsis)
        guard !lift.isEmpty, rect.height >= 2 else { return }
        let labelWidth = 11
        let columnWidth = max(4, min(7, (rect.width - labelWidth) / lift.count))
        let lines: [(String, (LiftRow) -> String)] = [
            ("Decile", { "\($0.group)" }),
            ("Churn rate", { NumberText.percent($0.responseRate, decimals: 0) }),
            ("Lift", { NumberText.fixed($0.lift, decimals: 1) + "x" }),
            ("Cum. gain", { NumberText.percent($0.cumulativeGain, decimals: 0) }),
        ]
        for (i, line) in lines.enumerated() where i + 1 < rect.height {
            let y = rect.y + 1 + i
            let style = i == 0 ? CellStyle(.tableHeader, [.bold]) : CellStyle.plain
            frame.putFitted(line.0, x: rect.x, y: y, width: labelWidth, style: i == 0 ? style : CellStyle(.muted))
            for (g, row) in lift.enumerated() {
                let x = rect.x + labelWidth + g * columnWidth
                guard x + columnWidth <= rect.x + rect.width else { break }
                let cellStyle = i == 2 && row.lift >= 1 ? CellStyle(.good) : style
                frame.putFitted(line.1(row), x: x, y: y, width: columnWidth, style: cellStyle, alignRight: true)
            }
        }
    }

    /// Small terminals: the calibration and lift in a few lines.
    static func drawCompact(_ curves: InsightsCurves, stored: [CalibrationPoint], state: AppState, in rect: Rect, into frame: inout Frame) {
        var lines: [String] = []
        if let top = curves.lift.first {
            lines.append("Top decile: lift " + NumberText.fixed(top.lift, decimals: 1) + "x, "
                         + NumberText.percent(top.cumulativeGain, decimals: 0) + " of churners")
        }
        if curves.lift.count >= 3 {
            lines.append("Top 3 deciles: " + NumberText.percent(curves.lift[2].cumulativeGain, decimals: 0) + " of churners")
        }
        lines.append("Reliability (predicted " + state.glyphs.arrowRight + " observed):")
        for point in curves.calibration {
            lines.append("  " + NumberText.fixed(point.meanPredicted, decimals: 2) + " " + state.glyphs.arrowRight + " " + NumberText.fixed(point.fractionPositive, decimals: 2)
                         + "  (" + NumberText.count(point.rows) + ")")
        }
        for (i, line) in lines.enumerated() where i < rect.height {
            frame.putFitted(line, x: rect.x + 1, y: rect.y + i, width: rect.width - 2, style: .plain, ellipsis: state.glyphs.ellipsis)
        }
    }
}
