import Foundation

/// How classes are balanced during training.
public enum ImbalanceHandling: String, Codable, Sendable {
    /// Class weights when the rarer class is under 30% of rows, none otherwise.
    case automatic
    /// Always balanced class weights (n / (2·n_class) per row).
    case classWeights = "class-weights"
    /// Every row weighs 1.
    case none
    /// The rarer class over-sampled with `SMOTE` up to the size of the other, in each training fold and
    /// the final refit only (validation rows are never over-sampled); every row then weighs 1.
    case smote
}

/// The weights of the champion score: weighted sum of mean F1, mean recall, mean business value and
/// stability (1 − the standard deviation of ROC-AUC over folds).
public struct ChampionWeights: Codable, Sendable, Equatable {
    public var f1: Double
    public var recall: Double
    public var businessValue: Double
    public var stability: Double

    public init(f1: Double = 0.4, recall: Double = 0.3, businessValue: Double = 0.2, stability: Double = 0.1) {
        self.f1 = f1; self.recall = recall; self.businessValue = businessValue; self.stability = stability
    }

    /// The champion score of a leaderboard row (NaN parts count as 0).
    public func score(_ m: LeaderboardMetrics) -> Double {
        func v(_ x: Double) -> Double { x.isFinite ? x : 0 }
        let stabilityValue = m.rocAUC.std.isFinite ? 1 - m.rocAUC.std : 0
        return f1 * v(m.f1.mean) + recall * v(m.recall.mean) + businessValue * v(m.businessValue.mean) + stability * stabilityValue
    }
}

/// The settings of a training run.
public struct TrainingConfiguration: Codable, Sendable, Equatable {
    /// Families to search (the blend is added when two or more succeed).
    public var families: [ModelFamily]
    /// Cross-validation folds.
    public var folds: Int
    /// Seed for folds, search and models: the same seed gives the same leaderboard.
    public var seed: UInt64
    /// Random-search trials per family (the first is the family's defaults).
    public var trials: Int
    /// How classes are balanced.
    public var imbalance: ImbalanceHandling
    /// Champion score weights.
    public var championWeights: ChampionWeights
    /// Costs and values behind the business-value metric.
    public var businessValue: BusinessValue
    /// Whether to add the blended ensemble to the leaderboard.
    public var blend: Bool

    /// Default trials per family.
    public static let defaultTrials = 8

    public init(families: [ModelFamily] = FamilyRegistry.trainable, folds: Int = 5, seed: UInt64 = 42,
                trials: Int = TrainingConfiguration.defaultTrials, imbalance: ImbalanceHandling = .automatic,
                championWeights: ChampionWeights = ChampionWeights(), businessValue: BusinessValue = BusinessValue(),
                blend: Bool = true) {
        self.families = families; self.folds = folds; self.seed = seed; self.trials = trials
        self.imbalance = imbalance; self.championWeights = championWeights; self.businessValue = businessValue
        self.blend = blend
    }
}
