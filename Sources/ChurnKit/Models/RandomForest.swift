import Foundation

/// A random forest of CART classification trees (gini or entropy) grown on binned features.
///
/// Every tree is grown on a bootstrap sample of the training rows, drawing `maxFeatures` candidate
/// features afresh at every split, until its leaves are pure (or a depth / leaf-size limit). A leaf
/// outputs the weighted share of class 1 among its bootstrap rows; the forest's probability is the
/// mean of the leaves a row reaches, as in scikit-learn. Trees are built in parallel on every core
/// and are the same for any thread count. Out-of-bag probabilities and their ROC-AUC come with the fit.
///
/// Explanations work in probability space: `predictRawAverage` is the mean of per-tree leaf
/// probabilities, so TreeSHAP values of the `trees` averaged over trees add up to it.
/// `predictMargins` is only the logit of that probability (clipped) for code that wants log-odds.
public struct RandomForest: Classifier {
    /// The settings used by `fit`.
    public var parameters: RandomForestParameters
    /// The fitted trees; leaf values are probabilities of class 1, covers are bootstrap weight sums.
    public internal(set) var trees: [Tree] = []
    /// Feature names the model was fitted on, in order.
    public internal(set) var featureNames: [String] = []
    /// Category levels per feature (0 = numeric); codes outside 0..<levels count as missing.
    public internal(set) var categoryLevels: [Int] = []
    /// Out-of-bag probability of every row of the fitted (binned) matrix: the mean over the trees
    /// whose bootstrap left the row out. NaN for rows not trained on or in every bootstrap; empty when
    /// not computed (no bootstrap, `outOfBag` off) and after decoding.
    public internal(set) var outOfBagProbabilities: [Double] = []
    /// ROC-AUC of the out-of-bag probabilities over the training rows that have one (weighted by the
    /// sample weights when given); NaN when not computed.
    public internal(set) var outOfBagROCAUC = Double.nan

    public var family: ModelFamily { .forest }

    /// Probabilities are clipped to [clip, 1 - clip] before `predictMargins` takes their logit.
    public static let probabilityClip = 1e-6

    /// An unfitted forest with these settings.
    public init(parameters: RandomForestParameters = RandomForestParameters()) {
        self.parameters = parameters
    }

    /// Whether the model has been fitted.
    public var isFitted: Bool { !trees.isEmpty }

    /// Total impurity decrease (in sample-weight units) per feature, averaged over trees.
    public var gainImportance: [Double] {
        var importance = [Double](repeating: 0, count: featureNames.count)
        for tree in trees {
            for n in 0..<tree.nodeCount where tree.feature[n] >= 0 { importance[Int(tree.feature[n])] += tree.gain[n] }
        }
        let count = Double(max(trees.count, 1))
        return importance.map { $0 / count }
    }

    /// Scikit-learn's `feature_importances_`: each tree's impurity decreases scaled to sum to 1, averaged
    /// over trees (trees without a split count as zeros), then scaled to sum to 1.
    public var impurityImportance: [Double] {
        var total = [Double](repeating: 0, count: featureNames.count)
        for tree in trees {
            var own = [Double](repeating: 0, count: featureNames.count)
            for n in 0..<tree.nodeCount where tree.feature[n] >= 0 { own[Int(tree.feature[n])] += tree.gain[n] }
            let sum = own.reduce(0, +)
            guard sum > 0 else { continue }
            for j in own.indices { total[j] += own[j] / sum }
        }
        let sum = total.reduce(0, +)
        return sum > 0 ? total.map { $0 / sum } : total
    }

    /// Throws `TrainingError.shapeMismatch` unless `x` has the features the model was fitted on.
    public func checkCompatible(_ x: TrainingMatrix) throws {
        guard x.names == featureNames else {
            throw TrainingError.shapeMismatch(
                "the model expects \(featureNames.count) features (\(featureNames.prefix(3).joined(separator: ", "))...), the data has \(x.featureCount)")
        }
    }

    /// Fits on `x` with its own binner; see `fit(binned:rows:labels:weights:control:)`. Infinite
    /// feature values throw `TrainingError.nonFinite` (NaN means missing).
    public mutating func fit(_ x: TrainingMatrix, labels: [Double], weights: [Double]?, control: TrainingControl) throws {
        let binned = try FeatureBinner.fit(x, maxBins: parameters.maxBins, seed: parameters.seed).transform(x)
        try fit(binned: binned, rows: nil, labels: labels, weights: weights, control: control)
    }

    /// Fits on rows of a shared binned matrix (all rows when `rows` is nil).
    ///
    /// `labels` and `weights` hold one entry per row of `binned`; rows of weight 0 are left out.
    /// Throws `TrainingError` for one class, bad labels, weights or rows, and `.cancelled` (checked
    /// before every tree), leaving the model unchanged.
    public mutating func fit(binned: BinnedMatrix, rows: [Int]?, labels: [Double], weights: [Double]?,
                             control: TrainingControl) throws {
        let trainRows = (rows ?? Array(0..<binned.rows)).sorted()
        let trainer = RandomForestTrainer(parameters: parameters, binned: binned, trainRows: trainRows,
                                          labels: labels, weights: weights)
        let result = try trainer.run(control: control)
        trees = result.trees
        outOfBagProbabilities = result.outOfBagProbabilities
        outOfBagROCAUC = result.outOfBagROCAUC
        featureNames = binned.binner.names
        categoryLevels = binned.binner.categoryLevels
    }

    /// The mean over trees of the leaf probability each row reaches (NaN for every row when the
    /// features do not match or the model is not fitted). Per-tree explanations average to it.
    public func predictRawAverage(_ x: TrainingMatrix) -> [Double] {
        guard x.featureCount == featureNames.count, !trees.isEmpty else { return [Double](repeating: .nan, count: x.rows) }
        let sums = Tree.sumValues(trees: trees, base: 0, x: x, levels: categoryLevels, parallel: true)
        let count = Double(trees.count)
        return sums.map { $0 / count }
    }

    /// The probability of class 1 for every row: the mean of the trees' leaf probabilities.
    public func predictProbabilities(_ x: TrainingMatrix) -> [Double] {
        predictRawAverage(x)
    }

    /// The logit of every row's probability, clipped to [`probabilityClip`, 1 - `probabilityClip`]
    /// (about +-13.8). Explanations of a forest use `predictRawAverage` instead.
    public func predictMargins(_ x: TrainingMatrix) -> [Double] {
        predictRawAverage(x).map { p in
            let q = min(max(p, Self.probabilityClip), 1 - Self.probabilityClip)
            return log(q / (1 - q))
        }
    }
}
