import ChurnKit
import Foundation

/// One scored customer ready to explain: the model as saved, its explainer and reference, and the
/// customer's row in the scored features (recomputed from the scored file by `ScoredCustomers`).
struct ExplainedCustomer {
    var scored: ScoredCustomers
    var model: TrainedModel
    var context: ExplanationContext
    /// The customer's row in `scored.features`.
    var row: Int
    /// All scored customers' raw features by name.
    var matrix: TrainingMatrix

    var customerID: String { scored.customerIDs[row] }
    var probability: Double { scored.probabilities[row] }
    var tier: String { scored.scoring.tiers[row] }
    /// The customer's own value (NaN when unknown).
    var value: Double { scored.values[row] }

    /// Loads the latest scoring of the chosen model and finds `customerID` in it. An unknown id is a
    /// data error (exit 65) with a "did you mean" among ids sharing its beginning.
    static func open(workspace: WorkspaceOptions, modelOptions: ModelOptions, customerID: String) throws -> ExplainedCustomer {
        let store = try Workspace(path: workspace.resolvedPath)
        let record = try modelOptions.resolve(in: store)
        let scored = try ScoredCustomers.load(store: store, model: record, valueOptions: try ValueOptions.parse([]))
        guard let row = scored.customerIDs.firstIndex(of: customerID) else {
            var message = "unknown customer '\(customerID)' in the scoring of model version \(record.version) (\(scored.customerIDs.count) customers)"
            if let guess = Suggestion.closest(to: customerID, in: candidates(for: customerID, among: scored.customerIDs)) {
                message += "; did you mean '\(guess)'?"
            }
            throw CommandFileError(message: message, exitCode: ExitCode.dataError)
        }
        guard let blob = try store.modelBlob(id: record.id) else {
            throw UsageError(message: "model version \(record.version) has no stored blob")
        }
        let model = try TrainedModel.decode(blob)
        let context = try ExplanationContext.build(model: model, record: record, loaded: scored.loaded, scoring: scored.features)
        return ExplainedCustomer(scored: scored, model: model, context: context, row: row,
                                 matrix: TrainedModelExplainer.matrix(scored.features))
    }

    /// A bounded set of ids to suggest from: those sharing the longest beginning with `id` (up to 4
    /// characters), at most 5000 of them, so a typo in a million ids stays quick.
    static func candidates(for id: String, among ids: [String], limit: Int = 5000) -> [String] {
        for k in stride(from: min(4, id.count), through: 1, by: -1) {
            let prefix = String(id.prefix(k)).lowercased()
            var found: [String] = []
            for candidate in ids where candidate.lowercased().hasPrefix(prefix) {
                found.append(candidate)
                if found.count >= limit { break }
            }
            if !found.isEmpty { return found }
        }
        return Array(ids.prefix(limit))
    }

    /// The customer's raw feature values as a one-row matrix.
    var rawRow: [Double] { matrix.columns.map { $0[row] } }

    /// A matrix of several raw rows with `matrix`'s names.
    func rows(_ rows: [[Double]]) -> TrainingMatrix {
        TrainingMatrix(names: matrix.names, columns: matrix.names.indices.map { f in rows.map { $0[f] } })
    }
}

/// NaN as JSON null.
func finite(_ v: Double) -> Double? { v.isFinite ? v : nil }
