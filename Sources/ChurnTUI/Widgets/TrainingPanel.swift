import ChurnKit

/// The progress panel of a training run, drawn over any screen: the stage, model i of n, fold and
/// trial, an overall bar with elapsed time and ETA, one bar per model with its result as soon as its
/// search ends (the final leaderboard once the champion is saved), and the newest log lines.
public enum TrainingPanel {
    /// The widest the panel gets.
    static let maxWidth = 78

    /// Draws the panel over the frame, leaving the last row (status bar) alone.
    public static func draw(_ state: AppState, into frame: inout Frame) {
        let training = state.training
        let glyphs = state.glyphs
        let boxWidth = min(frame.width - 2, maxWidth)
        let modelRows = training.leaderboard.map { $0.value.count + 1 } ?? (training.models.isEmpty ? 0 : training.models.count + 1)
        let wanted = 4 + 1 + modelRows + 1 + min(8, max(1, training.log.count)) + 1
        let boxHeight = min(frame.height - 2, wanted)
        guard boxWidth >= 20, boxHeight >= 5 else { return }
        let x0 = (frame.width - boxWidth) / 2
        let y0 = max(0, (frame.height - 1 - boxHeight) / 2)
        let inner = boxWidth - 4
        let left = x0 + 2
        let border = CellStyle(.border)
        frame.fill(Rect(x: x0, y: y0, width: boxWidth, height: boxHeight), style: CellStyle(.overlay))
        let horizontal = String(repeating: glyphs.horizontal, count: boxWidth - 2)
        frame.put(glyphs.topLeft + horizontal + glyphs.topRight, x: x0, y: y0, style: border)
        frame.put(glyphs.bottomLeft + horizontal + glyphs.bottomRight, x: x0, y: y0 + boxHeight - 1, style: border)
        for y in (y0 + 1)..<(y0 + boxHeight - 1) {
            frame.put(glyphs.vertical, x: x0, y: y, style: border)
            frame.put(glyphs.vertical, x: x0 + boxWidth - 1, y: y, style: border)
        }
        let percent = " \(NumberText.percent(training.fraction, decimals: 0)) "
        let title = " Training \(glyphs.separator) \(TextSanitizer.sanitize(training.fileName)) "
        frame.put(TextFit.truncate(title, to: max(0, boxWidth - 6 - DisplayWidth.of(percent)), ellipsis: glyphs.ellipsis),
                  x: x0 + 2, y: y0, style: CellStyle(.heading, [.bold]))
        frame.put(percent, x: x0 + boxWidth - 2 - DisplayWidth.of(percent), y: y0, style: CellStyle(.heading, [.bold]))
        let footer = footerText(training, glyphs: glyphs)
        if DisplayWidth.of(footer) <= boxWidth - 4 {
            frame.put(footer, x: x0 + boxWidth - 2 - DisplayWidth.of(footer), y: y0 + boxHeight - 1, style: CellStyle(.muted))
        }

        var y = y0 + 1
        let bottom = y0 + boxHeight - 1
        func line(_ text: String, _ style: CellStyle) {
            guard y < bottom else { return }
            frame.putFitted(text, x: left, y: y, width: inner, style: style, ellipsis: glyphs.ellipsis)
            y += 1
        }

        // Where the run is.
        let (stageText, stageRole) = stageLine(training, glyphs: glyphs)
        line(stageText, CellStyle(stageRole, [.bold]))
        if y < bottom {
            var timing = NumberText.percent(training.fraction, decimals: 0)
            if let e = training.event {
                timing += "  \(duration(e.elapsed)) elapsed"
                if training.isRunning, let eta = e.eta { timing += "  ETA \(duration(eta))" }
            }
            let timingWidth = min(inner / 2, DisplayWidth.of(timing))
            let barWidth = max(0, inner - timingWidth - 1)
            drawBar(training.fraction, width: barWidth, x: left, y: y, role: barRole(training), glyphs: glyphs, into: &frame)
            frame.putFitted(timing, x: left + barWidth + 1, y: y, width: timingWidth, style: CellStyle(.text))
            y += 1
        }
        y += 1

        // One row per model: bars while searching, the final leaderboard once known.
        if let rows = training.leaderboard?.value {
            leaderboard(rows, x: left, y: &y, width: inner, bottom: bottom - 2, glyphs: glyphs, into: &frame)
        } else if !training.models.isEmpty {
            models(training.models, x: left, y: &y, width: inner, bottom: bottom - 2, glyphs: glyphs, into: &frame)
        }
        if y < bottom - 1 { y += 1 }

        // The newest log lines that fit.
        let room = max(0, bottom - y)
        for text in training.log.suffix(room) {
            line(text, CellStyle(text.hasPrefix("failed") ? .error : .muted))
        }
    }

    // MARK: Parts

    /// The first line: stage, model i of n, fold and trial; or the outcome.
    static func stageLine(_ training: TrainingState, glyphs: Glyphs) -> (String, ColorRole) {
        let sep = " \(glyphs.separator) "
        switch training.phase {
        case .idle: return ("no training run yet", .muted)
        case .preparing: return ("preparing" + sep + (training.event?.message ?? "reading the file"), .info)
        case .running:
            guard let e = training.event else { return ("starting", .info) }
            var parts = [training.cancelRequested ? "cancelling" : e.stage.rawValue]
            if e.modelCount > 0, e.modelIndex > 0 {
                parts.append("model \(e.modelIndex)/\(e.modelCount)" + (e.family.map { " " + $0.rawValue } ?? ""))
            }
            if let fold = e.fold { parts.append("fold \(fold)/\(e.foldCount)") }
            if let trial = e.trial, let trials = e.trialCount { parts.append("trial \(trial)/\(trials)") }
            return (parts.joined(separator: sep), training.cancelRequested ? .warning : .info)
        case .scoring:
            return ("scoring" + sep + "model v\(training.savedVersion.map(String.init) ?? "?") saved, scoring every customer", .info)
        case .finished: return (glyphs.okMark + " done" + sep + (training.log.last ?? ""), .good)
        case .failed(let message): return (glyphs.errorMark + " failed" + sep + message, .error)
        case .cancelled: return ("cancelled" + sep + "recorded as cancelled, no model saved", .warning)
        }
    }

    /// The keys shown in the bottom border.
    static func footerText(_ training: TrainingState, glyphs: Glyphs) -> String {
        training.isRunning ? " Esc cancel \(glyphs.separator) t hide " : " Esc close "
    }

    private static func barRole(_ training: TrainingState) -> ColorRole {
        switch training.phase {
        case .failed: return .error
        case .cancelled: return .warning
        case .finished, .scoring: return .good
        default: return .bar
        }
    }

    private static func models(_ models: [TrainingState.ModelProgress], x: Int, y: inout Int, width: Int, bottom: Int,
                               glyphs: Glyphs, into frame: inout Frame) {
        let nameWidth = 12, resultWidth = 16
        let barWidth = max(4, width - nameWidth - resultWidth - 2)
        frame.putFitted("model", x: x, y: y, width: nameWidth, style: CellStyle(.tableHeader, [.bold]))
        frame.putFitted("search", x: x + nameWidth + 1, y: y, width: barWidth, style: CellStyle(.tableHeader, [.bold]))
        frame.putFitted("CV ROC-AUC", x: x + width - resultWidth, y: y, width: resultWidth, style: CellStyle(.tableHeader, [.bold]),
                        alignRight: true)
        y += 1
        for (i, model) in models.enumerated() {
            guard y < bottom || (y == bottom && i == models.count - 1) else {
                frame.putFitted(glyphs.ellipsis + " \(models.count - i) more", x: x, y: y, width: width, style: CellStyle(.muted))
                y += 1
                return
            }
            frame.putFitted(model.family.rawValue, x: x, y: y, width: nameWidth, style: CellStyle(.text))
            drawBar(model.fraction, width: barWidth, x: x + nameWidth + 1, y: y, role: model.done ? .good : .bar, glyphs: glyphs,
                    into: &frame)
            let result: String
            if model.done {
                result = model.auc.map { NumberText.fixed($0, decimals: 3) } ?? "failed"
            } else if model.fitsDone > 0 {
                result = "\(model.fitsDone)/\(model.fitsPlanned) fits"
            } else {
                result = "waiting"
            }
            frame.putFitted(result, x: x + width - resultWidth, y: y, width: resultWidth,
                            style: CellStyle(model.done ? .text : .muted, model.done ? [.bold] : []), alignRight: true)
            y += 1
        }
    }

    private static func leaderboard(_ rows: [LeaderboardRow], x: Int, y: inout Int, width: Int, bottom: Int,
                                    glyphs: Glyphs, into frame: inout Frame) {
        let columns = ["score", "ROC-AUC", "F1", "recall"]
        let cell = 9
        let nameWidth = max(8, width - cell * columns.count)
        frame.putFitted("leaderboard (* champion)", x: x, y: y, width: nameWidth, style: CellStyle(.tableHeader, [.bold]))
        for (c, title) in columns.enumerated() {
            frame.putFitted(title, x: x + nameWidth + c * cell, y: y, width: cell, style: CellStyle(.tableHeader, [.bold]), alignRight: true)
        }
        y += 1
        for (i, row) in rows.enumerated() {
            guard y <= bottom else { return }
            if y == bottom, i < rows.count - 1 {
                frame.putFitted(glyphs.ellipsis + " \(rows.count - i) more", x: x, y: y, width: width, style: CellStyle(.muted))
                y += 1
                return
            }
            let style = CellStyle(row.champion ? .good : .text, row.champion ? [.bold] : [])
            frame.putFitted((row.champion ? "* " : "  ") + row.name, x: x, y: y, width: nameWidth, style: style)
            let values = [row.championScore, row.metrics["auc"]?.mean, row.metrics["f1"]?.mean, row.metrics["recall"]?.mean]
            for (c, value) in values.enumerated() {
                let text = value.map { $0.isFinite ? NumberText.fixed($0, decimals: 3) : "-" } ?? "-"
                frame.putFitted(text, x: x + nameWidth + c * cell, y: y, width: cell, style: style, alignRight: true)
            }
            y += 1
        }
    }

    private static func drawBar(_ fraction: Double, width: Int, x: Int, y: Int, role: ColorRole, glyphs: Glyphs,
                                into frame: inout Frame) {
        guard width > 0 else { return }
        let bar = glyphs.bar(fraction: fraction, width: width)
        let used = frame.put(bar.filled, x: x, y: y, style: CellStyle(role), maxWidth: width)
        frame.put(bar.empty, x: x + used, y: y, style: CellStyle(.border), maxWidth: width - used)
    }

    /// "42 s", "3 min 5 s".
    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "-" }
        let s = Int(seconds.rounded())
        return s < 60 ? "\(s) s" : "\(s / 60) min \(s % 60) s"
    }
}
