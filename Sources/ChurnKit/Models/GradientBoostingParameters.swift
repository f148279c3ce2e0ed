/// Settings of gradient-boosted trees. Defaults follow LightGBM's so results are comparable.
public struct GradientBoostingParameters: Codable, Sendable, Equatable {
    /// Most boosting rounds (trees).
    public var rounds = 100
    /// Shrinkage applied to every tree's leaf values.
    public var learningRate = 0.1
    /// Most leaves per tree (trees grow leaf-wise, best gain first).
    public var maxLeaves = 31
    /// Deepest leaf allowed; 0 = unlimited.
    public var maxDepth = 0
    /// L2 penalty on leaf values (the hessian sum of a leaf is increased by it).
    public var lambda = 0.0
    /// Smallest hessian sum in a leaf.
    public var minChildHessian = 1e-3
    /// Fewest training rows in a leaf.
    public var minSamplesLeaf = 20
    /// Smallest loss reduction worth a split.
    public var minSplitGain = 0.0
    /// Fraction of training rows drawn (without replacement) for each tree; 1 = all.
    public var rowSubsample = 1.0
    /// Fraction of features drawn for each tree; 1 = all.
    public var columnSubsample = 1.0
    /// Most value bins per feature (at most 255; a missing bin comes on top).
    public var maxBins = 255
    /// Categorical features with at most this many levels get native category-set splits.
    public var maxCategoricalLevels = 32
    /// Added to hessian sums when ordering categories by gradient / hessian.
    public var categoricalSmoothing = 10.0
    /// Fraction of training rows held out (stratified, seeded) to stop early; 0 = no hold-out.
    public var validationFraction = 0.0
    /// Stop after this many rounds without a better validation log loss (when validating).
    public var earlyStoppingRounds = 10
    /// Seed of every random choice (hold-out, row and column sampling).
    public var seed: UInt64 = 42
    /// Use both cores on large nodes.
    public var parallel = true

    public init() {}

    /// Limits a tree grower enforces.
    var growthLimits: TreeGrowthLimits {
        TreeGrowthLimits(maxLeaves: max(maxLeaves, 2), maxDepth: maxDepth, minSamplesLeaf: max(minSamplesLeaf, 1),
                         minChildHessian: minChildHessian, minSplitGain: minSplitGain,
                         maxCategoricalLevels: maxCategoricalLevels, categoricalSmoothing: categoricalSmoothing,
                         parallel: parallel)
    }
}
