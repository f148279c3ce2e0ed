import Foundation

/// Global feature importance of a saved model on its raw input features: mean |SHAP|, the model's own
/// gain importance and out-of-fold permutation importance, side by side (`FeatureImportanceTable`).
///
/// All three are reported per raw input feature so they can be compared: a member's missing-value
/// indicator `x (missing)` counts towards `x` (its contribution is added to `x`'s before taking |.|),
/// and a blend's gain importance is the blend-weighted average of its tree members' gain shares.
public enum GlobalImportance {
    /// Contributions summed onto the raw input features (`explainer.inputFeatures`), for every row of `x`.
    /// expectedValue + Σ contributions still equals `explainer.margins(x)` per row.
    public static func inputContributions(_ explainer: TrainedModelExplainer, _ x: TrainingMatrix,
                                          control: TrainingControl = .none) throws -> ShapValues {
        let phi = try explainer.shapValues(x, control: control)
        if explainer.isBlend { return phi }
        let part = explainer.parts[0]
        let target = try inputPositions(part.preprocessor, view: part.view, inputFeatures: explainer.inputFeatures)
        let n = explainer.inputFeatures.count, m = phi.featureCount
        guard target.count == m else { throw ExplainError("the model's features do not match its input features; train the model again.") }
        var values = [Double](repeating: 0, count: x.rows * n)
        for r in 0..<x.rows {
            for f in 0..<m { values[r * n + target[f]] += phi.values[r * m + f] }
        }
        return ShapValues(featureNames: explainer.inputFeatures, expectedValue: phi.expectedValue, rows: x.rows, values: values)
    }

    /// The model's own split-gain importance per raw input feature, as shares summing to 1: the
    /// blend-weighted average of the shares of the members that have one (trees, forests, boosting).
    /// Nil when no member has gain importance (linear models, naive Bayes).
    public static func gainShares(of model: TrainedModel) throws -> [Double]? {
        let n = model.inputFeatures.count
        var total = [Double](repeating: 0, count: n)
        var weight = 0.0
        for member in model.members {
            guard let gain = FeatureImportanceTable.gainImportance(of: member.model) else { continue }
            let target = try inputPositions(member.preprocessor, view: member.view, inputFeatures: model.inputFeatures)
            let sum = gain.reduce(0, +)
            guard sum > 0, gain.count <= target.count else { continue }
            for (f, g) in gain.enumerated() { total[target[f]] += member.weight * g / sum }
            weight += member.weight
        }
        guard weight > 0 else { return nil }
        return total.map { $0 / weight }
    }

    /// For each column `preprocessor` produces for `view`, the position of its raw feature in `inputFeatures`
    /// (an indicator `x (missing)` maps to `x`).
    static func inputPositions(_ preprocessor: Preprocessor, view: Preprocessor.View, inputFeatures: [String]) throws -> [Int] {
        var position: [String: Int] = [:]
        for (i, name) in inputFeatures.enumerated() { position[name] = i }
        var target = preprocessor.kept.map { position[preprocessor.inputNames[$0]] ?? -1 }
        if view == .linear {
            for (i, j) in preprocessor.kept.enumerated() where preprocessor.indicators[i] { target.append(position[preprocessor.inputNames[j]] ?? -1) }
        }
        guard !target.contains(-1) else { throw ExplainError("the model's features do not match its input features; train the model again.") }
        return target
    }
}
