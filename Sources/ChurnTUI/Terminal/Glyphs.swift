/// The characters used for borders, bars and markers, in a Unicode and an ASCII set.
///
/// ASCII is used with `--ascii` and when the locale is not UTF-8.
public struct Glyphs: Equatable, Sendable {
    public var horizontal: String
    public var vertical: String
    public var topLeft: String
    public var topRight: String
    public var bottomLeft: String
    public var bottomRight: String
    /// A full block of a bar, and the empty remainder.
    public var barFull: String
    public var barEmpty: String
    /// Eighths of a block for smooth bar ends (index 1...7); empty in ASCII.
    public var barEighths: [String]
    public var ellipsis: String
    public var bullet: String
    public var separator: String
    public var arrowRight: String
    public var up: String
    public var down: String
    public var left: String
    public var right: String
    public var errorMark: String
    public var warningMark: String
    public var infoMark: String
    public var okMark: String
    public var isASCII: Bool

    public static let unicode = Glyphs(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        barFull: "█", barEmpty: "░", barEighths: ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"], ellipsis: "…",
        bullet: "•", separator: "·", arrowRight: "→", up: "↑", down: "↓", left: "←", right: "→",
        errorMark: "✖", warningMark: "▲", infoMark: "•", okMark: "✔", isASCII: false)

    public static let ascii = Glyphs(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        barFull: "#", barEmpty: ".", barEighths: [], ellipsis: "~",
        bullet: "*", separator: "-", arrowRight: "->", up: "Up", down: "Down", left: "Left", right: "Right",
        errorMark: "x", warningMark: "!", infoMark: "*", okMark: "ok", isASCII: true)

    /// A horizontal bar `width` columns wide, filled to `fraction` (0...1).
    public func bar(fraction: Double, width: Int) -> (filled: String, empty: String) {
        guard width > 0 else { return ("", "") }
        let f = fraction.isFinite ? min(1, max(0, fraction)) : 0
        let eighths = Int((f * Double(width) * 8).rounded())
        // Without partial blocks, round to whole cells.
        let full = barEighths.isEmpty ? Int((f * Double(width)).rounded()) : eighths / 8
        var filled = String(repeating: barFull, count: full)
        var used = full
        if !barEighths.isEmpty, eighths % 8 > 0, used < width {
            filled += barEighths[eighths % 8]
            used += 1
        }
        return (filled, String(repeating: barEmpty, count: width - used))
    }
}
