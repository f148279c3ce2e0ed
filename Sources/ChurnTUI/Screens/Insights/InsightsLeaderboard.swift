import ChurnKit

/// The leaderboard view: every model of the champion's training run with its cross-validated mean and
/// standard deviation per metric, the champion marked, the selected row's details under the table.
enum InsightsLeaderboard {
    /// A metric column of the table.
    struct Column {
        /// The metric's key in `LeaderboardRow.metrics`.
        var key: String
        var title: String
        /// Whether larger is better (the best value of the column is highlighted).
        var higherIsBetter: Bool
    }

    /// The table's metric columns, in order.
    static let columns: [Column] = [
        Column(key: "auc", title: "ROC-AUC", higherIsBetter: true),
        Column(key: "pr_auc", title: "PR-AUC", higherIsBetter: true),
        Column(key: "f1", title: "F1", higherIsBetter: true),
        Column(key: "recall", title: "Recall", higherIsBetter: true),
        Column(key: "precision", title: "Precision", higherIsBetter: true),
        Column(key: "log_loss", title: "Log loss", higherIsBetter: false),
        Column(key: "brier", title: "Brier", higherIsBetter: false),
        Column(key: "business_value", title: "Value", higherIsBetter: true),
    ]

    /// Every metric in the details of the selected row, with its name in words.
    static let detailMetrics: [(key: String, title: String)] = [
        ("auc", "ROC-AUC"), ("pr_auc", "PR-AUC"), ("f1", "F1 (op. point)"), ("recall", "Recall (op. pt)"),
        ("precision", "Precision (op.)"), ("accuracy", "Accuracy (op.)"), ("log_loss", "Log loss"), ("brier", "Brier"),
        ("ks", "KS"), ("business_value", "Business value"),
    ]

    /// The leaderboard rows of the loaded model's run (the model's own entry for models saved before
    /// whole leaderboards were stored), best champion score first.
    static func rows(_ state: AppState) -> [LeaderboardRow] {
        guard let metrics = state.analysis?.metrics else { return [] }
        return metrics.leaderboard ?? [metrics.entry]
    }

    /// Table rows visible at a terminal size: at most 8 (a run has at most 7 models), leaving about
    /// ten lines for the details under the table (tab bar, status bar, view bar, caption and header aside).
    static func visibleRows(in size: TerminalSize) -> Int {
        max(1, min(8, size.height - 2 - 1 - 2 - 10))
    }

    /// "±", or "+-" when drawing ASCII.
    static func plusMinus(_ ascii: Bool) -> String { ascii ? "+-" : "±" }

    /// "0.842±.012" ("0.842+-.012" in ASCII): the mean with three decimals and the standard deviation, compact.
    static func cell(_ summary: MetricSummary?, ascii: Bool = false) -> String {
        guard let s = summary, s.mean.isFinite else { return "-" }
        var text = NumberText.fixed(s.mean, decimals: 3)
        if s.std.isFinite {
            var std = NumberText.fixed(s.std, decimals: 3)
            if std.hasPrefix("0.") { std.removeFirst() }
            text += plusMinus(ascii) + std
        }
        return text
    }

    /// The index of the best row of a column, nil when no row has the metric.
    static func best(_ column: Column, in rows: [LeaderboardRow]) -> Int? {
        var best: Int?
        for (i, row) in rows.enumerated() {
            guard let m = row.metrics[column.key]?.mean, m.isFinite else { continue }
            if let b = best, let bm = rows[b].metrics[column.key]?.mean {
                if column.higherIsBetter ? m > bm : m < bm { best = i }
            } else {
                best = i
            }
        }
        return best
    }

    /// Draws the table and the selected row's details into `rect`.
    static func draw(_ state: AppState, in rect: Rect, into frame: inout Frame) {
        let glyphs = state.glyphs
        let rows = rows(state)
        guard !rows.isEmpty else {
            frame.putFitted("No leaderboard is stored with this model.", x: rect.x + 1, y: rect.y, width: rect.width - 2,
                            style: CellStyle(.muted), ellipsis: glyphs.ellipsis)
            return
        }
        let selected = min(state.insights.selectedModel, rows.count - 1)
        let ascii = InsightsView.ascii(state)
        let pm = plusMinus(ascii)
        let star = ascii ? "*" : "★"
        let compact = rect.height < 8 || rect.width < 50
        var y = rect.y
        let bottom = rect.y + rect.height
        // Columns: the model's name, then as many metrics as fit from the first one scrolled to.
        let nameWidth = min(16, max(8, (rows.map { DisplayWidth.of($0.name) }.max() ?? 6) + 3))
        let cellWidth = compact ? 7 : (ascii ? 11 : 10)
        let available = rect.width - 1 - nameWidth
        let metric = min(max(0, state.insights.selectedMetric), columns.count - 1)
        let shown = max(1, min(columns.count, available / (cellWidth + 1)))
        // Scroll the columns so the picked metric stays in view.
        let first = max(0, metric - shown + 1)
        let visible = Array(columns[first..<(first + shown)])
        let hidden = columns.count - shown
        if !compact {
            var caption = "Cross-validated mean \(pm)std \(glyphs.separator) \(star) champion \(glyphs.separator) j/k model, h/l metric"
            if hidden > 0 { caption += " \(glyphs.separator) +\(hidden) column" + (hidden == 1 ? "" : "s") }
            frame.putFitted(caption, x: rect.x + 1, y: y, width: rect.width - 2, style: CellStyle(.muted), ellipsis: glyphs.ellipsis)
            y += 1
        }
        frame.putFitted("Model", x: rect.x + 1, y: y, width: nameWidth, style: CellStyle(.tableHeader, [.bold]))
        for (c, column) in visible.enumerated() {
            let title = compact ? String(column.title.prefix(cellWidth)) : column.title
            let picked = first + c == metric
            frame.putFitted(title, x: rect.x + 1 + nameWidth + c * (cellWidth + 1), y: y, width: cellWidth,
                            style: picked ? CellStyle(.selection, [.bold, .underline]) : CellStyle(.tableHeader, [.bold]), alignRight: true)
        }
        y += 1
        let bests = visible.map { best($0, in: rows) }
        let tableRows = compact ? max(1, min(rows.count, bottom - y - 3)) : max(1, min(rows.count, visibleRows(in: state.size)))
        let top = min(max(0, selected - tableRows + 1), max(0, rows.count - tableRows))
        for i in top..<min(rows.count, top + tableRows) where y < bottom {
            let row = rows[i]
            let isSelected = i == selected
            let base = isSelected ? CellStyle(.selection) : .plain
            frame.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), style: base)
            let mark = row.champion ? star + " " : "  "
            frame.putFitted(mark + row.name, x: rect.x + 1, y: y, width: nameWidth - 1,
                            style: isSelected ? CellStyle(.selection, [.bold]) : CellStyle(row.champion ? .good : .text, row.champion ? [.bold] : []),
                            ellipsis: glyphs.ellipsis)
            for (c, column) in visible.enumerated() {
                let summary = row.metrics[column.key]
                let text = compact ? (summary.map { NumberText.fixed($0.mean, decimals: 3) } ?? "-") : cell(summary, ascii: ascii)
                let style: CellStyle = isSelected ? base : (bests[c] == i && rows.count > 1 ? CellStyle(.good, [.bold]) : .plain)
                frame.putFitted(text, x: rect.x + 1 + nameWidth + c * (cellWidth + 1), y: y, width: cellWidth, style: style, alignRight: true)
            }
            y += 1
        }
        if compact {
            // Small terminals: the selected model in one line, and where the rest is.
            let row = rows[selected]
            let lines = [(row.name + (row.champion ? " (champion)" : "") + " \(glyphs.separator) score "
                          + NumberText.fixed(row.championScore, decimals: 3), CellStyle.plain),
                         ("50+ columns show \(pm)std and details", CellStyle(.muted))]
            for (i, line) in lines.enumerated() where y + 1 + i < bottom {
                frame.putFitted(line.0, x: rect.x + 1, y: y + 1 + i, width: rect.width - 2, style: line.1, ellipsis: glyphs.ellipsis)
            }
            return
        }
        guard bottom - y >= 3 else { return }
        y += 1 + drawDetails(rows[selected], state: state, in: Rect(x: rect.x + 1, y: y + 1, width: rect.width - 2, height: bottom - y - 1),
                             into: &frame)
        // With room to spare, the first metric column compared across models as bars with their spread.
        if bottom - y >= rows.count + 3 {
            drawComparison(rows, column: columns[metric], selected: selected, nameWidth: nameWidth, state: state,
                           in: Rect(x: rect.x, y: y + 1, width: rect.width, height: bottom - y - 1), into: &frame)
        }
    }

    /// One metric across the models: a bar to each mean on an axis fitted to the values, with the
    /// range mean ± std drawn as a whisker over it.
    static func drawComparison(_ rows: [LeaderboardRow], column: Column, selected: Int, nameWidth: Int, state: AppState,
                               in rect: Rect, into frame: inout Frame) {
        let glyphs = state.glyphs
        let ascii = InsightsView.ascii(state)
        let summaries = rows.map { $0.metrics[column.key] }
        let finite = summaries.compactMap { $0 }.filter { $0.mean.isFinite }
        guard !finite.isEmpty else { return }
        var lo = finite.map { $0.mean - ($0.std.isFinite ? $0.std : 0) }.min() ?? 0
        var hi = finite.map { $0.mean + ($0.std.isFinite ? $0.std : 0) }.max() ?? 1
        let pad = hi > lo ? (hi - lo) * 0.15 : 0.01
        lo -= pad
        hi += pad
        let textWidth = 17
        let barWidth = rect.width - 2 - nameWidth - textWidth - 1
        guard barWidth >= 10 else { return }
        let direction = column.higherIsBetter ? "higher is better" : "lower is better"
        frame.putFitted("\(column.title) by model (\(direction)) \(glyphs.separator) "
                        + (ascii ? "[-]" : "├─┤") + " mean \(plusMinus(ascii)) std \(glyphs.separator) axis " + NumberText.fixed(lo, decimals: 3) + " to "
                        + NumberText.fixed(hi, decimals: 3), x: rect.x + 1, y: rect.y, width: rect.width - 2,
                        style: CellStyle(.heading, [.bold]), ellipsis: glyphs.ellipsis)
        let best = best(column, in: rows)
        func position(_ v: Double) -> Int { min(barWidth - 1, max(0, Int(((v - lo) / (hi - lo) * Double(barWidth - 1)).rounded()))) }
        for (i, row) in rows.enumerated() where rect.y + 1 + i < rect.y + rect.height {
            let y = rect.y + 1 + i
            let x = rect.x + 1 + nameWidth
            frame.putFitted(row.name, x: rect.x + 3, y: y, width: nameWidth - 2, style: i == selected ? CellStyle(.text, [.bold]) : .plain,
                            ellipsis: glyphs.ellipsis)
            guard let s = summaries[i], s.mean.isFinite else {
                frame.put("-", x: x, y: y, style: CellStyle(.muted))
                continue
            }
            let role: ColorRole = i == best && rows.count > 1 ? .good : .bar
            let mean = position(s.mean)
            frame.put(String(repeating: glyphs.barFull, count: mean + 1), x: x, y: y, style: CellStyle(role))
            if s.std.isFinite, s.std > 0 {
                let left = position(s.mean - s.std), right = position(s.mean + s.std)
                if right > mean + 1 {
                    frame.put(String(repeating: ascii ? "-" : glyphs.horizontal, count: right - mean - 1), x: x + mean + 1, y: y,
                              style: CellStyle(.warning))
                }
                if right > left {
                    frame.put(ascii ? "[" : "├", x: x + left, y: y, style: CellStyle(.warning, [.bold]))
                    frame.put(ascii ? "]" : "┤", x: x + right, y: y, style: CellStyle(.warning, [.bold]))
                }
            }
            let text = NumberText.fixed(s.mean, decimals: 4) + (s.std.isFinite ? " \(plusMinus(ascii)) " + NumberText.fixed(s.std, decimals: 4) : "")
            frame.putFitted(text, x: x + barWidth + 1, y: y, width: textWidth, style: .plain, alignRight: true)
        }
    }

    /// The selected model's details: its role, calibration, thresholds, blend weights, parameters and
    /// every metric with mean and standard deviation.
    /// Returns the lines used.
    @discardableResult
    static func drawDetails(_ row: LeaderboardRow, state: AppState, in rect: Rect, into frame: inout Frame) -> Int {
        let glyphs = state.glyphs
        let sep = " \(glyphs.separator) "
        var y = rect.y
        let bottom = rect.y + rect.height
        let head = row.name + (row.champion ? " (champion)" : "") + sep + "champion score " + NumberText.fixed(row.championScore, decimals: 3)
        frame.putFitted(head, x: rect.x, y: y, width: rect.width, style: CellStyle(.heading, [.bold]), ellipsis: glyphs.ellipsis)
        y += 1
        var about = "Calibration " + row.calibration + sep + "business threshold " + NumberText.fixed(row.businessThreshold, decimals: 2)
            + " (max F1)"
        if row.trials > 0 { about += sep + "\(row.trials) search trial" + (row.trials == 1 ? "" : "s") }
        if y < bottom {
            frame.putFitted(about, x: rect.x, y: y, width: rect.width, style: .plain, ellipsis: glyphs.ellipsis)
            y += 1
        }
        if let blend = row.blend, !blend.isEmpty, y < bottom {
            let members = blend.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                .map { "\($0.key) " + NumberText.fixed($0.value, decimals: 2) }.joined(separator: ", ")
            frame.putFitted("Blend weights: " + members, x: rect.x, y: y, width: rect.width, style: .plain, ellipsis: glyphs.ellipsis)
            y += 1
        }
        if !row.parameters.isEmpty, y < bottom {
            let parameters = row.parameters.sorted { $0.key < $1.key }.map { "\($0.key)=" + NumberText.value($0.value, decimals: 4) }
                .joined(separator: ", ")
            frame.putFitted("Parameters: " + parameters, x: rect.x, y: y, width: rect.width, style: CellStyle(.muted), ellipsis: glyphs.ellipsis)
            y += 1
        }
        y += 1
        // Every metric as "name  mean ± std", in as many columns as fit.
        let cellWidth = 34
        let perLine = max(1, rect.width / cellWidth)
        for (i, metric) in detailMetrics.enumerated() {
            let line = y + i / perLine
            guard line < bottom else { break }
            let x = rect.x + (i % perLine) * cellWidth
            frame.putFitted(metric.title, x: x, y: line, width: 17, style: CellStyle(.muted))
            let summary = row.metrics[metric.key]
            var value = "-"
            if let s = summary, s.mean.isFinite {
                value = NumberText.fixed(s.mean, decimals: 4)
                    + (s.std.isFinite ? " \(plusMinus(InsightsView.ascii(state))) " + NumberText.fixed(s.std, decimals: 4) : "")
            }
            frame.putFitted(value, x: x + 17, y: line, width: cellWidth - 18, style: .plain)
        }
        return min(bottom, y + (detailMetrics.count + perLine - 1) / perLine) - rect.y
    }
}
