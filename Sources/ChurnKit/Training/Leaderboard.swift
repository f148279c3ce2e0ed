import Foundation

/// One model of the leaderboard: its configuration, cross-validated metrics, calibration and score.
public struct LeaderboardEntry: Codable, Sendable {
    /// A member of a blend and its weight.
    public struct BlendMember: Codable, Sendable, Equatable {
        public var family: ModelFamily
        public var weight: Double
    }

    /// "logreg", "gbdt", ..., or "blend".
    public var name: String
    public var family: ModelFamily
    /// The chosen hyperparameters (empty for the blend).
    public var parameters: ParameterSet
    /// Mean and std over folds of every metric.
    public var metrics: LeaderboardMetrics
    /// The metrics of each fold: ranking metrics on the fold model's probabilities, the others on
    /// probabilities calibrated and thresholded with maps fitted on the other folds only (see
    /// `TrainingEngine.entry`; `threshold` is that fold's decision threshold).
    public var foldMetrics: [BinaryMetrics]
    /// Calibration chosen by cross-validated Brier score on the out-of-fold probabilities.
    public var calibration: Calibrator
    /// The suggested decision threshold on calibrated probabilities: F1-optimal on the calibrated
    /// out-of-fold probabilities of all rows.
    public var businessThreshold: Double
    /// The weighted champion score.
    public var championScore: Double
    /// Whether this entry is the champion.
    public var isChampion: Bool
    /// Search trials evaluated for this family (0 for the blend).
    public var trialsEvaluated: Int
    /// The blend's members and weights (empty for single families).
    public var blendMembers: [BlendMember]
    /// Every row's out-of-fold probability (before calibration), in training-row order.
    public var outOfFold: [Double]
}

/// The outcome of a training run.
public struct TrainingResult: Sendable {
    /// Leaderboard rows, best champion score first.
    public var leaderboard: [LeaderboardEntry]
    /// The champion refitted on all rows.
    public var model: TrainedModel
    /// The fold of every training row.
    public var foldAssignment: [Int]
    /// How classes were balanced: `.classWeights`, `.smote` or `.none` (never `.automatic`).
    public var classWeighting: ImbalanceHandling
    /// Plain sentences: dropped features, failed trials, the imbalance decision.
    public var notes: [String]
    /// The run's settings.
    public var configuration: TrainingConfiguration
    /// Seconds the run took.
    public var seconds: Double

    /// The champion's leaderboard row.
    public var champion: LeaderboardEntry {
        leaderboard.first(where: \.isChampion) ?? leaderboard[0]
    }
}
