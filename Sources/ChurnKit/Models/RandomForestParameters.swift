import Foundation

/// Settings of a random forest. Defaults follow scikit-learn's `RandomForestClassifier`.
public struct RandomForestParameters: Codable, Sendable, Equatable {
    /// How many features each split may choose from (drawn afresh at every node).
    public enum MaxFeatures: Codable, Sendable, Equatable {
        /// The square root of the feature count, rounded down (scikit-learn's "sqrt").
        case sqrt
        /// log2 of the feature count, rounded down.
        case log2
        /// Every feature (bagged trees).
        case all
        /// A fixed number of features.
        case count(Int)
        /// A fraction of the features, rounded down.
        case fraction(Double)

        /// The number of features per split for `featureCount` features (at least 1).
        public func resolved(featureCount: Int) -> Int {
            let n = max(featureCount, 1)
            let k: Int
            switch self {
            case .sqrt: k = Int(Double(n).squareRoot())
            case .log2: k = Int(Foundation.log2(Double(n)))
            case .all: k = n
            case .count(let c): k = c
            case .fraction(let f): k = Int(f * Double(n))
            }
            return min(max(k, 1), n)
        }
    }

    /// Number of trees.
    public var trees = 100
    /// The impurity each split reduces.
    public var criterion = DecisionTree.Criterion.gini
    /// Deepest leaf allowed; 0 = unlimited (trees grow until their leaves are pure).
    public var maxDepth = 0
    /// Fewest training rows (distinct rows of the bootstrap sample) in a leaf.
    public var minSamplesLeaf = 1
    /// Features examined per split.
    public var maxFeatures = MaxFeatures.sqrt
    /// Train every tree on a bootstrap sample (drawn with replacement, as many draws as training rows);
    /// without it every tree sees every row and there is no out-of-bag score.
    public var bootstrap = true
    /// Compute out-of-bag probabilities and ROC-AUC after fitting (needs `bootstrap`).
    public var outOfBag = true
    /// Most value bins per feature when the forest bins the data itself.
    public var maxBins = 255
    /// Categorical features with at most this many levels get native category-set splits.
    public var maxCategoricalLevels = 32
    /// Seed of the bootstrap samples and feature draws (tree i uses stream i + 1 of this seed).
    public var seed: UInt64 = 42
    /// Trees built at once; 0 = one per active processor. The model does not depend on it.
    public var threads = 0

    public init() {}

    /// Number of worker threads for `treeCount` trees.
    var workerCount: Int {
        let wanted = threads > 0 ? threads : ProcessInfo.processInfo.activeProcessorCount
        return min(max(wanted, 1), max(trees, 1))
    }

    /// Limits each tree's grower enforces (one tree per thread, so no parallelism inside a tree).
    var growthLimits: TreeGrowthLimits {
        TreeGrowthLimits(maxLeaves: Int.max, maxDepth: max(maxDepth, 0), minSamplesLeaf: max(minSamplesLeaf, 1),
                         minChildHessian: 0, minSplitGain: 0, maxCategoricalLevels: maxCategoricalLevels,
                         categoricalSmoothing: 0, parallel: false, depthFirst: true)
    }
}
