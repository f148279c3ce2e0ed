/// The top line of the workspace app: the name, the tabs with their numbers (the current one
/// highlighted), and when the scores were made.
public enum TabBar {
    public static func draw(_ state: AppState, data: WorkspaceData, into frame: inout Frame) {
        let width = frame.width
        frame.fill(Rect(x: 0, y: 0, width: width, height: 1), style: CellStyle(.subtitle))
        var x = frame.put(" churn ", x: 0, y: 0, style: CellStyle(.title, [.bold]))
        x += 1
        for (i, tab) in state.tabs.enumerated() {
            let label = " \(i + 1) \(tab.title) "
            let style = tab == state.tab ? CellStyle(.selection, [.bold]) : CellStyle(.subtitle)
            guard x + DisplayWidth.of(label) <= width else { break }
            x += frame.put(label, x: x, y: 0, style: style)
        }
        let scored = "scored " + DateText.minute(data.snapshot.scoredAt) + " "
        let w = DisplayWidth.of(scored)
        if x + w + 2 <= width {
            frame.put(scored, x: width - w, y: 0, style: CellStyle(.muted))
        }
    }
}
