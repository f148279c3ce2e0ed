import Foundation

/// Cross-validates each model family at fixed settings that match the reference libraries' (the
/// side-by-side benchmark against scikit-learn, LightGBM and XGBoost), on a fold assignment both
/// sides read from the same file.
///
/// Per fold: preprocessing is fitted on the fold's training rows only, **without screening** (every
/// feature with a value is kept, missing values imputed with the training mean plus indicator columns
/// for the linear view, NaN left in place for trees), the model is fitted without class weights, and
/// ROC-AUC, PR-AUC (average precision) and Brier score are measured on the validation rows. The fit
/// time of a fold covers preprocessing and fitting (binning included) and the model may use every
/// core; folds run one after another. `Tests/Benchmarks/models_reference.py` documents the matching
/// reference configurations.
public enum FoldBenchmark {
    /// One family's result over the folds.
    public struct Result: Codable, Sendable, Equatable {
        /// The family ("logreg", "gbdt", ...).
        public var family: String
        /// The settings used, in words.
        public var settings: String
        /// Means over folds.
        public var rocAUC: Double
        public var prAUC: Double
        public var brier: Double
        /// Median over folds of the seconds of preprocessing + fit (the median resists the spikes of a
        /// shared machine).
        public var fitSeconds: Double
        /// ROC-AUC of each fold.
        public var foldAUC: [Double]
    }

    /// A family's benchmark configuration.
    public struct Setting: Sendable {
        /// The model input.
        public var view: Preprocessor.View
        /// The settings in words (matching the reference script's).
        public var description: String
        /// An unfitted model.
        public var make: @Sendable () -> any Classifier
    }

    /// The families with a benchmark configuration, in report order.
    public static let families: [ModelFamily] = [.logreg, .tree, .forest, .gbdt, .svm, .naiveBayes]

    /// The configuration of `family` that matches the reference libraries (nil for the blend).
    public static func setting(for family: ModelFamily) -> Setting? {
        switch family {
        case .logreg:
            return Setting(view: .linear, description: "L2, C=1, standardised, tol 1e-8") {
                LogisticRegression(penalty: .l2, c: 1, tolerance: 1e-8, maxIterations: 1000)
            }
        case .tree:
            return Setting(view: .tree, description: "gini, max depth 6, min 20 per leaf") {
                var p = DecisionTree.Parameters()
                p.maxDepth = 6
                p.minSamplesLeaf = 20
                return DecisionTree(parameters: p)
            }
        case .forest:
            return Setting(view: .tree, description: "100 trees, sqrt features, bootstrap, max depth 8, min 5 per leaf, 2 threads") {
                var p = RandomForestParameters()
                p.trees = 100
                p.maxFeatures = .sqrt
                p.maxDepth = 8
                p.minSamplesLeaf = 5
                p.outOfBag = false
                p.threads = 2
                return RandomForest(parameters: p)
            }
        case .gbdt:
            return Setting(view: .tree, description: "100 rounds, learning rate 0.1, 31 leaves, min 20 per leaf, L2 0, 255 bins, no early stopping") {
                var p = GradientBoostingParameters()
                p.rounds = 100
                p.learningRate = 0.1
                p.maxLeaves = 31
                p.minSamplesLeaf = 20
                p.lambda = 0
                p.validationFraction = 0
                p.parallel = true
                return GradientBoosting(parameters: p)
            }
        case .svm:
            return Setting(view: .linear, description: "squared hinge, C=1, standardised, Platt on 3 folds") {
                LinearSVM(loss: .squaredHinge, c: 1, seed: 0, probabilityFolds: 3)
            }
        case .naiveBayes:
            return Setting(view: .linear, description: "Gaussian, variance smoothing 1e-9") {
                GaussianNaiveBayes(varianceSmoothing: 1e-9)
            }
        case .blend:
            return nil
        }
    }

    /// Cross-validates `families` on the folds of `assignment` (0..<k per row).
    ///
    /// - Throws: `TrainingError.shapeMismatch` for an assignment that does not fit the data, a family's
    ///   own fitting errors, or `TrainingError.cancelled`.
    public static func run(_ data: TrainingData, assignment: [Int], families: [ModelFamily] = FoldBenchmark.families,
                           control: TrainingControl = TrainingControl(),
                           onFold: (ModelFamily, Int, Double) -> Void = { _, _, _ in }) throws -> [Result] {
        let k = (assignment.max() ?? 0) + 1
        try CrossValidationPlan.check(assignment, rows: data.rows, k: k)
        let splits = StratifiedKFold.splits(folds: assignment, k: k)
        var results: [Result] = []
        for family in families {
            guard let setting = setting(for: family) else { continue }
            var aucs: [Double] = [], prs: [Double] = [], briers: [Double] = [], seconds: [Double] = []
            for (f, split) in splits.enumerated() {
                try control.checkCancelled()
                let started = DispatchTime.now().uptimeNanoseconds
                let preprocessor = try Preprocessor(fitting: data.matrix, rows: split.training, screening: false)
                let training = try preprocessor.transform(data.matrix, rows: split.training, view: setting.view)
                var model = setting.make()
                try model.fit(training, labels: split.training.map { data.labels[$0] }, weights: nil, control: control)
                let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
                let validation = try preprocessor.transform(data.matrix, rows: split.validation, view: setting.view)
                let metrics = BinaryMetrics(probabilities: model.predictProbabilities(validation),
                                            labels: split.validation.map { data.labels[$0] })
                aucs.append(metrics.rocAUC); prs.append(metrics.averagePrecision); briers.append(metrics.brier)
                seconds.append(elapsed)
                onFold(family, f, metrics.rocAUC)
            }
            results.append(Result(family: family.rawValue, settings: setting.description, rocAUC: mean(aucs), prAUC: mean(prs),
                                  brier: mean(briers), fitSeconds: median(seconds), foldAUC: aucs))
        }
        return results
    }

    private static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return .nan }
        let m = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2
    }

    private static func mean(_ values: [Double]) -> Double {
        values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
    }
}
