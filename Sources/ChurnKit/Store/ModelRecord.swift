import Foundation

/// The status of a training run in the `runs` table.
public enum RunStatus: String, Codable, Sendable {
    case queued, running, succeeded, failed, cancelled
}

/// One training run as stored.
public struct RunRecord: Sendable, Equatable {
    public var id: Int64
    public var importID: Int64
    public var status: RunStatus
    public var stage: String?
    public var progress: Double
    public var error: String?
    public var createdAt: Date
    public var finishedAt: Date?
}

/// What is saved for a new model version.
public struct NewModel: Sendable {
    public var kind: String
    public var family: String
    /// Hyperparameters and training settings as JSON.
    public var parametersJSON: String
    /// Leaderboard metrics (mean and std), calibration and training time as JSON.
    public var metricsJSON: String
    /// Input features and preprocessing as JSON.
    public var featureSchemaJSON: String
    /// SHA-256 of the training data file.
    public var dataHash: String
    public var seed: UInt64
    /// The encoded `TrainedModel`.
    public var blob: Data

    public init(kind: String = "churn", family: String, parametersJSON: String, metricsJSON: String, featureSchemaJSON: String,
                dataHash: String, seed: UInt64, blob: Data) {
        self.kind = kind; self.family = family; self.parametersJSON = parametersJSON; self.metricsJSON = metricsJSON
        self.featureSchemaJSON = featureSchemaJSON; self.dataHash = dataHash; self.seed = seed; self.blob = blob
    }
}

/// One saved model version (without its blob; see `Workspace.modelBlob`).
public struct ModelRecord: Sendable, Equatable {
    public var id: Int64
    public var kind: String
    public var version: Int
    public var runID: Int64?
    public var family: String
    public var parametersJSON: String
    public var metricsJSON: String
    public var featureSchemaJSON: String
    public var dataHash: String
    public var seed: UInt64
    public var active: Bool
    public var createdAt: Date
    public var createdBy: String
}
