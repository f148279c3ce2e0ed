import Foundation

/// Trains churn models on a data file and keeps the run and its champion in a workspace: the steps
/// `churn train` and the terminal app share.
///
/// `prepare` reads and validates the file, builds the training table, records the import and starts a
/// run (status running); the caller runs a `TrainingJob` on `PreparedTraining.data` (in the background,
/// with its own progress display) and then calls `save` with the result, or `finish(_:error:)` when
/// it failed or was cancelled, so the store never holds a half-written model.
public enum WorkspaceTraining {
    /// A validated training table whose import and run are recorded.
    public struct Prepared: Sendable {
        /// The absolute path of the data file.
        public var path: String
        public var loaded: LoadedDataset
        public var profile: DataProfile
        public var matrix: FeatureMatrix
        public var data: TrainingData
        public var configuration: TrainingConfiguration
        public var fileHash: String
        public var importID: Int64
        public var runID: Int64
    }

    /// Reads, validates and featurises the file, then records the import and starts a run.
    ///
    /// - Throws: ingest and feature errors naming the file, `DataUnusableError` when validation fails,
    ///   `TrainingError` when the table cannot be trained on, `StoreError`.
    public static func prepare(_ request: TrainingRequest, store: Workspace) throws -> Prepared {
        let path = URL(fileURLWithPath: request.file).standardizedFileURL.path
        let loaded = try DataLoader.load(path: path, options: request.ingest)
        let profile = DataProfiler.profile(loaded, options: request.ingest)
        if !profile.usable {
            throw DataUnusableError(file: request.file, reasons: profile.checks.filter { $0.severity == .error }.map { "  - " + $0.message })
        }
        let (matrix, _) = try DatasetFeatures.training(loaded, cutoffDay: request.cutoffDay, horizonDays: request.horizonDays)
        let data = try TrainingData(features: matrix)
        let hash = try FileHasher.sha256Hex(path: path)
        let importID = try store.recordImport(profile, fileHash: hash, mapping: loaded.mapping)
        let runID = try store.startRun(importID: importID, parametersJSON: try StoredJSON.compact(request.configuration))
        return Prepared(path: path, loaded: loaded, profile: profile, matrix: matrix, data: data, configuration: request.configuration,
                        fileHash: hash, importID: importID, runID: runID)
    }

    /// Records a run that failed or was cancelled (a `TrainingError.cancelled` is recorded as cancelled).
    public static func finish(_ prepared: Prepared, error: Error, store: Workspace) throws {
        let cancelled = (error as? TrainingError) == .cancelled
        try store.finishRun(prepared.runID, status: cancelled ? .cancelled : .failed,
                            error: (error as? UserFacingError)?.message ?? "\(error)")
    }

    /// Saves the run's champion as a new model version with its metrics, schema and calibrated
    /// out-of-fold scores, and finishes the run.
    ///
    /// - Throws: `StoreError`, encoding errors.
    public static func save(_ result: TrainingResult, prepared: Prepared, store: Workspace) throws -> ModelRecord {
        let champion = result.champion
        let loaded = prepared.loaded, matrix = prepared.matrix
        let schema = FeatureSchemaDocument(inputFeatures: result.model.inputFeatures,
                                           preprocessing: result.model.members.map { .init(family: $0.family.rawValue, view: $0.view.rawValue, preprocessor: $0.preprocessor) },
                                           shape: loaded.shape.rawValue, cutoff: matrix.cutoffDay.map { CivilDate.isoDate(days: $0) },
                                           horizonDays: matrix.horizonDays,
                                           mapping: loaded.mapping.columns.reduce(into: [:]) { $0[$1.key.rawValue] = $1.value })
        let metrics = ModelMetricsDocument(entry: LeaderboardRow(champion), trainingSeconds: result.seconds,
                                           calibration: champion.calibration.method.rawValue,
                                           reliability: champion.calibration.reliabilityAfter, classWeighting: result.classWeighting.rawValue,
                                           leaderboard: result.leaderboard.map(LeaderboardRow.init))
        let parameters = ModelParametersDocument(configuration: prepared.configuration, parameters: champion.parameters,
                                                 blend: champion.blendMembers.map { .init(family: $0.family.rawValue, weight: $0.weight) })
        let saved = try store.saveModel(NewModel(family: champion.family.rawValue, parametersJSON: try StoredJSON.compact(parameters),
                                                 metricsJSON: try StoredJSON.compact(metrics), featureSchemaJSON: try StoredJSON.compact(schema),
                                                 dataHash: prepared.fileHash, seed: prepared.configuration.seed, blob: try result.model.encoded()),
                                        runID: prepared.runID)
        // The champion's calibrated out-of-fold scores, for threshold tools (honest: no customer scored by a model that saw it).
        try store.saveOutOfFold(modelID: saved.id, OutOfFoldScores(customerIDs: prepared.data.customerIDs,
                                                                   probabilities: champion.calibration.probabilities(champion.outOfFold),
                                                                   labels: prepared.data.labels))
        return saved
    }
}
