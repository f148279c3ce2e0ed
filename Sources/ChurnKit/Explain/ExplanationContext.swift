import Foundation

/// What explaining a saved model needs beside the model: its explainer and a labelled reference
/// population (retained/churned averages, z-scores, what-if grids) in the explainer's feature space.
///
/// The reference is the model's training table rebuilt from the data set: for a transaction log the
/// training features at the cutoff and horizon stored with the model (`models.feature_schema_json`),
/// for a customer table the table itself with its label. When the training table cannot be rebuilt
/// (no label in the file), the scored customers serve as an unlabelled reference.
public struct ExplanationContext: Sendable {
    public var explainer: TrainedModelExplainer
    public var reference: ReferenceProfile

    public init(explainer: TrainedModelExplainer, reference: ReferenceProfile) {
        self.explainer = explainer
        self.reference = reference
    }

    /// The explainer of `model` and its reference population.
    ///
    /// - Throws: `ExplainError` when the model cannot be explained, and feature errors.
    public static func build(model: TrainedModel, record: ModelRecord, loaded: LoadedDataset, scoring: FeatureMatrix) throws -> ExplanationContext {
        let explainer = try TrainedModelExplainer(model)
        var source = scoring
        if let training = try? trainingTable(record: record, loaded: loaded), training.label != nil {
            source = training
        }
        let input = try explainer.explanationInputs(TrainedModelExplainer.matrix(source))
        let descriptions = Dictionary(source.features.map { ($0.name, $0.description) }, uniquingKeysWith: { a, _ in a })
        let reference = ReferenceProfile(names: input.names, descriptions: input.names.map { descriptions[$0] ?? "" },
                                         columns: input.columns, labels: source.label)
        return ExplanationContext(explainer: explainer, reference: reference)
    }

    /// The training table at the cutoff and horizon the model was trained with.
    private static func trainingTable(record: ModelRecord, loaded: LoadedDataset) throws -> FeatureMatrix {
        var cutoff: Int64?, horizon: Int?
        if loaded.shape == .transactions {
            cutoff = record.cutoffDay
            horizon = record.horizonDays
        }
        return try DatasetFeatures.training(loaded, cutoffDay: cutoff, horizonDays: horizon).matrix
    }

    /// One customer's `predictions.top_factors_json`: `{"factors":[{"feature","text","contribution"}], "value": V}`.
    public static func topFactorsDocuments(_ factors: [[ExplanationFactor]], values: [Double]?) throws -> [String] {
        struct Factor: Encodable { var feature: String; var text: String; var contribution: Double }
        struct Document: Encodable { var factors: [Factor]; var value: Double? }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try factors.indices.map { i in
            let value = values.map { $0[i] }.flatMap { $0.isFinite ? $0 : nil }
            let document = Document(factors: factors[i].map { Factor(feature: $0.feature, text: $0.sentence, contribution: $0.contribution) },
                                    value: value)
            return String(decoding: try encoder.encode(document), as: UTF8.self)
        }
    }
}
