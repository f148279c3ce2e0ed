import Foundation

/// A CART classification tree (gini or entropy) grown on binned features.
///
/// Leaves output the weighted share of class 1 among their training rows. Splits are found on the
/// shared quantile bins (at most 255 per feature), with missing values sent down a learned side and
/// native category-set splits for categorical features with few levels.
public struct DecisionTree: Classifier {
    /// The impurity a split reduces.
    public enum Criterion: String, Codable, Sendable, CaseIterable {
        case gini, entropy
    }

    /// Settings of a decision tree.
    public struct Parameters: Codable, Sendable, Equatable {
        /// The impurity to reduce.
        public var criterion = Criterion.gini
        /// Deepest leaf allowed; 0 = unlimited.
        public var maxDepth = 0
        /// Fewest training rows in a leaf.
        public var minSamplesLeaf = 1
        /// Most leaves; 0 = unlimited.
        public var maxLeaves = 0
        /// Most value bins per feature when the tree bins the data itself.
        public var maxBins = 255
        /// Categorical features with at most this many levels get native category-set splits.
        public var maxCategoricalLevels = 32
        /// Use both cores on large nodes.
        public var parallel = true

        public init() {}
    }

    /// The settings used by `fit`.
    public var parameters: Parameters
    /// The fitted tree; leaf values are probabilities of class 1, covers are weight sums.
    public internal(set) var tree = Tree()
    /// Feature names the model was fitted on, in order.
    public internal(set) var featureNames: [String] = []
    /// Category levels per feature (0 = numeric); codes outside 0..<levels count as missing.
    public internal(set) var categoryLevels: [Int] = []

    public var family: ModelFamily { .tree }

    /// An unfitted tree with these settings.
    public init(parameters: Parameters = Parameters()) {
        self.parameters = parameters
    }

    /// Total impurity decrease per feature (in feature order).
    public var gainImportance: [Double] {
        var importance = [Double](repeating: 0, count: featureNames.count)
        for n in 0..<tree.nodeCount where tree.feature[n] >= 0 { importance[Int(tree.feature[n])] += tree.gain[n] }
        return importance
    }

    /// Fits on `x` with its own binner.
    public mutating func fit(_ x: TrainingMatrix, labels: [Double], weights: [Double]?, control: TrainingControl) throws {
        let binned = try FeatureBinner.fit(x, maxBins: parameters.maxBins).transform(x)
        try fit(binned: binned, rows: nil, labels: labels, weights: weights, control: control)
    }

    /// Fits on rows of a shared binned matrix (all rows when `rows` is nil); `labels` and `weights`
    /// hold one entry per row of `binned`.
    public mutating func fit(binned: BinnedMatrix, rows: [Int]?, labels: [Double], weights: [Double]?,
                             control: TrainingControl) throws {
        let trainRows = (rows ?? Array(0..<binned.rows)).sorted()
        _ = try HistogramTrainingInput.check(labels: labels, weights: weights, rows: trainRows, rowCount: binned.rows)
        try control.checkCancelled()
        let n = binned.rows
        var gh = [SIMD2<Double>](repeating: .zero, count: n)
        for r in trainRows {
            let w = weights?[r] ?? 1
            gh[r] = SIMD2(w * labels[r], w)
        }
        let limits = TreeGrowthLimits(
            maxLeaves: parameters.maxLeaves > 0 ? max(parameters.maxLeaves, 2) : Int.max,
            maxDepth: parameters.maxDepth, minSamplesLeaf: max(parameters.minSamplesLeaf, 1),
            minChildHessian: 0, minSplitGain: 0, maxCategoricalLevels: parameters.maxCategoricalLevels,
            categoricalSmoothing: 0, parallel: parameters.parallel, depthFirst: parameters.maxLeaves <= 0)
        let rows32 = trainRows.map { Int32($0) }
        let features = Array(0..<binned.featureCount)
        let grown: Tree
        switch parameters.criterion {
        case .gini:
            let grower = HistogramTreeGrower(binned: binned, limits: limits, criterion: GiniCriterion(), rowCapacity: rows32.count)
            grown = gh.withUnsafeBufferPointer { grower.grow(rows: rows32, gradients: $0, features: features).tree }
        case .entropy:
            let grower = HistogramTreeGrower(binned: binned, limits: limits, criterion: EntropyCriterion(), rowCapacity: rows32.count)
            grown = gh.withUnsafeBufferPointer { grower.grow(rows: rows32, gradients: $0, features: features).tree }
        }
        tree = grown
        featureNames = binned.binner.names
        categoryLevels = binned.binner.categoryLevels
    }

    /// The probability of class 1 for every row (NaN when the features do not match).
    public func predictProbabilities(_ x: TrainingMatrix) -> [Double] {
        guard x.featureCount == featureNames.count, tree.nodeCount > 0 else { return [Double](repeating: .nan, count: x.rows) }
        return Tree.sumValues(trees: [tree], base: 0, x: x, levels: categoryLevels, parallel: parameters.parallel)
    }

    /// The log-odds of every row's probability (clipped to +-(about) 27.6 for pure leaves).
    public func predictMargins(_ x: TrainingMatrix) -> [Double] {
        predictProbabilities(x).map { p in
            let q = min(max(p, 1e-12), 1 - 1e-12)
            return log(q / (1 - q))
        }
    }

    /// The current format version of saved decision trees.
    public static let formatVersion = 1

    private struct Saved: Codable {
        var parameters: Parameters
        var featureNames: [String]
        var categoryLevels: [Int]
        var tree: Tree
    }

    /// The model as versioned JSON (see `decode`).
    public func encoded() throws -> Data {
        try TreeModelFormat.encode(Saved(parameters: parameters, featureNames: featureNames, categoryLevels: categoryLevels, tree: tree),
                                   family: .tree, version: Self.formatVersion)
    }

    /// Reads a tree written by `encoded()`; throws `TrainingError.unsupportedFormat` for other data,
    /// a damaged file or a newer format version.
    public static func decode(_ data: Data) throws -> DecisionTree {
        let saved = try TreeModelFormat.decode(data, as: Saved.self, family: .tree, supported: formatVersion)
        guard saved.categoryLevels.count == saved.featureNames.count,
              TreeModelFormat.isConsistent(saved.tree, featureCount: saved.featureNames.count)
        else { throw TrainingError.unsupportedFormat("the saved 'tree' model is damaged (inconsistent tree)") }
        var model = DecisionTree(parameters: saved.parameters)
        model.featureNames = saved.featureNames
        model.categoryLevels = saved.categoryLevels
        model.tree = saved.tree
        return model
    }
}
