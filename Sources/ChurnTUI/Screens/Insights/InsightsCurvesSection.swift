import ChurnKit

/// The curves view: ROC and precision-recall curves of the out-of-fold scores drawn in braille with the
/// current threshold's point marked, and the confusion matrix at that threshold as a shaded grid.
enum InsightsCurvesSection {
    /// Lines the confusion matrix panel takes (column labels and two rows of two lines, plus a caption).
    static let confusionHeight = 6
    /// The marker of the threshold's point on a curve.
    static let marker = (unicode: "●", ascii: "O")

    static func draw(_ state: AppState, in rect: Rect, into frame: inout Frame) {
        guard let curves = state.insights.curves?.value else {
            InsightsSectionNotice.draw(state.insights.curvesNote
                ?? "Computing ROC and precision-recall curves from the out-of-fold scores" + (state.asciiOnly ? "..." : "…"),
                error: state.insights.curvesNote != nil, state: state, in: rect, into: &frame)
            return
        }
        guard curves.hasBothClasses else {
            InsightsSectionNotice.draw("The out-of-fold scores hold only one class, so there are no ROC or PR curves.", error: true,
                                       state: state, in: rect, into: &frame)
            return
        }
        let chartHeight = rect.height - confusionHeight - 1
        let chartWidth = (rect.width - 3) / 2
        guard chartHeight >= UnitCurvePlot.minimumHeight + 2, rect.width >= 50 else {
            drawCompact(curves, state: state, in: rect, into: &frame)
            return
        }
        let threshold = state.threshold
        let ascii = InsightsView.ascii(state)
        let glyphs = state.glyphs
        let sep = " \(glyphs.separator) "
        let mark = ascii ? marker.ascii : marker.unicode
        let at = NumberText.fixed(threshold, decimals: 2)
        let style = CellStyle(.warning, [.bold])

        var roc = UnitCurvePlot(title: "ROC: recall" + sep + "AUC " + NumberText.fixed(curves.rocAUC, decimals: 3)
                                + sep + mark + " at " + at, xName: "false positive rate")
        roc.diagonal = .rising
        roc.series = [UnitCurvePlot.Series(curves.roc, role: .info)]
        roc.markers = [UnitCurvePlot.Marker(curves.rocPoint(at: threshold), unicode: marker.unicode, ascii: marker.ascii, style: style)]
        roc.draw(in: Rect(x: rect.x + 1, y: rect.y, width: chartWidth, height: chartHeight), ascii: ascii, glyphs: glyphs, into: &frame)

        var pr = UnitCurvePlot(title: "Precision" + sep + "AP " + NumberText.fixed(curves.averagePrecision, decimals: 3)
                               + sep + mark + " at " + at, xName: "recall")
        let base = Double(curves.positives) / Double(curves.positives + curves.negatives)
        pr.series = [UnitCurvePlot.Series([PlotPoint(x: 0, y: base), PlotPoint(x: 1, y: base)], role: .muted),
                     UnitCurvePlot.Series(curves.precisionRecall, role: .info)]
        pr.markers = [UnitCurvePlot.Marker(curves.precisionRecallPoint(at: threshold), unicode: marker.unicode, ascii: marker.ascii,
                                           style: style)]
        pr.draw(in: Rect(x: rect.x + 2 + chartWidth, y: rect.y, width: chartWidth, height: chartHeight), ascii: ascii, glyphs: glyphs,
                into: &frame)

        drawConfusion(curves, state: state, in: Rect(x: rect.x + 1, y: rect.y + chartHeight + 1, width: rect.width - 2,
                                                      height: confusionHeight), into: &frame)
    }

    /// The confusion matrix at the threshold as a shaded grid, with the rates read from it beside.
    static func drawConfusion(_ curves: InsightsCurves, state: AppState, in rect: Rect, into frame: inout Frame) {
        let m = curves.confusion(at: state.threshold)
        let glyphs = state.glyphs
        let title = "Confusion matrix at threshold " + NumberText.fixed(state.threshold, decimals: 2) + " (+/- moves it)"
            + " \(glyphs.separator) \(NumberText.count(curves.rows)) out-of-fold scores \(glyphs.separator) shade = share of actual class"
        frame.putFitted(title, x: rect.x, y: rect.y, width: rect.width, style: CellStyle(.heading, [.bold]), ellipsis: glyphs.ellipsis)
        let grid = confusionGrid(m)
        let cellWidth = 19
        let gridRect = Rect(x: rect.x, y: rect.y + 1, width: min(rect.width, grid.width(cellWidth: cellWidth)), height: rect.height - 1)
        grid.draw(in: gridRect, cellWidth: cellWidth, cellHeight: 2, ascii: InsightsView.ascii(state), glyphs: glyphs, into: &frame)
        let x = gridRect.x + gridRect.width + 2
        let width = rect.x + rect.width - x
        guard width >= 16 else { return }
        for (i, line) in rateLines(m).enumerated() where i < rect.height - 1 {
            frame.putFitted(line, x: x, y: rect.y + 1 + i, width: width, style: .plain, ellipsis: glyphs.ellipsis)
        }
    }

    /// The confusion matrix as cells: rows actual (churned, stayed), columns predicted (churn, stay),
    /// each shaded by its share of its actual class.
    static func confusionGrid(_ m: ConfusionMatrix) -> ShadedGrid {
        let churned = m.truePositives + m.falseNegatives, stayed = m.trueNegatives + m.falsePositives
        func cell(_ name: String, _ count: Double, of total: Double, _ role: ColorRole) -> ShadedGrid.Cell {
            let share = total > 0 ? count / total : 0
            return ShadedGrid.Cell(label: "\(name) \(NumberText.count(Int(count))) \(NumberText.percent(share, decimals: 0))",
                                   shade: share, role: role)
        }
        return ShadedGrid(rowLabels: ["Churned", "Stayed"], columnLabels: ["Predicted churn", "Predicted stay"], cells: [
            [cell("TP", m.truePositives, of: churned, .good), cell("FN", m.falseNegatives, of: churned, .error)],
            [cell("FP", m.falsePositives, of: stayed, .warning), cell("TN", m.trueNegatives, of: stayed, .good)],
        ])
    }

    /// Precision, recall, F1 and the share flagged at one confusion matrix.
    static func rateLines(_ m: ConfusionMatrix) -> [String] {
        let flagged = m.truePositives + m.falsePositives
        return [
            "Flagged    " + NumberText.count(Int(flagged)) + " (" + NumberText.percent(m.total > 0 ? flagged / m.total : 0) + ")",
            "Precision  " + NumberText.fixed(m.precision, decimals: 3),
            "Recall     " + NumberText.fixed(m.recall, decimals: 3),
            "F1         " + NumberText.fixed(m.f1, decimals: 3),
            "FPR        " + NumberText.fixed(m.falsePositiveRate, decimals: 3),
        ]
    }

    /// Small terminals: the figures as lines of text.
    static func drawCompact(_ curves: InsightsCurves, state: AppState, in rect: Rect, into frame: inout Frame) {
        let m = curves.confusion(at: state.threshold)
        let lines = [
            "ROC-AUC " + NumberText.fixed(curves.rocAUC, decimals: 3) + "  AP " + NumberText.fixed(curves.averagePrecision, decimals: 3),
            "At threshold " + NumberText.fixed(state.threshold, decimals: 2) + " (+/-):",
            "TP " + NumberText.count(Int(m.truePositives)) + "  FN " + NumberText.count(Int(m.falseNegatives)),
            "FP " + NumberText.count(Int(m.falsePositives)) + "  TN " + NumberText.count(Int(m.trueNegatives)),
            "Precision " + NumberText.fixed(m.precision, decimals: 3) + "  recall " + NumberText.fixed(m.recall, decimals: 3),
            "F1 " + NumberText.fixed(m.f1, decimals: 3),
            "(charts need 50x18 or larger)",
        ]
        for (i, line) in lines.enumerated() where i < rect.height {
            frame.putFitted(line, x: rect.x + 1, y: rect.y + i, width: rect.width - 2, style: i == lines.count - 1 ? CellStyle(.muted) : .plain,
                            ellipsis: state.glyphs.ellipsis)
        }
    }
}

/// A one-line notice in a view of the insights tab: work in progress, or why something is missing.
enum InsightsSectionNotice {
    static func draw(_ text: String, error: Bool, state: AppState, in rect: Rect, into frame: inout Frame) {
        let lines = TextFit.wrap(text, width: max(1, rect.width - 2))
        let top = rect.y + max(0, (rect.height - lines.count) / 2)
        for (i, line) in lines.enumerated() where top + i < rect.y + rect.height {
            frame.putFitted(line, x: rect.x + 1, y: top + i, width: rect.width - 2, style: CellStyle(error ? .error : .muted),
                            ellipsis: state.glyphs.ellipsis)
        }
    }
}
