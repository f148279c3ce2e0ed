import ChurnKit

/// What the tabs beyond Overview and High-risk read, loaded once in the background after the first
/// frame: the scored customers with their features and values, the model that scored them, its
/// explainer and reference population, its stored metrics and out-of-fold scores, and every version.
///
/// Immutable once loaded; shared by reference through `Shared` so actions stay cheap.
public struct WorkspaceAnalysis: Sendable {
    /// The scored customers joined with their features and values (row i = `WorkspaceData.customers` row i).
    public var population: ScoredPopulation
    /// The model that scored them.
    public var record: ModelRecord
    public var model: TrainedModel
    /// The explainer and reference population; nil when the model cannot be explained (`explainNote` says why).
    public var context: ExplanationContext?
    public var explainNote: String?
    /// Every scored customer's raw features by name (the explainer's input).
    public var matrix: TrainingMatrix
    /// The model's stored metrics (leaderboard of its run, calibration), when readable.
    public var metrics: ModelMetricsDocument?
    /// The model's calibrated out-of-fold scores with labels, for threshold tools (nil for old models).
    public var outOfFold: OutOfFoldScores?
    /// Every model version, newest first.
    public var versions: [ModelRecord]

    public init(population: ScoredPopulation, record: ModelRecord, model: TrainedModel, context: ExplanationContext?,
                explainNote: String?, matrix: TrainingMatrix, metrics: ModelMetricsDocument?, outOfFold: OutOfFoldScores?,
                versions: [ModelRecord]) {
        self.population = population
        self.record = record
        self.model = model
        self.context = context
        self.explainNote = explainNote
        self.matrix = matrix
        self.metrics = metrics
        self.outOfFold = outOfFold
        self.versions = versions
    }

    /// Loads the analysis of the model with store id `modelID` (the one whose scores the app shows).
    ///
    /// - Throws: `ScoredPopulationError` (file moved or changed since scoring), `StoreError`, ingest,
    ///   feature and model decoding errors.
    public static func load(workspace: Workspace, modelID: Int64, values: CustomerValueChoice = CustomerValueChoice()) throws -> WorkspaceAnalysis {
        let versions = try workspace.models()
        guard let record = versions.first(where: { $0.id == modelID }) else {
            throw StoreError.corruptRecord(path: workspace.path, table: "models", id: modelID, reason: "the scored model is missing")
        }
        guard let blob = try workspace.modelBlob(id: record.id) else {
            throw StoreError.corruptRecord(path: workspace.path, table: "models", id: modelID, reason: "the model has no stored blob")
        }
        let model = try TrainedModel.decode(blob)
        let population = try ScoredPopulation.load(store: workspace, model: record, values: values)
        var context: ExplanationContext?, note: String?
        do {
            context = try ExplanationContext.build(model: model, record: record, loaded: population.loaded, scoring: population.features)
        } catch let error as UserFacingError {
            note = error.message
        }
        return WorkspaceAnalysis(population: population, record: record, model: model, context: context, explainNote: note,
                                 matrix: TrainedModelExplainer.matrix(population.features),
                                 metrics: ModelMetricsDocument.decode(record.metricsJSON),
                                 outOfFold: try workspace.outOfFold(modelID: record.id), versions: versions)
    }
}
