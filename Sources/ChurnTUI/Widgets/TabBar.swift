/// The top line of the workspace app: the name, the tabs with their numbers (the current one
/// highlighted), and when the scores were made.
///
/// When the full titles do not fit, the scoring time goes first, then titles shorten, and at last
/// only the current tab keeps its title, so every tab number stays visible down to narrow terminals.
public enum TabBar {
    public static func draw(_ state: AppState, data: WorkspaceData, into frame: inout Frame) {
        let columns = frame.width
        frame.fill(Rect(x: 0, y: 0, width: columns, height: 1), style: CellStyle(.subtitle))
        var x = frame.put(" churn ", x: 0, y: 0, style: CellStyle(.title, [.bold]))
        x += 1
        let scored = "scored " + DateText.minute(data.snapshot.scoredAt) + " "
        let styles: [(Tab) -> String] = [
            { $0.title },
            { $0.shortTitle },
            { $0 == state.tab ? $0.shortTitle : "" },
        ]
        var labels = labelsFor(state, styles[0])
        var showScored = x + width(of: labels) + DisplayWidth.of(scored) + 2 <= columns
        if !showScored {
            for style in styles {
                labels = labelsFor(state, style)
                if x + width(of: labels) <= columns { break }
            }
        }
        for (tab, label) in zip(state.tabs, labels) {
            let style = tab == state.tab ? CellStyle(.selection, [.bold]) : CellStyle(.subtitle)
            guard x + DisplayWidth.of(label) <= columns else { showScored = false; break }
            x += frame.put(label, x: x, y: 0, style: style)
        }
        if showScored {
            frame.put(scored, x: columns - DisplayWidth.of(scored), y: 0, style: CellStyle(.muted))
        }
    }

    private static func labelsFor(_ state: AppState, _ title: (Tab) -> String) -> [String] {
        state.tabs.enumerated().map { i, tab in
            let t = title(tab)
            return t.isEmpty ? " \(i + 1) " : " \(i + 1) \(t) "
        }
    }

    private static func width(of labels: [String]) -> Int {
        labels.reduce(0) { $0 + DisplayWidth.of($1) }
    }
}
