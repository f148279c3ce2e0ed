import Foundation

/// The training rows and run configuration of a saved model, rebuilt from the file it was trained on:
/// what out-of-fold analyses (permutation importance) need beside the model.
///
/// The model's run names its import; the file must still be there with the same SHA-256, and the
/// training table is rebuilt with the cutoff and horizon stored with the model (transaction logs).
/// The configuration (folds, seed, class balancing) is read from `models.params_json`.
public struct ModelTrainingSet: Sendable {
    public var data: TrainingData
    public var configuration: TrainingConfiguration
    /// The file the model was trained on.
    public var file: String

    /// Loads the training set of `model`.
    ///
    /// - Throws: `ModelTrainingSetError` when the run, import or configuration is not stored or the file
    ///   moved or changed; ingest, feature and `TrainingError`s of rebuilding the table.
    public static func load(store: Workspace, model: ModelRecord) throws -> ModelTrainingSet {
        struct Parameters: Decodable { var configuration: TrainingConfiguration }
        guard let configuration = try? JSONDecoder().decode(Parameters.self, from: Data(model.parametersJSON.utf8)).configuration else {
            throw ModelTrainingSetError("model version \(model.version) does not record its training configuration; run `churn train FILE` again")
        }
        guard let runID = model.runID, let run = try store.runs().first(where: { $0.id == runID }),
              let record = try store.importRecord(id: run.importID) else {
            throw ModelTrainingSetError("model version \(model.version) does not record which file it was trained on; run `churn train FILE` again")
        }
        let path = record.file
        guard FileManager.default.fileExists(atPath: path) else {
            throw ModelTrainingSetError("the training file \(path) of model version \(model.version) is no longer there (moved or deleted); "
                                        + "run `churn train NEW_PATH` again", exitCode: ExitCode.noInput)
        }
        guard try FileHasher.sha256Hex(path: path) == record.fileHash else {
            throw ModelTrainingSetError("the training file \(path) has changed since model version \(model.version) was trained; "
                                        + "run `churn train \(path)` again")
        }
        var options = IngestOptions(mapping: record.mapping)
        options.shape = record.shape
        let loaded = try DataLoader.load(path: path, options: options)
        let transactions = loaded.shape == .transactions
        let table = try DatasetFeatures.training(loaded, cutoffDay: transactions ? model.cutoffDay : nil,
                                                 horizonDays: transactions ? model.horizonDays : nil).matrix
        return ModelTrainingSet(data: try TrainingData(features: table), configuration: configuration, file: path)
    }
}

/// Why a model's training set cannot be rebuilt.
public struct ModelTrainingSetError: UserFacingError, Equatable {
    public var message: String
    public var exitCode: Int32

    public init(_ message: String, exitCode: Int32 = ExitCode.dataError) {
        self.message = message
        self.exitCode = exitCode
    }
}
