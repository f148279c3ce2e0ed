/// The bottom line: the data set, the main keys (or a message), the position and the login name.
public enum StatusBar {
    public static func draw(into frame: inout Frame, y: Int, file: String, position: String, state: AppState) {
        let width = frame.width
        let bar = CellStyle(.statusBar)
        frame.fill(Rect(x: 0, y: y, width: width, height: 1), style: bar)
        let right = " \(position)  \(state.user) "
        let rightWidth = DisplayWidth.of(right)
        frame.put(right, x: max(0, width - rightWidth), y: y, style: bar)
        let room = max(0, width - rightWidth)
        var x = frame.put(" ", x: 0, y: y, style: bar)
        let name = TextFit.truncate(TextSanitizer.sanitize(file), to: max(8, room / 3))
        x += frame.put(name, x: x, y: y, style: CellStyle(.statusBar, [.bold]), maxWidth: room - x)
        x += frame.put("  ", x: x, y: y, style: bar, maxWidth: room - x)
        if let work = state.work, room - x > 12 {
            x += frame.put(work + "  ", x: x, y: y, style: CellStyle(.statusBar, [.bold]), maxWidth: room - x)
        }
        if let message = state.message {
            frame.put(message, x: x, y: y, style: bar, maxWidth: room - x - 1)
            return
        }
        for (key, label) in [("?", "help"), ("q", "quit")] {
            guard room - x > 2 else { break }
            x += frame.put(" \(key) ", x: x, y: y, style: CellStyle(.key, [.bold]), maxWidth: room - x)
            x += frame.put("\(label) ", x: x, y: y, style: bar, maxWidth: room - x)
        }
    }
}
