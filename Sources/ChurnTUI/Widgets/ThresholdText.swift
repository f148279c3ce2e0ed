extension NumberText {
    /// A churn threshold as text: two decimals, more when it has them (up to 4): 0.5 -> "0.50",
    /// 0.4372 -> "0.4372". Thresholds chosen by an optimiser are real scores, not multiples of 0.01.
    public static func threshold(_ t: Double) -> String {
        guard t.isFinite else { return t > 0 ? "none" : value(t) }
        var text = fixed(t, decimals: 4)
        for _ in 0..<2 where text.hasSuffix("0") { text.removeLast() }
        return text
    }
}

extension NumberText {
    /// A churn threshold as stored in the workspace: two decimals on the 0.01 grid ("0.52"), else
    /// every digit, so an optimiser's threshold (a real score) reloads exactly.
    public static func thresholdSetting(_ t: Double) -> String {
        let grid = (t * 100).rounded() / 100
        return abs(grid - t) < 1e-9 ? fixed(grid, decimals: 2) : String(t)
    }
}
