import ChurnKit

/// A quick filter on the churn probability: every customer, those at or above (or below) the churn
/// threshold, or one band of width 0.1.
public struct ScoreRange: Sendable, Equatable {
    /// Smallest probability admitted.
    public var lower: Double
    /// Probabilities must be below this (or equal to it when `upperInclusive`).
    public var upper: Double
    public var upperInclusive: Bool

    public init(lower: Double, upper: Double, upperInclusive: Bool) {
        self.lower = lower
        self.upper = upper
        self.upperInclusive = upperInclusive
    }

    /// Every probability.
    public static let all = ScoreRange(lower: 0, upper: 1, upperInclusive: true)

    /// Whether a probability passes.
    @inline(__always)
    public func admits(_ p: Double) -> Bool {
        p >= lower && (p < upper || (upperInclusive && p <= upper))
    }

    /// How the range is named on screen: "any risk", "risk >= 0.50", "risk 0.80-0.90".
    public var label: String {
        if self == .all { return "any risk" }
        let lo = NumberText.fixed(lower, decimals: 2), hi = NumberText.fixed(upper, decimals: 2)
        if upper >= 1, upperInclusive { return "risk >= " + lo }
        if lower <= 0 { return "risk < " + hi }
        return "risk " + lo + "-" + hi + (upperInclusive ? "" : ")")
    }

    /// The ranges `r` steps through: all, at or above the threshold, below it, then bands of 0.1 from
    /// the top (0.9-1.0 down to 0.0-0.1).
    public static func presets(threshold: Double) -> [ScoreRange] {
        var out: [ScoreRange] = [.all]
        if threshold > 0, threshold < 1 {
            out.append(ScoreRange(lower: threshold, upper: 1, upperInclusive: true))
            out.append(ScoreRange(lower: 0, upper: threshold, upperInclusive: false))
        }
        for k in stride(from: 9, through: 0, by: -1) {
            let lower = Double(k) / 10
            out.append(ScoreRange(lower: lower, upper: Double(k + 1) / 10, upperInclusive: k == 9))
        }
        return out
    }
}
