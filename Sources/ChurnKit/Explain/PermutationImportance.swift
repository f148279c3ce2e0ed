/// Permutation importance: how much a model's ROC-AUC drops when one feature's column is shuffled.
///
/// Computed on the data given (use out-of-fold or held-out rows, not the rows the model was fitted on,
/// or importance reflects memorisation). Each feature is shuffled `repeats` times with its own seeded
/// stream, so the result is reproducible and does not depend on the order features are processed.
public struct PermutationImportance: Sendable, Equatable {
    /// Feature names, in the model's order.
    public var featureNames: [String]
    /// ROC-AUC of the unshuffled data.
    public var baselineAUC: Double
    /// Mean drop in ROC-AUC per feature (positive = the model relies on the feature).
    public var mean: [Double]
    /// Sample standard deviation of the drop over the repeats (0 with one repeat).
    public var std: [Double]
    /// Shuffles per feature.
    public var repeats: Int

    /// Shuffles each column of `x` `repeats` times and re-scores with `model`. Throws when the labels do
    /// not match the rows, a class is missing (ROC-AUC undefined), or `control` is cancelled.
    public static func compute(model: any Classifier, x: TrainingMatrix, labels: [Double], repeats: Int = 5,
                               seed: UInt64 = 42, control: TrainingControl = .none) throws -> PermutationImportance {
        guard labels.count == x.rows else {
            throw ExplainError("\(labels.count) labels for \(x.rows) rows; permutation importance needs one label per row.")
        }
        guard repeats >= 1 else { throw ExplainError("permutation importance needs at least 1 repeat (got \(repeats)).", exitCode: ExitCode.usage) }
        let baseline = Metrics.rocAUC(scores: model.predictProbabilities(x), labels: labels)
        guard baseline.isFinite else {
            throw ExplainError("ROC-AUC is undefined on these rows (they need both churned and retained customers).")
        }
        var means = [Double](repeating: 0, count: x.featureCount)
        var stds = [Double](repeating: 0, count: x.featureCount)
        var work = x
        for j in 0..<x.featureCount {
            try control.checkCancelled()
            var rng = SeededRandom(seed: seed, stream: UInt64(j))
            var drops: [Double] = []
            var column = x.columns[j]
            for _ in 0..<repeats {
                rng.shuffle(&column)
                work.columns[j] = column
                let auc = Metrics.rocAUC(scores: model.predictProbabilities(work), labels: labels)
                drops.append(baseline - auc)
            }
            work.columns[j] = x.columns[j]
            let mean = drops.reduce(0, +) / Double(repeats)
            means[j] = mean
            if repeats > 1 {
                stds[j] = (drops.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(repeats - 1)).squareRoot()
            }
        }
        return PermutationImportance(featureNames: x.names, baselineAUC: baseline, mean: means, std: stds, repeats: repeats)
    }
}

/// One feature's importance by three measures, side by side.
public struct FeatureImportanceRow: Sendable, Equatable {
    /// The feature.
    public var feature: String
    /// Mean |contribution| over the explained rows, in margin units (nil when not computed).
    public var meanAbsoluteContribution: Double?
    /// The model's own split-gain importance as a share of the total gain (nil for models without one).
    public var gainShare: Double?
    /// Mean drop in ROC-AUC when the feature is shuffled (nil when not computed).
    public var permutationDrop: Double?
    /// Standard deviation of that drop over the repeats.
    public var permutationStd: Double?
}

/// Global feature importance: mean |SHAP|, gain share and permutation drop per feature, most important first.
public struct FeatureImportanceTable: Sendable, Equatable {
    /// One row per feature, sorted by mean |contribution| (or by the first measure present), largest first.
    public var rows: [FeatureImportanceRow]
    /// ROC-AUC of the unshuffled data, when permutation importance was computed.
    public var baselineAUC: Double?
    /// Shuffles per feature, when permutation importance was computed.
    public var repeats: Int?

    /// Combines the measures given (each in the model's feature order); at least one is needed.
    public init(featureNames: [String], shap: ShapValues? = nil, gain: [Double]? = nil,
                permutation: PermutationImportance? = nil) throws {
        let n = featureNames.count
        if let shap, shap.featureNames != featureNames { throw ExplainError("the SHAP values are for different features.") }
        if let gain, gain.count != n { throw ExplainError("\(gain.count) gain values for \(n) features.") }
        if let permutation, permutation.featureNames != featureNames {
            throw ExplainError("the permutation importance is for different features.")
        }
        let meanAbs = shap?.meanAbsolute()
        let totalGain = gain?.reduce(0, +) ?? 0
        var rows: [FeatureImportanceRow] = []
        for f in 0..<n {
            rows.append(FeatureImportanceRow(
                feature: featureNames[f], meanAbsoluteContribution: meanAbs?[f],
                gainShare: gain.map { totalGain > 0 ? $0[f] / totalGain : 0 },
                permutationDrop: permutation?.mean[f], permutationStd: permutation?.std[f]))
        }
        func key(_ r: FeatureImportanceRow) -> Double { r.meanAbsoluteContribution ?? r.gainShare ?? r.permutationDrop ?? 0 }
        self.rows = rows.enumerated().sorted { a, b in
            key(a.element) != key(b.element) ? key(a.element) > key(b.element) : a.offset < b.offset
        }.map(\.element)
        baselineAUC = permutation?.baselineAUC
        repeats = permutation?.repeats
    }

    /// The model's own gain importance (gradient boosting, decision tree, random forest), nil for other families.
    public static func gainImportance(of model: any Classifier) -> [Double]? {
        switch model {
        case let m as GradientBoosting: return m.gainImportance
        case let m as DecisionTree: return m.gainImportance
        case let m as RandomForest: return m.gainImportance
        default: return nil
        }
    }
}
