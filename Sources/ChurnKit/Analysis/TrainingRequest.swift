/// What to train: a data file, how to read it, the point in time of its features and the search to run.
public struct TrainingRequest: Sendable {
    /// The data file (made absolute by `WorkspaceTraining.prepare`).
    public var file: String
    public var ingest: IngestOptions
    /// The cutoff day (days since 1970) of a transaction log's features; nil picks one from the data.
    public var cutoffDay: Int64?
    /// The churn horizon in days of a transaction log; nil picks one from the data.
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
}

/// The data failed the checks needed before features or training.
public struct DataUnusableError: UserFacingError, Equatable {
    public var file: String
    /// One line per failed check, each starting with "  - ".
    public var reasons: [String]

    public init(file: String, reasons: [String]) {
        self.file = file
        self.reasons = reasons
    }

    public var message: String { "\(file) cannot be used for training:\n" + reasons.joined(separator: "\n") }
    public var exitCode: Int32 { ExitCode.dataError }
}
