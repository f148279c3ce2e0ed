/// The top line of the workspace app: the name, the tabs with their numbers (the current one
/// highlighted), and when the scores were made.
///
/// When the full titles do not fit, the scoring time goes first, then titles shorten, and at last
/// only the current tab keeps its title, so every tab number stays visible down to narrow terminals.
public enum TabBar {
    /// Where each tab's label sits in a bar `columns` wide, and whether the scoring time fits too.
    struct Layout {
        var labels: [(tab: Tab, label: String, x: Int)]
        var showsScored: Bool
    }

    /// The column after the " churn " title, where the first tab starts.
    static let firstTabColumn = 8

    static func layout(_ state: AppState, scored: String, columns: Int) -> Layout {
        let x0 = firstTabColumn
        let styles: [(Tab) -> String] = [
            { $0.title },
            { $0.shortTitle },
            { $0 == state.tab ? $0.shortTitle : "" },
        ]
        var labels = labelsFor(state, styles[0])
        var showScored = x0 + width(of: labels) + DisplayWidth.of(scored) + 2 <= columns
        if !showScored {
            for style in styles {
                labels = labelsFor(state, style)
                if x0 + width(of: labels) <= columns { break }
            }
        }
        var placed: [(tab: Tab, label: String, x: Int)] = []
        var x = x0
        for (tab, label) in zip(state.tabs, labels) {
            guard x + DisplayWidth.of(label) <= columns else { showScored = false; break }
            placed.append((tab, label, x))
            x += DisplayWidth.of(label)
        }
        return Layout(labels: placed, showsScored: showScored)
    }

    public static func draw(_ state: AppState, data: WorkspaceData, into frame: inout Frame) {
        let columns = frame.width
        frame.fill(Rect(x: 0, y: 0, width: columns, height: 1), style: CellStyle(.subtitle))
        frame.put(" churn ", x: 0, y: 0, style: CellStyle(.title, [.bold]))
        let scored = scoredText(data)
        let layout = layout(state, scored: scored, columns: columns)
        for item in layout.labels {
            let style = item.tab == state.tab ? CellStyle(.selection, [.bold]) : CellStyle(.subtitle)
            frame.put(item.label, x: item.x, y: 0, style: style)
        }
        if layout.showsScored {
            frame.put(scored, x: columns - DisplayWidth.of(scored), y: 0, style: CellStyle(.muted))
        }
    }

    /// The tab whose label covers column `x` of the bar, for a mouse click.
    public static func tab(atColumn x: Int, in state: AppState) -> Tab? {
        guard let data = state.data else { return nil }
        let layout = layout(state, scored: scoredText(data), columns: state.size.width)
        return layout.labels.first { x >= $0.x && x < $0.x + DisplayWidth.of($0.label) }?.tab
    }

    private static func scoredText(_ data: WorkspaceData) -> String {
        "scored " + DateText.minute(data.snapshot.scoredAt) + " "
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
