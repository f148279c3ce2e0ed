/// Numbers as people read them in tables: grouped thousands, few decimals, percentages.
///
/// Hand-written rather than `NumberFormatter` (slow, and locale-dependent under C.UTF-8).
public enum NumberText {
    /// An integer with thousands separators: 7043 -> "7,043".
    public static func count(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return n < 0 ? "-" + out : out
    }

    /// A value with up to `decimals` decimals (trailing zeros dropped), grouped: 1234.5 -> "1,234.5".
    public static func value(_ x: Double, decimals: Int = 2) -> String {
        guard x.isFinite else { return x.isNaN ? "" : (x > 0 ? "inf" : "-inf") }
        let scale = pow10(decimals)
        let scaled = (abs(x) * scale).rounded()
        guard scaled < 9e15 else { return String(x) }
        let whole = Int(scaled / scale)
        var fraction = Int(scaled) - whole * Int(scale)
        var text = count(whole)
        if fraction > 0 {
            var digits = decimals
            while fraction % 10 == 0 { fraction /= 10; digits -= 1 }
            let f = String(fraction)
            text += "." + String(repeating: "0", count: digits - f.count) + f
        }
        return x < 0 && scaled > 0 ? "-" + text : text
    }

    /// A value with exactly `decimals` decimals (for aligned columns): 0.5 -> "0.500".
    public static func fixed(_ x: Double, decimals: Int) -> String {
        guard x.isFinite else { return value(x, decimals: decimals) }
        var text = value(x, decimals: decimals)
        guard decimals > 0 else { return text }
        if let dot = text.firstIndex(of: ".") {
            let have = text.distance(from: dot, to: text.endIndex) - 1
            text += String(repeating: "0", count: max(0, decimals - have))
        } else {
            text += "." + String(repeating: "0", count: decimals)
        }
        return text
    }

    /// A fraction as a percentage with one decimal: 0.2653 -> "26.5%".
    public static func percent(_ fraction: Double, decimals: Int = 1) -> String {
        guard fraction.isFinite else { return "" }
        let scale = pow10(decimals)
        let scaled = (fraction * 100 * scale).rounded() / scale
        var text = value(scaled, decimals: decimals)
        if decimals > 0, !text.contains(".") { text += "." + String(repeating: "0", count: decimals) }
        return text + "%"
    }

    private static func pow10(_ n: Int) -> Double {
        var p = 1.0
        for _ in 0..<max(0, n) { p *= 10 }
        return p
    }
}
