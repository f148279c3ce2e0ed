/// The importance view: mean |SHAP| per feature over a sample of the scored customers (computed in the
/// background) beside the split-gain importance of the model's tree members (read from the model at
/// once), as horizontal bars scrolled together. Whatever is ready is shown; the rest says it is coming.
enum InsightsImportanceSection {
    /// Where the two lists go.
    struct Layout {
        var shap: Rect
        /// nil when there is no room for the gain list beside or under the SHAP list.
        var gain: Rect?
        /// Bar rows of the SHAP list (each list has a title and a caption line above its bars).
        var listRows: Int
    }

    /// Side by side from 70 columns, stacked below; the SHAP list alone for linear models.
    static func layout(_ state: AppState, in rect: Rect) -> Layout {
        let hasGain = !state.insights.gain.isEmpty
        if !hasGain {
            // The last line says why there is no gain list.
            return Layout(shap: Rect(x: rect.x, y: rect.y, width: rect.width, height: rect.height - 1), gain: nil,
                          listRows: max(1, rect.height - 3))
        }
        if rect.width >= 70 {
            let left = (rect.width - 1) / 2
            return Layout(shap: Rect(x: rect.x, y: rect.y, width: left, height: rect.height),
                          gain: Rect(x: rect.x + left + 1, y: rect.y, width: rect.width - left - 1, height: rect.height),
                          listRows: max(1, rect.height - 2))
        }
        guard rect.height >= 10 else { return Layout(shap: rect, gain: nil, listRows: max(1, rect.height - 2)) }
        let top = rect.height / 2
        return Layout(shap: Rect(x: rect.x, y: rect.y, width: rect.width, height: top),
                      gain: Rect(x: rect.x, y: rect.y + top, width: rect.width, height: rect.height - top),
                      listRows: max(1, top - 2))
    }

    static func draw(_ state: AppState, in rect: Rect, into frame: inout Frame) {
        let layout = layout(state, in: rect)
        let glyphs = state.glyphs
        let sep = " \(glyphs.separator) "
        let top = state.insights.importanceTop
        if let shap = state.insights.shap?.value {
            let sample = shap.sampleRows < shap.totalRows
                ? "\(NumberText.count(shap.sampleRows)) of \(NumberText.count(shap.totalRows)) scored customers (evenly spaced sample)"
                : "all \(NumberText.count(shap.totalRows)) scored customers"
            drawList(title: "Mean |SHAP|", caption: sample + sep + shap.marginDescription, bars: shap.bars, top: top,
                     format: { NumberText.fixed($0, decimals: 4) }, role: .bar, state: state, in: layout.shap, into: &frame)
        } else {
            let text = state.insights.shapNote.map { "No SHAP importance: " + $0 }
                ?? "Computing mean |SHAP| over up to \(NumberText.count(InsightsEffect.shapSampleLimit)) scored customers"
                + (state.asciiOnly ? "..." : "…")
            frame.putFitted("Mean |SHAP|", x: layout.shap.x + 1, y: layout.shap.y, width: layout.shap.width - 2,
                            style: CellStyle(.heading, [.bold]))
            InsightsSectionNotice.draw(text, error: state.insights.shapNote != nil, state: state,
                                       in: Rect(x: layout.shap.x, y: layout.shap.y + 1, width: layout.shap.width, height: min(4, layout.shap.height - 1)),
                                       into: &frame)
        }
        guard let gainRect = layout.gain else {
            if state.insights.gain.isEmpty, let family = state.analysis?.model.family.rawValue, rect.height >= 4 {
                frame.putFitted("No split-gain importance: the \(family) model has no trees.", x: rect.x + 1, y: rect.y + rect.height - 1,
                                width: rect.width - 2, style: CellStyle(.muted), ellipsis: glyphs.ellipsis)
            }
            return
        }
        // One gain list per tree member; a blend's members share the space.
        let members = state.insights.gain
        let each = max(3, gainRect.height / max(1, members.count))
        for (i, member) in members.enumerated() {
            let y = gainRect.y + i * each
            guard y + 2 < gainRect.y + gainRect.height else { break }
            let weight = member.weight < 1 ? " (blend weight " + NumberText.fixed(member.weight, decimals: 2) + ")" : ""
            drawList(title: "Split gain, \(member.family)\(weight)", caption: "share of the model's total split gain",
                     bars: member.bars, top: top, format: { NumberText.percent($0) }, role: .info, state: state,
                     in: Rect(x: gainRect.x, y: y, width: gainRect.width, height: min(each, gainRect.y + gainRect.height - y)), into: &frame)
        }
    }

    /// A titled list of bars from row `top`, scaled to the list's largest value.
    static func drawList(title: String, caption: String, bars: [ImportanceBar], top: Int, format: (Double) -> String,
                         role: ColorRole, state: AppState, in rect: Rect, into frame: inout Frame) {
        guard rect.height >= 1, rect.width >= 12 else { return }
        let glyphs = state.glyphs
        frame.putFitted(title, x: rect.x + 1, y: rect.y, width: rect.width - 2, style: CellStyle(.heading, [.bold]), ellipsis: glyphs.ellipsis)
        guard rect.height >= 3 else { return }
        frame.putFitted(caption, x: rect.x + 1, y: rect.y + 1, width: rect.width - 2, style: CellStyle(.muted), ellipsis: glyphs.ellipsis)
        guard !bars.isEmpty else { return }
        let peak = max(bars.map(\.value).max() ?? 0, .leastNonzeroMagnitude)
        let names = bars.map { DisplayWidth.of($0.feature) }.max() ?? 0
        let nameWidth = min(names, max(8, (rect.width - 2) * 2 / 5))
        let valueWidth = max(bars.map { DisplayWidth.of(format($0.value)) }.max() ?? 0, 4)
        let barWidth = rect.width - 2 - nameWidth - valueWidth - 2
        let first = min(top, max(0, bars.count - 1))
        for (k, bar) in bars[first...].prefix(rect.height - 2).enumerated() {
            let y = rect.y + 2 + k
            frame.putFitted(bar.feature, x: rect.x + 1, y: y, width: nameWidth, style: .plain, ellipsis: glyphs.ellipsis)
            var x = rect.x + 1 + nameWidth + 1
            if barWidth >= 3 {
                let (filled, _) = glyphs.bar(fraction: bar.value / peak, width: barWidth)
                frame.put(filled, x: x, y: y, style: CellStyle(role), maxWidth: barWidth)
                x += barWidth + 1
            }
            frame.putFitted(format(bar.value), x: x, y: y, width: valueWidth, style: CellStyle(.muted), alignRight: true)
        }
    }
}
