/// What is shown instead of the layout when the terminal is smaller than it needs.
public enum TooSmallNotice {
    public static func draw(into frame: inout Frame, need: TerminalSize) {
        let text = "terminal too small: \(frame.width)x\(frame.height), need \(need.width)x\(need.height)"
        let lines = TextFit.wrap(text, width: frame.width)
        let top = max(0, (frame.height - lines.count) / 2)
        for (i, line) in lines.enumerated() where top + i < frame.height {
            let x = max(0, (frame.width - DisplayWidth.of(line)) / 2)
            frame.put(line, x: x, y: top + i, style: CellStyle(.warning, [.bold]))
        }
    }
}
