import Foundation

/// Scores every customer of a data file with a saved model and keeps the scoring in the workspace:
/// the steps `churn score` and the terminal app share.
public enum WorkspaceScoring {
    /// What a scoring produced.
    public struct Outcome: Sendable {
        public var customerIDs: [String]
        public var probabilities: [Double]
        /// The tier name of each customer ("high", "medium", "low", "safe").
        public var tiers: [String]
        public var scoringID: Int64
        /// Why no reasons were stored, when they were not (the model cannot be explained).
        public var explanationNote: String?
    }

    /// Scores `file` with the model of `record`, stores each customer's probability, tier and top three
    /// reasons as a new scoring of that model version (history is never overwritten), and returns them.
    ///
    /// - Throws: `StoreError`, model decoding errors, ingest and feature errors naming the file.
    public static func score(file: String, ingest: IngestOptions, record: ModelRecord, store: Workspace,
                             tiers tierRule: RiskTiers = RiskTiers()) throws -> Outcome {
        guard let blob = try store.modelBlob(id: record.id) else {
            throw StoreError.corruptRecord(path: store.path, table: "models", id: record.id, reason: "model version \(record.version) has no stored blob")
        }
        let trained = try TrainedModel.decode(blob)
        let path = URL(fileURLWithPath: file).standardizedFileURL.path
        let loaded = try DataLoader.load(path: path, options: ingest)
        let profile = DataProfiler.profile(loaded, options: ingest)
        let features = try DatasetFeatures.scoring(loaded)
        let probabilities = try trained.probabilities(features)
        let tierNames = probabilities.map { tierRule.tier(for: $0)?.rawValue ?? "" }
        // Each customer's top 3 factors for the TUI and exports, from one parallel batch of contributions.
        var topFactors: [String]?
        var note: String?
        do {
            let context = try ExplanationContext.build(model: trained, record: record, loaded: loaded, scoring: features)
            let factors = try context.explainer.topFactors(TrainedModelExplainer.matrix(features), reference: context.reference, top: 3)
            let values = loaded.shape == .transactions ? features.feature(named: "total_spend")?.values : nil
            topFactors = try ExplanationContext.topFactorsDocuments(factors, values: values)
        } catch let error as ExplainError {
            note = "No reasons stored: \(error.message)"
        }
        let importID = try store.recordImport(profile, fileHash: try FileHasher.sha256Hex(path: path), mapping: loaded.mapping)
        let scoringID = try store.recordScoring(modelID: record.id, importID: importID,
                                                cutoff: features.cutoffDay.map { CivilDate.isoDate(days: $0) },
                                                customerIDs: features.customerIDs, probabilities: probabilities, tiers: tierNames,
                                                topFactors: topFactors)
        return Outcome(customerIDs: features.customerIDs, probabilities: probabilities, tiers: tierNames, scoringID: scoringID,
                       explanationNote: note)
    }
}
