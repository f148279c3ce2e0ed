import Foundation

/// How a model turns its margin into a probability, so contributions can be read as risk changes.
public enum MarginLink: Sendable, Equatable {
    /// p = 1 / (1 + e^−m) (logistic regression, gradient boosting, decision-tree log-odds).
    case logistic
    /// The linear SVM's Platt sigmoid.
    case platt(PlattScaling)
    /// The margin already is a probability (a random forest's average of tree leaf probabilities).
    case identity

    /// The probability for margin `m`.
    public func probability(_ m: Double) -> Double {
        switch self {
        case .logistic: return 1 / (1 + exp(-m))
        case .platt(let sigmoid): return sigmoid.probability(m)
        case .identity: return min(max(m, 0), 1)
        }
    }
}

/// The explainer that fits a model: TreeSHAP for tree models, exact linear contributions for linear
/// ones. Contributions are in the model's margin space and add up, with `expectedValue`, to
/// `predictMargins` for every customer.
public struct ModelExplainer: Sendable {
    /// The explanation method.
    public enum Method: Sendable {
        case tree(TreeExplainer)
        case linear(LinearExplainer)
    }

    /// The method in use.
    public let method: Method
    /// Margin → probability.
    public let link: MarginLink

    /// An explainer for a tree-ensemble margin with the given link.
    public init(tree: TreeExplainer, link: MarginLink = .logistic) {
        method = .tree(tree)
        self.link = link
    }

    /// An explainer for a linear margin with the given link.
    public init(linear: LinearExplainer, link: MarginLink = .logistic) {
        method = .linear(linear)
        self.link = link
    }

    /// The explainer for a fitted model. Throws for families without exact explanations (naive Bayes,
    /// blends) and for unfitted models; other tree ensembles use `init(tree:link:)` with
    /// `TreeExplainer(trees:weights:base:featureNames:categoryLevels:)`.
    public init(model: any Classifier) throws {
        switch model {
        case let m as GradientBoosting: self.init(tree: try TreeExplainer(m))
        case let m as DecisionTree: self.init(tree: try TreeExplainer(m))
        case let m as RandomForest: self.init(tree: try TreeExplainer(m), link: .identity)
        case let m as LogisticRegression: self.init(linear: try LinearExplainer(m))
        case let m as LinearSVM: self.init(linear: try LinearExplainer(m), link: .platt(m.platt))
        default:
            throw ExplainError("Per-feature explanations are not available for \(model.family.rawValue) models; "
                + "use a logistic regression, linear SVM, decision tree, forest or gradient-boosting model.")
        }
    }

    /// Feature names, in the model's order.
    public var featureNames: [String] {
        switch method {
        case .tree(let e): return e.featureNames
        case .linear(let e): return e.featureNames
        }
    }

    /// The expected margin.
    public var expectedValue: Double {
        switch method {
        case .tree(let e): return e.expectedValue
        case .linear(let e): return e.expectedValue
        }
    }

    /// Contributions for one customer's feature values (one per feature, NaN = missing).
    public func contributions(row: [Double]) throws -> [Double] {
        switch method {
        case .tree(let e): return try e.contributions(row: row)
        case .linear(let e): return try e.contributions(row: row)
        }
    }

    /// Contributions for every row of `x` (or only `rows`).
    public func shapValues(_ x: TrainingMatrix, rows: [Int]? = nil, parallel: Bool = true,
                           control: TrainingControl = .none) throws -> ShapValues {
        switch method {
        case .tree(let e): return try e.shapValues(x, rows: rows, parallel: parallel, control: control)
        case .linear(let e): return try e.shapValues(x, rows: rows)
        }
    }
}
