/// The command palette above the status bar: the typed line with a cursor, and below the box's
/// title the commands (or arguments) it can complete to, each with what it does.
public enum PaletteOverlay {
    public static func draw(_ state: AppState, into frame: inout Frame) {
        let glyphs = state.glyphs
        let commands = CommandPalette.commands(for: state)
        let text = state.palette.text
        let candidates = CommandPalette.candidates(text, commands: commands)
        let isCommandWord = !text.contains(" ")
        let maxList = max(0, min(candidates.count, frame.height - 6, 8))
        let boxHeight = maxList + 2
        let boxWidth = frame.width
        let y0 = frame.height - 1 - boxHeight
        guard y0 >= 1, boxWidth >= 20 else { return }
        let x0 = 0
        let overlay = CellStyle(.overlay)
        frame.fill(Rect(x: x0, y: y0, width: boxWidth, height: boxHeight), style: overlay)
        let line = String(repeating: glyphs.horizontal, count: boxWidth)
        frame.put(line, x: x0, y: y0, style: CellStyle(.border))
        frame.put(" Commands \(glyphs.separator) Tab completes, Enter runs, Esc closes ", x: x0 + 2, y: y0,
                  style: CellStyle(.heading, [.bold]), maxWidth: boxWidth - 4)
        for (n, candidate) in candidates.prefix(maxList).enumerated() {
            let y = y0 + 1 + n
            var help = ""
            if isCommandWord, let command = commands.first(where: { $0.name == candidate }) {
                help = TextFit.pad(command.argument.map { "<\($0)>" } ?? "", to: 11) + command.help
            }
            frame.putFitted(candidate, x: x0 + 2, y: y, width: 12, style: CellStyle(.key, [.bold]), ellipsis: glyphs.ellipsis)
            frame.putFitted(help, x: x0 + 15, y: y, width: boxWidth - 17, style: overlay, ellipsis: glyphs.ellipsis)
        }
        let inputY = y0 + boxHeight - 1
        frame.fill(Rect(x: x0, y: inputY, width: boxWidth, height: 1), style: CellStyle(.selection))
        let cursor = glyphs.isASCII ? "_" : "▏"
        let shown = TextFit.truncate(":" + text, to: boxWidth - 3)
        let w = frame.put(shown, x: x0 + 1, y: inputY, style: CellStyle(.selection, [.bold]))
        frame.put(cursor, x: x0 + 1 + w, y: inputY, style: CellStyle(.selection, [.bold]))
    }
}
