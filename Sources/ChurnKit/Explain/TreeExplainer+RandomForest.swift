/// Explanations for random forests.
extension TreeExplainer {
    /// Explains a fitted random forest's average of tree leaf probabilities (`predictRawAverage`).
    ///
    /// A forest's probability is the mean of its trees' leaf class-1 fractions, so its SHAP values are
    /// exact and additive in probability space: expected value + contributions = `predictRawAverage`.
    /// (`predictMargins`, the clipped logit of that average, is not a sum over trees and is not what
    /// is explained.)
    public init(_ forest: RandomForest) throws {
        guard forest.isFitted, !forest.trees.isEmpty else {
            throw ExplainError("the random forest has not been fitted")
        }
        let weight = 1 / Double(forest.trees.count)
        try self.init(trees: forest.trees, weights: Array(repeating: weight, count: forest.trees.count), base: 0,
                      featureNames: forest.featureNames, categoryLevels: forest.categoryLevels)
    }
}
