import ChurnKit

/// What a training run started from the app will do: the data file, how to read it, the point in time
/// of a transaction log's features, and the search. Becomes a ChurnKit `TrainingRequest`.
public struct TrainingPlan: Sendable {
    /// The data file (absolute once prepared).
    public var file: String
    public var ingest: IngestOptions
    /// The cutoff day of a transaction log's features; nil lets the data decide.
    public var cutoffDay: Int64?
    /// The churn horizon in days of a transaction log; nil uses the suggested one.
    public var horizonDays: Int?
    public var configuration: TrainingConfiguration

    public init(file: String, ingest: IngestOptions = IngestOptions(), cutoffDay: Int64? = nil, horizonDays: Int? = nil,
                configuration: TrainingConfiguration = TrainingConfiguration()) {
        self.file = file
        self.ingest = ingest
        self.cutoffDay = cutoffDay
        self.horizonDays = horizonDays
        self.configuration = configuration
    }

    /// The request ChurnKit's `WorkspaceTraining.prepare` takes.
    public var request: TrainingRequest {
        TrainingRequest(file: file, ingest: ingest, cutoffDay: cutoffDay, horizonDays: horizonDays, configuration: configuration)
    }

    /// The file name as titles show it.
    public var fileName: String {
        file.split(separator: "/").last.map(String.init) ?? file
    }

    /// "logreg, gbdt · 5 folds · 8 trials": what the search covers, in one line.
    public var summary: String {
        let c = configuration
        let families = c.families.map(\.rawValue).joined(separator: ", ")
        return "\(families) \u{B7} \(c.folds) folds \u{B7} \(c.trials) trial\(c.trials == 1 ? "" : "s")"
    }
}
