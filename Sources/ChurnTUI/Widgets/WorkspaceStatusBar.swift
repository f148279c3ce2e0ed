/// The bottom line of the workspace app: workspace file, data set, active model, threshold, marks
/// and work in progress on the left (then the main keys, or a message); position and login name
/// on the right.
public enum WorkspaceStatusBar {
    public static func draw(_ state: AppState, data: WorkspaceData, position: String, into frame: inout Frame) {
        let y = frame.height - 1
        let width = frame.width
        let bar = CellStyle(.statusBar)
        frame.fill(Rect(x: 0, y: y, width: width, height: 1), style: bar)
        let right = (position.isEmpty ? "" : " \(position) ") + " \(state.user) "
        let rightWidth = DisplayWidth.of(right)
        frame.put(right, x: max(0, width - rightWidth), y: y, style: bar)
        let room = max(0, width - rightWidth - 1)
        let separator = " \(state.glyphs.separator) "

        // Figures (threshold, marks, work) are shown whole; the names share what is left.
        var figures: [String] = ["thr " + NumberText.threshold(state.threshold)]
        if let marks = state.highRisk?.marks.count, marks > 0 { figures.append("\(NumberText.count(marks)) marked") }
        if let work = state.work { figures.append(work) }
        let figuresWidth = figures.reduce(0) { $0 + DisplayWidth.of(separator) + DisplayWidth.of($1) }
        var names = [ImportPreviewView.fileName(data.workspacePath)]
        // A message needs the room more than the data set and model names.
        if state.message == nil {
            if let dataset = data.datasetName { names.append(dataset) }
            names.append(data.modelLabel)
        }
        var x = frame.put(" ", x: 0, y: y, style: bar)
        for (n, name) in names.enumerated() {
            let left = room - x - figuresWidth - (n > 0 ? DisplayWidth.of(separator) : 0)
            let shown = TextFit.truncate(name, to: min(left, 24), ellipsis: state.glyphs.ellipsis)
            guard left >= 6, !shown.isEmpty else { break }
            if n > 0 { x += frame.put(separator, x: x, y: y, style: bar) }
            x += frame.put(shown, x: x, y: y, style: n == 0 ? CellStyle(.statusBar, [.bold]) : bar)
        }
        for figure in figures {
            let lead = x > 1 ? separator : ""
            guard x + DisplayWidth.of(lead) + DisplayWidth.of(figure) <= room else { break }
            x += frame.put(lead, x: x, y: y, style: bar)
            x += frame.put(figure, x: x, y: y, style: CellStyle(.statusBar, [.bold]))
        }
        x += frame.put("  ", x: x, y: y, style: bar, maxWidth: room - x)
        if let message = state.message {
            frame.put(message, x: x, y: y, style: CellStyle(.statusBar, [.bold]), maxWidth: room - x)
            return
        }
        for (key, label) in [("?", "help"), (":", "commands"), ("q", "quit")] {
            guard room - x > DisplayWidth.of(label) + 3 else { break }
            x += frame.put(" \(key) ", x: x, y: y, style: CellStyle(.key, [.bold]), maxWidth: room - x)
            x += frame.put("\(label) ", x: x, y: y, style: bar, maxWidth: room - x)
        }
    }
}
