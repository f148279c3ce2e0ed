/// The risk tier of a scored customer.
public enum ScoringTier: String, Codable, Sendable, CaseIterable {
    case high, medium, low, safe
}

/// Probability cut points for tiers: high above `high` (0.7), medium from `medium` (0.4) to 0.7,
/// low from `low` (0.2) to 0.4, safe below 0.2. A probability equal to a cut point goes to the lower tier
/// for `high` (> 0.7) and to the upper tier for the others (>= 0.4, >= 0.2).
public struct ScoringTiers: Codable, Sendable, Equatable {
    public var high: Double
    public var medium: Double
    public var low: Double

    public init(high: Double = 0.7, medium: Double = 0.4, low: Double = 0.2) {
        self.high = high; self.medium = medium; self.low = low
    }

    /// The tier of one probability.
    public func tier(_ p: Double) -> ScoringTier {
        if p > high { return .high }
        if p >= medium { return .medium }
        if p >= low { return .low }
        return .safe
    }
}
