import ChurnKit

/// Draws the import preview: a title bar with the file and its quality, a line with the shape and
/// sizes, then the visible part of the preview document.
public enum ImportPreviewView {
    /// Draws the screen into the frame (all rows but the status bar).
    public static func draw(_ preview: ImportPreviewState, state: AppState, into frame: inout Frame) {
        let size = frame.size
        let profile = preview.profile
        let glyphs = state.glyphs

        // Title bar.
        let titleStyle = CellStyle(.title)
        frame.fill(Rect(x: 0, y: 0, width: size.width, height: 1), style: titleStyle)
        let quality = "quality \(NumberText.value(profile.qualityScore, decimals: 1))/10 "
        let qualityWidth = DisplayWidth.of(quality)
        var x = frame.put(" churn ", x: 0, y: 0, style: CellStyle(.title, [.bold]))
        x += frame.put(glyphs.separator + " import preview " + glyphs.separator + " ", x: x, y: 0, style: titleStyle)
        frame.putFitted(fileName(profile.file), x: x, y: 0, width: max(0, size.width - x - qualityWidth - 1),
                        style: CellStyle(.title, [.bold]))
        frame.put(quality, x: size.width - qualityWidth, y: 0, style: CellStyle(.title, [.bold]))

        // Summary line.
        frame.fill(Rect(x: 0, y: 1, width: size.width, height: 1), style: CellStyle(.subtitle))
        var parts = [profile.shape == .transactions ? "transaction log" : "customer table",
                     "\(NumberText.count(profile.rows)) rows"]
        if let customers = profile.customers { parts.append("\(NumberText.count(customers)) customers") }
        if let span = profile.dateSpan { parts.append("\(span.first) \(glyphs.arrowRight) \(span.last)") }
        parts.append(profile.encoding)
        let verdict = profile.usable ? glyphs.okMark + " usable" : glyphs.errorMark + " not usable"
        let verdictWidth = DisplayWidth.of(verdict) + 1
        frame.putFitted(" " + parts.joined(separator: " \(glyphs.separator) "), x: 0, y: 1,
                        width: max(0, size.width - verdictWidth - 1), style: CellStyle(.subtitle))
        frame.put(verdict, x: size.width - verdictWidth, y: 1,
                  style: CellStyle(profile.usable ? .good : .error, [.bold]))

        if preview.isTrainable { trainingBar(preview, state: state, y: 2, into: &frame) }

        // Document body: only the visible lines are drawn.
        let headerHeight = preview.headerHeight
        let viewport = preview.viewport(in: size)
        let content = TerminalSize(width: preview.document.width, height: preview.document.lines.count)
        let scroll = preview.scroll.clamped(content: content, viewport: viewport)
        let lines = preview.document.lines
        for row in 0..<viewport.height {
            let index = scroll.top + row
            guard index < lines.count else { break }
            lines[index].draw(into: &frame, x: 0, y: headerHeight + row, width: viewport.width, skip: scroll.left)
        }
        if let input = preview.roleInput, size.height > 3 {
            // The role line replaces the training bar while it is typed.
            let y = preview.isTrainable ? 2 : size.height - 2
            frame.fill(Rect(x: 0, y: y, width: size.width, height: 1), style: CellStyle(.text))
            input.draw(into: &frame, x: 1, y: y, width: size.width - 2, prompt: "roles role=column: ")
        }
    }

    /// Where the view is, for the status bar: "lines 1-27 of 80".
    public static func position(_ preview: ImportPreviewState, size: TerminalSize) -> String {
        let viewport = preview.viewport(in: size)
        let total = preview.document.lines.count
        let content = TerminalSize(width: preview.document.width, height: total)
        let scroll = preview.scroll.clamped(content: content, viewport: viewport)
        let last = min(total, scroll.top + viewport.height)
        var text = "\(total == 0 ? 0 : scroll.top + 1)-\(last)/\(total)"
        if scroll.left > 0 { text += " col \(scroll.left + 1)" }
        return text
    }

    /// The line under the summary: what `t` trains (models, folds, horizon and the churn rate it
    /// gives), or how far the run started from here is.
    static func trainingBar(_ preview: ImportPreviewState, state: AppState, y: Int, into frame: inout Frame) {
        let width = frame.width
        let glyphs = state.glyphs
        frame.fill(Rect(x: 0, y: y, width: width, height: 1), style: CellStyle(.text))
        let training = state.training
        var x = 1
        if training.isRunning {
            x += frame.put(" t ", x: x, y: y, style: CellStyle(.key, [.bold]))
            let text = " " + (training.statusText ?? "training") + " \(glyphs.separator) t shows or hides the progress, Esc in it cancels"
            frame.putFitted(text, x: x, y: y, width: max(0, width - x - 1), style: CellStyle(.info, [.bold]))
            return
        }
        x += frame.put(" t ", x: x, y: y, style: CellStyle(.key, [.bold]))
        x += frame.put(" train ", x: x, y: y, style: CellStyle(.text, [.bold]))
        var parts = [preview.plan?.summary ?? ""]
        if let candidate = preview.chosenCandidate {
            parts.append("horizon \(candidate.horizonDays) d \(glyphs.arrowRight) churn \(NumberText.percent(candidate.churnRate))")
            parts.append("< > horizon")
        } else if let days = preview.horizonDays {
            parts.append("horizon \(days) d")
        }
        if !preview.profile.usable { parts.append("fix the errors first") }
        frame.putFitted(parts.joined(separator: " \(glyphs.separator) "), x: x, y: y, width: max(0, width - x - 1),
                        style: CellStyle(preview.profile.usable ? .text : .warning))
    }

    /// The last path component of a file, as titles show it.
    static func fileName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
