import ChurnKit

/// Re-scores one customer's raw feature row with the workspace's model: the calibrated probability
/// (as the stored scores are), the contributions in the explainer's margin space, and the single
/// realistic change that lowers the risk most (`WhatIf.bestSingleChange`).
///
/// Quick enough to run on every key press (see BENCHMARKS.md): one row through the model and one
/// row through TreeSHAP or the linear explainer.
struct WhatIfScorer {
    var analysis: WorkspaceAnalysis
    var context: ExplanationContext

    /// The raw feature names of a row (the model's input, `analysis.matrix`).
    var names: [String] { analysis.matrix.names }

    /// One row as a matrix.
    func matrix(_ row: [Double]) -> TrainingMatrix {
        TrainingMatrix(names: names, columns: row.map { [$0] })
    }

    /// The raw feature row of a scored customer.
    func row(_ customer: Int) -> [Double] {
        analysis.matrix.columns.map { $0[customer] }
    }

    /// The calibrated churn probability of a raw row.
    func probability(_ row: [Double]) throws -> Double {
        try analysis.model.probabilities(matrix(row))[0]
    }

    /// The contributions of a raw row, in `context.explainer.featureNames` order.
    func contributions(_ row: [Double]) throws -> [Double] {
        try context.explainer.shapValues(matrix(row), parallel: false).contributions(row: 0)
    }

    /// The best single change from `row`, re-scored with the whole (calibrated) model; nil when no
    /// realistic change lowers the risk. Blends are not searched (the note says so).
    func bestChange(_ row: [Double]) throws -> (suggestion: WhatIfSuggestion?, note: String?) {
        let explainer = context.explainer
        guard let part = explainer.parts.first, !explainer.isBlend else {
            return (nil, "the best single change is searched for single models, not blends")
        }
        let memberRow = try explainer.explanationInputs(matrix(row)).columns.map { $0[0] }
        let fixed = Set(explainer.featureNames.filter { $0.hasSuffix(" (missing)") })
        guard let s = try WhatIf.bestSingleChange(model: part.model, featureNames: explainer.featureNames, row: memberRow,
                                                  reference: context.reference, fixed: fixed) else { return (nil, nil) }
        var changed = row
        var values: [String: Double] = [:]
        for change in s.changes {
            guard let f = names.firstIndex(of: change.feature) else { continue }
            changed[f] = change.to
            values[change.feature] = change.to
        }
        let p = try probability(changed)
        return (WhatIfSuggestion(summary: s.summary, values: values, probability: p), nil)
    }
}

/// The best single change for the customer: what to set and the calibrated probability after it.
struct WhatIfSuggestion: Sendable, Equatable {
    /// E.g. "contract → Two year" or "late_payments 4 → 0".
    var summary: String
    /// The raw features set, by name.
    var values: [String: Double]
    /// The churn probability after the change.
    var probability: Double
}
