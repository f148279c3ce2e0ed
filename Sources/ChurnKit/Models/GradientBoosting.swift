import Foundation

/// Gradient-boosted decision trees for binary log-loss (second order, histogram based, leaf-wise).
///
/// The margin of a row is `baseScore` plus the leaf value it reaches in every tree; the probability is
/// the sigmoid of the margin. Trees, their covers and the gain-based importance are public so that
/// explanations (TreeSHAP) can read them.
public struct GradientBoosting: Classifier {
    /// The settings used by `fit`.
    public var parameters: GradientBoostingParameters
    /// The fitted trees, in boosting order (leaf values already include the learning rate).
    public internal(set) var trees: [Tree] = []
    /// The margin before any tree: log-odds of the weighted positive rate of the training rows.
    public internal(set) var baseScore = 0.0
    /// Feature names the model was fitted on, in order.
    public internal(set) var featureNames: [String] = []
    /// Category levels of each feature binned one bin per level (0 = numeric); a code outside
    /// 0..<levels is treated as missing.
    public internal(set) var categoryLevels: [Int] = []
    /// Weighted training log loss after each round.
    public internal(set) var trainingLoss: [Double] = []
    /// Weighted validation log loss after each round (empty without validation).
    public internal(set) var validationLoss: [Double] = []
    /// Weighted training log loss of the base score alone, before the first tree.
    public internal(set) var initialTrainingLoss = 0.0

    public var family: ModelFamily { .gbdt }

    /// An unfitted model with these settings.
    public init(parameters: GradientBoostingParameters = GradientBoostingParameters()) {
        self.parameters = parameters
    }

    /// Whether the model has been fitted.
    public var isFitted: Bool { !featureNames.isEmpty }

    /// Number of trees kept (after early stopping, the best round).
    public var roundCount: Int { trees.count }

    /// Total split gain per feature (in feature order), the usual "gain" importance.
    public var gainImportance: [Double] {
        var importance = [Double](repeating: 0, count: featureNames.count)
        for tree in trees {
            for n in 0..<tree.nodeCount where tree.feature[n] >= 0 {
                importance[Int(tree.feature[n])] += tree.gain[n]
            }
        }
        return importance
    }

    /// Number of splits per feature (in feature order).
    public var splitCountImportance: [Int] {
        var counts = [Int](repeating: 0, count: featureNames.count)
        for tree in trees {
            for n in 0..<tree.nodeCount where tree.feature[n] >= 0 { counts[Int(tree.feature[n])] += 1 }
        }
        return counts
    }

    /// Throws `TrainingError.shapeMismatch` unless `x` has the features the model was fitted on.
    public func checkCompatible(_ x: TrainingMatrix) throws {
        guard x.names == featureNames else {
            throw TrainingError.shapeMismatch(
                "the model expects \(featureNames.count) features (\(featureNames.prefix(3).joined(separator: ", "))...), the data has \(x.featureCount)")
        }
    }

    /// The margin (log-odds) of every row. Rows of a matrix with a different number of features get NaN
    /// (call `checkCompatible` first for a clear error).
    public func predictMargins(_ x: TrainingMatrix) -> [Double] {
        guard x.featureCount == featureNames.count else { return [Double](repeating: .nan, count: x.rows) }
        return Tree.sumValues(trees: trees, base: baseScore, x: x, levels: categoryLevels,
                                          parallel: parameters.parallel)
    }

    /// The probability of class 1 for every row.
    public func predictProbabilities(_ x: TrainingMatrix) -> [Double] {
        predictMargins(x).map(GradientBoosting.sigmoid)
    }

    /// 1 / (1 + e^-m).
    @inline(__always)
    static func sigmoid(_ m: Double) -> Double { 1 / (1 + exp(-m)) }

    /// Fits on `x` with its own binner; see `fit(binned:rows:labels:weights:validationRows:control:)`.
    public mutating func fit(_ x: TrainingMatrix, labels: [Double], weights: [Double]?, control: TrainingControl) throws {
        let binned = try FeatureBinner.fit(x, maxBins: parameters.maxBins, seed: parameters.seed).transform(x)
        try fit(binned: binned, rows: nil, labels: labels, weights: weights, control: control)
    }

    /// Fits on `x` and stops early on a given validation matrix (binned with the training edges).
    public mutating func fit(_ x: TrainingMatrix, labels: [Double], weights: [Double]?,
                             validation: TrainingMatrix, validationLabels: [Double], control: TrainingControl) throws {
        let binner = try FeatureBinner.fit(x, maxBins: parameters.maxBins, seed: parameters.seed)
        let binned = try binner.transform(x)
        let validBinned = try binner.transform(validation)
        _ = try HistogramTrainingInput.check(labels: validationLabels, weights: nil,
                                             rows: Array(0..<validBinned.rows), rowCount: validBinned.rows)
        let holdOut = GradientBoostingTrainer.Validation(binned: validBinned, rows: Array(0..<validBinned.rows),
                                                         labels: validationLabels, weights: nil)
        try fit(binned: binned, trainRows: Array(0..<binned.rows), labels: labels, weights: weights,
                validation: holdOut, control: control)
    }

    /// Fits on rows of a shared binned matrix (all rows when `rows` is nil).
    ///
    /// `labels` and `weights` hold one entry per row of `binned`. Early stopping uses `validationRows`
    /// of the same matrix when given, otherwise a stratified hold-out of `parameters.validationFraction`
    /// of the training rows when that is above 0. Throws `TrainingError` for one class, bad labels or
    /// weights, and `.cancelled` (checked every round) leaving the model unchanged.
    public mutating func fit(binned: BinnedMatrix, rows: [Int]?, labels: [Double], weights: [Double]?,
                             validationRows: [Int]? = nil, control: TrainingControl) throws {
        var trainRows = rows ?? Array(0..<binned.rows)
        var validation: GradientBoostingTrainer.Validation?
        if let validationRows {
            _ = try HistogramTrainingInput.check(labels: labels, weights: weights, rows: validationRows, rowCount: binned.rows)
            validation = .init(binned: binned, rows: validationRows, labels: labels, weights: weights)
        } else if parameters.validationFraction > 0 {
            _ = try HistogramTrainingInput.check(labels: labels, weights: weights, rows: trainRows, rowCount: binned.rows)
            let (fit, held) = GradientBoostingTrainer.stratifiedHoldOut(
                rows: trainRows, labels: labels, fraction: parameters.validationFraction, seed: parameters.seed)
            trainRows = fit
            validation = .init(binned: binned, rows: held, labels: labels, weights: weights)
        }
        try fit(binned: binned, trainRows: trainRows, labels: labels, weights: weights, validation: validation, control: control)
    }

    private mutating func fit(binned: BinnedMatrix, trainRows: [Int], labels: [Double], weights: [Double]?,
                              validation: GradientBoostingTrainer.Validation?, control: TrainingControl) throws {
        var trainer = GradientBoostingTrainer(parameters: parameters, binned: binned, trainRows: trainRows,
                                              labels: labels, weights: weights, validation: validation)
        let result = try trainer.run(control: control)
        trees = result.trees
        baseScore = result.baseScore
        trainingLoss = result.trainingLoss
        validationLoss = result.validationLoss
        initialTrainingLoss = result.initialLoss
        featureNames = binned.binner.names
        categoryLevels = binned.binner.categoryLevels
    }
}
