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

        var x = frame.put(" ", x: 0, y: y, style: bar)
        let file = ImportPreviewView.fileName(data.workspacePath)
        x += frame.put(TextFit.truncate(file, to: max(8, room / 4)), x: x, y: y, style: CellStyle(.statusBar, [.bold]),
                       maxWidth: room - x)
        var parts: [(String, CellStyle)] = []
        // A message needs the room more than the data set and model names.
        if state.message == nil {
            if let dataset = data.datasetName { parts.append((dataset, bar)) }
            parts.append((data.modelLabel, bar))
        }
        parts.append(("thr " + NumberText.fixed(state.threshold, decimals: 2), CellStyle(.statusBar, [.bold])))
        if let marks = state.highRisk?.marks.count, marks > 0 {
            parts.append(("\(NumberText.count(marks)) marked", CellStyle(.statusBar, [.bold])))
        }
        if let work = state.work { parts.append((work, CellStyle(.statusBar, [.bold]))) }
        for (n, (text, style)) in parts.enumerated() {
            // Names may be shortened; figures are shown whole or not at all.
            let isName = n < parts.count - 1 && state.message == nil && n < 2
            let available = room - x - DisplayWidth.of(separator)
            let shown = isName ? TextFit.truncate(text, to: max(0, min(available, 24))) : text
            guard !shown.isEmpty, DisplayWidth.of(shown) <= available else { break }
            x += frame.put(separator, x: x, y: y, style: bar, maxWidth: room - x)
            x += frame.put(shown, x: x, y: y, style: style, maxWidth: room - x)
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
