import Foundation

/// Everything the training engine needs to know about one model family.
public struct FamilySpec: Sendable {
    /// The family.
    public var family: ModelFamily
    /// The input the family takes: imputed with indicators (`.linear`) or with NaN kept (`.tree`).
    public var view: Preprocessor.View
    /// The documented hyperparameter search space.
    public var space: SearchSpace
    /// Builds an unfitted model from a configuration; `parallel` lets the model use both cores itself
    /// (off when the engine already runs folds in parallel).
    public var make: @Sendable (_ parameters: ParameterSet, _ seed: UInt64, _ parallel: Bool) -> any Classifier
    /// Reads a fitted model written by `Classifier.encoded()`.
    public var decode: @Sendable (Data) throws -> any Classifier
}

/// The model families the engine can train, in one place.
///
/// Adding a family is one `case` in `spec(for:)` and one factory (a `FamilySpec` value) below.
/// Class weights are never set on the models here: the engine passes balanced sample weights itself
/// when it decides to weight the classes, the same way for every family.
public enum FamilyRegistry {
    /// The families a default run trains, in leaderboard order.
    public static var trainable: [ModelFamily] {
        ModelFamily.allCases.filter { spec(for: $0) != nil }
    }

    /// The names accepted by `--models` (trainable families).
    public static var names: [String] { trainable.map(\.rawValue) }

    /// The family's spec, or nil when this build cannot train it (e.g. `blend` is built by the engine).
    public static func spec(for family: ModelFamily) -> FamilySpec? {
        switch family {
        case .logreg: return logisticRegression
        case .tree: return decisionTree
        case .forest: return randomForest
        case .gbdt: return gradientBoosting
        case .svm: return linearSVM
        case .naiveBayes: return naiveBayes
        case .blend: return nil
        }
    }

    /// Parses a comma-separated list of family names; an unknown name throws a "did you mean" error.
    public static func parse(_ list: String) throws -> [ModelFamily] {
        var result: [ModelFamily] = []
        for raw in list.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !raw.isEmpty {
            let name = raw.lowercased()
            let aliases = ["nb": "naive-bayes", "naivebayes": "naive-bayes", "naive_bayes": "naive-bayes",
                           "logistic": "logreg", "lr": "logreg", "xgboost": "gbdt", "boosting": "gbdt", "lightgbm": "gbdt",
                           "rf": "forest", "randomforest": "forest", "random-forest": "forest"]
            let resolved = aliases[name] ?? name
            guard let family = ModelFamily(rawValue: resolved), family != .blend else {
                throw UnknownModelError(name: raw, suggestion: Suggestion.closest(to: raw, in: names))
            }
            guard spec(for: family) != nil else { throw UnknownModelError(name: raw, suggestion: nil, unavailable: true) }
            if !result.contains(family) { result.append(family) }
        }
        guard !result.isEmpty else { throw UnknownModelError(name: list, suggestion: nil) }
        return result
    }

    /// Logistic regression. Space: C log-uniform in [0.001, 100]; penalty one of L2 (0), L1 (1),
    /// elastic net with ratio 0.5 (2). Default: L2, C = 1.
    static let logisticRegression = FamilySpec(
        family: .logreg, view: .linear,
        space: SearchSpace(defaults: ParameterSet(["c": 1, "penalty": 0]),
                           ranges: [ParameterRange("c", .logUniform(1e-3, 100)), ParameterRange("penalty", .choice([0, 1, 2]))]),
        make: { p, _, _ in
            let penalty: LogisticRegression.Penalty
            switch Int(p.value("penalty", default: 0)) {
            case 1: penalty = .l1
            case 2: penalty = .elasticNet(l1Ratio: 0.5)
            default: penalty = .l2
            }
            return LogisticRegression(penalty: penalty, c: p.value("c", default: 1), tolerance: 1e-6, maxIterations: 200)
        },
        decode: { try LogisticRegression.decode($0) })

    /// CART decision tree. Space: max depth integer 2...12, min samples per leaf integer 1...100,
    /// criterion gini (0) or entropy (1). Default: depth 6, 20 per leaf, gini.
    static let decisionTree = FamilySpec(
        family: .tree, view: .tree,
        space: SearchSpace(defaults: ParameterSet(["max_depth": 6, "min_samples_leaf": 20, "criterion": 0]),
                           ranges: [ParameterRange("max_depth", .integer(2, 12)),
                                    ParameterRange("min_samples_leaf", .integer(1, 100)),
                                    ParameterRange("criterion", .choice([0, 1]))]),
        make: { p, _, parallel in
            var parameters = DecisionTree.Parameters()
            parameters.maxDepth = Int(p.value("max_depth", default: 6))
            parameters.minSamplesLeaf = Int(p.value("min_samples_leaf", default: 20))
            parameters.criterion = p.value("criterion", default: 0) == 1 ? .entropy : .gini
            parameters.parallel = parallel
            return DecisionTree(parameters: parameters)
        },
        decode: { try DecisionTree.decode($0) })

    /// Random forest of 100 trees on bootstrap samples, features drawn per split. Space: features per
    /// split sqrt (0), log2 (1) or a third (2); min samples per leaf integer 2...40; max depth integer
    /// 4...12. Default: sqrt, 5 per leaf, depth 8. Depth is bounded so that exact TreeSHAP for every
    /// scored customer stays fast (its cost grows with leaves x depth per tree). Out-of-bag scoring is
    /// off: the engine's cross-validation measures the forest.
    static let randomForest = FamilySpec(
        family: .forest, view: .tree,
        space: SearchSpace(defaults: ParameterSet(["max_features": 0, "min_samples_leaf": 5, "max_depth": 8]),
                           ranges: [ParameterRange("max_features", .choice([0, 1, 2])),
                                    ParameterRange("min_samples_leaf", .integer(2, 40)),
                                    ParameterRange("max_depth", .integer(4, 12))]),
        make: { p, seed, parallel in
            var parameters = RandomForestParameters()
            parameters.trees = 100
            parameters.outOfBag = false
            switch Int(p.value("max_features", default: 0)) {
            case 1: parameters.maxFeatures = .log2
            case 2: parameters.maxFeatures = .fraction(1.0 / 3)
            default: parameters.maxFeatures = .sqrt
            }
            parameters.minSamplesLeaf = Int(p.value("min_samples_leaf", default: 5))
            parameters.maxDepth = Int(p.value("max_depth", default: 8))
            parameters.seed = seed
            parameters.threads = parallel ? 0 : 1
            return RandomForest(parameters: parameters)
        },
        decode: { try RandomForest.decode($0) })

    /// Histogram gradient boosting, up to 400 rounds with early stopping (20 rounds without
    /// improvement on a stratified 10% of the training rows). Space: learning rate log-uniform in
    /// [0.02, 0.3], max leaves integer 7...63, min samples per leaf integer 5...100, L2 leaf penalty
    /// log-uniform in [0.001, 10], row and column subsampling uniform in [0.6, 1].
    /// Default: 0.1, 31 leaves, 20 per leaf, L2 1, no subsampling.
    static let gradientBoosting = FamilySpec(
        family: .gbdt, view: .tree,
        space: SearchSpace(defaults: ParameterSet(["learning_rate": 0.1, "max_leaves": 31, "min_samples_leaf": 20, "lambda": 1,
                                                   "row_subsample": 1, "column_subsample": 1]),
                           ranges: [ParameterRange("learning_rate", .logUniform(0.02, 0.3)),
                                    ParameterRange("max_leaves", .integer(7, 63)),
                                    ParameterRange("min_samples_leaf", .integer(5, 100)),
                                    ParameterRange("lambda", .logUniform(1e-3, 10)),
                                    ParameterRange("row_subsample", .uniform(0.6, 1)),
                                    ParameterRange("column_subsample", .uniform(0.6, 1))]),
        make: { p, seed, parallel in
            var parameters = GradientBoostingParameters()
            parameters.rounds = 400
            parameters.validationFraction = 0.1
            parameters.earlyStoppingRounds = 20
            parameters.learningRate = p.value("learning_rate", default: 0.1)
            parameters.maxLeaves = Int(p.value("max_leaves", default: 31))
            parameters.minSamplesLeaf = Int(p.value("min_samples_leaf", default: 20))
            parameters.lambda = p.value("lambda", default: 1)
            parameters.rowSubsample = p.value("row_subsample", default: 1)
            parameters.columnSubsample = p.value("column_subsample", default: 1)
            parameters.seed = seed
            parameters.parallel = parallel
            return GradientBoosting(parameters: parameters)
        },
        decode: { try GradientBoosting.decode($0) })

    /// Linear SVM, squared hinge, Platt-scaled probabilities. Space: C log-uniform in [0.001, 10].
    /// Default: C = 1.
    static let linearSVM = FamilySpec(
        family: .svm, view: .linear,
        space: SearchSpace(defaults: ParameterSet(["c": 1]), ranges: [ParameterRange("c", .logUniform(1e-3, 10))]),
        make: { p, seed, _ in LinearSVM(loss: .squaredHinge, c: p.value("c", default: 1), seed: seed, probabilityFolds: 3) },
        decode: { try LinearSVM.decode($0) })

    /// Gaussian naive Bayes, a cheap baseline. Space: variance smoothing log-uniform in [1e-12, 1e-2].
    /// Default: 1e-9.
    static let naiveBayes = FamilySpec(
        family: .naiveBayes, view: .linear,
        space: SearchSpace(defaults: ParameterSet(["var_smoothing": 1e-9]),
                           ranges: [ParameterRange("var_smoothing", .logUniform(1e-12, 1e-2))]),
        make: { p, _, _ in GaussianNaiveBayes(varianceSmoothing: p.value("var_smoothing", default: 1e-9)) },
        decode: { try GaussianNaiveBayes.decode($0) })
}

/// A model name the engine does not know.
public struct UnknownModelError: UserFacingError, Equatable {
    public var name: String
    public var suggestion: String?
    public var unavailable = false

    public var message: String {
        if unavailable { return "the model family '\(name)' is not available in this build; choose from \(FamilyRegistry.names.joined(separator: ", "))" }
        var text = "unknown model '\(name)'"
        if let suggestion { text += " (did you mean '\(suggestion)'?)" }
        return text + "; choose from \(FamilyRegistry.names.joined(separator: ", "))"
    }

    public var exitCode: Int32 { ExitCode.usage }
}
