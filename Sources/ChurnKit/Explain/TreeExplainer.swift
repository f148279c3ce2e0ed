import Foundation

/// Exact path-dependent TreeSHAP (Lundberg et al. 2018) for tree models: gradient boosting, a single
/// decision tree, and any weighted sum of trees (random forests average their trees).
///
/// Contributions are in the model's margin space: for gradient boosting the log-odds
/// (baseScore + Σ tree outputs); for a decision tree the log-odds of its leaf probability, clipped
/// exactly as `DecisionTree.predictMargins` does; for a weighted ensemble base + Σ wₜ·treeₜ(x).
/// Missing values and category codes are routed exactly as the trees route them when predicting.
/// The conditional expectations use the node covers (path-dependent), so no background data is needed.
/// See `TreePathEnsemble` for the algorithm (a Gauss–Legendre form of the same exact values).
public struct TreeExplainer: Sendable {
    /// Feature names, in the model's order.
    public let featureNames: [String]
    let ensemble: TreePathEnsemble

    /// The expected margin: Σ over trees of the cover-weighted mean leaf output, plus the base.
    public var expectedValue: Double { ensemble.expectedValue }

    /// An explainer of `base + Σ_t weights[t] · trees[t](x)`; `categoryLevels[f]` are the category levels
    /// of each feature as the trees were grown (0 = numeric). Throws when the shapes disagree or a tree
    /// splits on a feature outside `featureNames`.
    public init(trees: [Tree], weights: [Double], base: Double, featureNames: [String], categoryLevels: [Int]) throws {
        try self.init(trees: trees, weights: weights, base: base, featureNames: featureNames,
                      categoryLevels: categoryLevels, transform: nil)
    }

    /// Explains the log-odds margin of a fitted gradient-boosting model.
    public init(_ model: GradientBoosting) throws {
        guard model.isFitted else { throw ExplainError("The gradient-boosting model is not fitted; train it before explaining it.") }
        try self.init(trees: model.trees, weights: [Double](repeating: 1, count: model.trees.count), base: model.baseScore,
                      featureNames: model.featureNames, categoryLevels: model.categoryLevels)
    }

    /// Explains `DecisionTree.predictMargins`: the log-odds of the leaf probability (clipped to [1e-12, 1 − 1e-12]).
    public init(_ model: DecisionTree) throws {
        guard !model.featureNames.isEmpty, model.tree.nodeCount > 0 else {
            throw ExplainError("The decision tree is not fitted; train it before explaining it.")
        }
        try self.init(trees: [model.tree], weights: [1], base: 0, featureNames: model.featureNames,
                      categoryLevels: model.categoryLevels, transform: TreeExplainer.logOdds)
    }

    init(trees: [Tree], weights: [Double], base: Double, featureNames: [String], categoryLevels: [Int],
         transform: ((Double) -> Double)?) throws {
        guard trees.count == weights.count else {
            throw ExplainError("\(weights.count) tree weights for \(trees.count) trees; give one weight per tree.")
        }
        guard categoryLevels.count == featureNames.count else {
            throw ExplainError("\(categoryLevels.count) category-level counts for \(featureNames.count) features.")
        }
        for (t, tree) in trees.enumerated() {
            for n in 0..<tree.nodeCount where tree.feature[n] >= featureNames.count {
                throw ExplainError("tree \(t + 1) splits on feature \(tree.feature[n] + 1), but the model has only \(featureNames.count) features.")
            }
        }
        self.featureNames = featureNames
        ensemble = TreePathEnsemble(trees: trees, weights: weights, base: base, levels: categoryLevels,
                                    featureCount: featureNames.count, transform: transform)
    }

    /// log(p / (1 − p)) with p clipped to [1e-12, 1 − 1e-12], as `DecisionTree.predictMargins`.
    static func logOdds(_ p: Double) -> Double {
        let q = min(max(p, 1e-12), 1 - 1e-12)
        return log(q / (1 - q))
    }

    /// Contributions for every row of `x` (or only `rows`, in that order), over both cores when `parallel`.
    /// `precomputation` says whether per-leaf pattern tables are built first (by default for batches of
    /// 2,000 rows or more; the values are the same either way).
    /// Throws when `x` does not have the model's features, and `TrainingError.cancelled` when `control` is cancelled.
    public func shapValues(_ x: TrainingMatrix, rows: [Int]? = nil, parallel: Bool = true,
                           control: TrainingControl = .none, precomputation: TreeSHAPPrecomputation = .automatic) throws -> ShapValues {
        try checkCompatible(x)
        if let rows, let bad = rows.first(where: { $0 < 0 || $0 >= x.rows }) {
            throw ExplainError("row \(bad) is outside the data (\(x.rows) rows).")
        }
        guard let values = ensemble.contributions(columns: x.columns, rows: rows, parallel: parallel, control: control,
                                                         precomputation: precomputation) else {
            throw TrainingError.cancelled
        }
        return ShapValues(featureNames: featureNames, expectedValue: expectedValue, rows: rows?.count ?? x.rows, values: values)
    }

    /// Contributions for one customer's feature values (one per feature, NaN = missing); fast enough
    /// to call on every key press (a few hundred microseconds for 300 trees).
    public func contributions(row: [Double]) throws -> [Double] {
        guard row.count == featureNames.count else {
            throw ExplainError("\(row.count) feature values for a model with \(featureNames.count) features.")
        }
        var phi = [Double](repeating: 0, count: featureNames.count)
        var scratch = TreeSHAPScratch(for: ensemble)
        row.withUnsafeBufferPointer { x in
            phi.withUnsafeMutableBufferPointer { out in
                guard let xBase = x.baseAddress, let outBase = out.baseAddress else { return }
                ensemble.accumulate(x: xBase, phi: outBase, scratch: &scratch)
            }
        }
        return phi
    }

    /// Throws unless `x` has the model's features in the model's order.
    public func checkCompatible(_ x: TrainingMatrix) throws {
        guard x.names == featureNames else {
            let missing = featureNames.filter { !x.names.contains($0) }
            let detail = missing.isEmpty ? "the features are in a different order"
                : "missing feature(s) \(missing.prefix(5).joined(separator: ", "))"
            throw ExplainError("the model expects \(featureNames.count) features; \(detail).")
        }
    }
}
