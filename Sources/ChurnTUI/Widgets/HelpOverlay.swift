/// A box in the middle of the screen listing every key of the screen that has focus.
public enum HelpOverlay {
    /// The help lines of a key map: keys, then what they do. Neighbouring bindings with the same
    /// help (the tab number keys) share one line.
    public static func lines(_ keyMap: KeyMap, glyphs: Glyphs) -> [(keys: String, help: String)] {
        var groups: [(keys: [String], help: String)] = []
        for binding in keyMap.bindings {
            let keys = binding.keys.map { $0.label(glyphs) }.joined(separator: " ")
            if let last = groups.last, last.help == binding.help {
                groups[groups.count - 1].keys.append(keys)
            } else {
                groups.append(([keys], binding.help))
            }
        }
        // A run of three or more single keys reads as a range: "1-7".
        return groups.map { group in
            let keys = group.keys
            if keys.count > 2, let first = keys.first, let last = keys.last { return (first + "-" + last, group.help) }
            return (keys.joined(separator: " "), group.help)
        }
    }

    /// Draws the box over whatever is in the frame, leaving the last row (status bar) alone.
    public static func draw(_ keyMap: KeyMap, glyphs: Glyphs, into frame: inout Frame) {
        let entries = lines(keyMap, glyphs: glyphs)
        let keyWidth = entries.map { DisplayWidth.of($0.keys) }.max() ?? 0
        let helpWidth = entries.map { DisplayWidth.of($0.help) }.max() ?? 0
        let title = " Keys \(glyphs.separator) \(keyMap.title) "
        let footer = " ? or Esc closes "
        // Two columns when one is taller than the terminal and two fit side by side.
        let columnWidth = keyWidth + 3 + helpWidth
        let gap = 2
        let columns = entries.count + 4 > frame.height - 2 && 2 * columnWidth + gap + 4 <= frame.width - 2 ? 2 : 1
        let perColumn = (entries.count + columns - 1) / columns
        let innerWidth = max(columns * columnWidth + (columns - 1) * gap, DisplayWidth.of(title) + 2)
        let boxWidth = min(frame.width - 2, innerWidth + 4)
        let boxHeight = min(frame.height - 2, perColumn + 4)
        guard boxWidth >= 12, boxHeight >= 4 else { return }
        let x0 = (frame.width - boxWidth) / 2
        let y0 = max(0, (frame.height - 1 - boxHeight) / 2)
        let overlay = CellStyle(.overlay)
        let border = CellStyle(.border)
        frame.fill(Rect(x: x0, y: y0, width: boxWidth, height: boxHeight), style: overlay)
        let horizontal = String(repeating: glyphs.horizontal, count: boxWidth - 2)
        frame.put(glyphs.topLeft + horizontal + glyphs.topRight, x: x0, y: y0, style: border)
        frame.put(glyphs.bottomLeft + horizontal + glyphs.bottomRight, x: x0, y: y0 + boxHeight - 1, style: border)
        for y in (y0 + 1)..<(y0 + boxHeight - 1) {
            frame.put(glyphs.vertical, x: x0, y: y, style: border)
            frame.put(glyphs.vertical, x: x0 + boxWidth - 1, y: y, style: border)
        }
        frame.put(TextFit.truncate(title, to: boxWidth - 4), x: x0 + 2, y: y0, style: CellStyle(.heading, [.bold]))
        if DisplayWidth.of(footer) <= boxWidth - 4 {
            frame.put(footer, x: x0 + boxWidth - 2 - DisplayWidth.of(footer), y: y0 + boxHeight - 1, style: CellStyle(.muted))
        }
        let room = boxHeight - 4
        let inner = boxWidth - 4
        for column in 0..<columns {
            let left = x0 + 2 + column * (columnWidth + gap)
            let right = columns == 1 ? x0 + 2 + inner : left + columnWidth
            let slice = Array(entries.dropFirst(column * perColumn).prefix(perColumn))
            for (i, entry) in slice.enumerated() {
                let y = y0 + 2 + i
                if i >= room { break }
                if i == room - 1, slice.count > room {
                    let hidden = entries.count - (column * perColumn + i)
                    frame.put(glyphs.ellipsis + " \(hidden) more (enlarge the terminal)", x: left, y: y,
                              style: CellStyle(.muted), maxWidth: right - left)
                    break
                }
                frame.putFitted(entry.keys, x: left, y: y, width: min(keyWidth, right - left), style: CellStyle(.key, [.bold]))
                let helpX = left + keyWidth + 3
                if helpX < right {
                    frame.putFitted(entry.help, x: helpX, y: y, width: right - helpX, style: overlay)
                }
            }
        }
    }
}
