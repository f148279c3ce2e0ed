import Foundation

/// Penalised logistic regression with standardisation inside the model.
///
/// Fitting standardises every feature with statistics of the training rows only (see `Standardizer`):
/// missing values (NaN) are imputed with the training mean, constant features standardise to zero and
/// get coefficient 0. The statistics are unweighted (sample and class weights do not move them), as a
/// scikit-learn `StandardScaler` fitted without weights. No missing-value indicator is added here; the
/// training pipeline adds indicator columns when it wants them.
///
/// The objective matches scikit-learn's `LogisticRegression` on standardised features, so `c` means the
/// same as scikit-learn's `C` (inverse regularisation strength, multiplying the sum of row losses):
///
///     minimise  C · Σᵢ wᵢ·logloss(yᵢ, b₀ + zᵢ·β)  +  (1−ρ)/2·‖β‖²  +  ρ·‖β‖₁
///
/// with ρ = 0 for `.l2`, 1 for `.l1`, the given ratio for `.elasticNet` and no penalty for `.none`.
/// The intercept b₀ is not penalised. wᵢ are the sample weights, times the class weights when
/// `classWeight` is `.balanced` (wᵢ·W / (2·W_class), W the total weight, as scikit-learn computes them).
///
/// Solvers: Newton's method with line search for L2 and no penalty; proximal Newton with coordinate
/// descent (glmnet style) for L1 and elastic net. Both stop when the optimality conditions hold to
/// `tolerance` (on the objective divided by C·W) and say whether they did via `converged`.
public struct LogisticRegression: Classifier {
    /// The penalty on the coefficients.
    public enum Penalty: Codable, Sendable, Equatable {
        /// No penalty (may not converge when the classes are separable).
        case none
        /// Ridge: ½‖β‖².
        case l2
        /// Lasso: ‖β‖₁ (drives weak coefficients to exactly zero).
        case l1
        /// (1−ρ)/2·‖β‖² + ρ·‖β‖₁ with ρ = `l1Ratio` in [0, 1].
        case elasticNet(l1Ratio: Double)

        /// The L1 share ρ of the penalty.
        public var l1Ratio: Double {
            switch self {
            case .none, .l2: return 0
            case .l1: return 1
            case .elasticNet(let ratio): return ratio
            }
        }

        /// A short name for logs.
        public var name: String {
            switch self {
            case .none: return "no penalty"
            case .l2: return "L2"
            case .l1: return "L1"
            case .elasticNet(let ratio): return "elastic net \(ratio)"
            }
        }
    }

    /// How the two classes are weighted.
    public enum ClassWeight: String, Codable, Sendable, Equatable {
        /// Every row counts with its sample weight.
        case none
        /// Rows are re-weighted so both classes carry the same total weight (scikit-learn's "balanced").
        case balanced
    }

    public var family: ModelFamily { .logreg }

    // Settings.
    /// The penalty.
    public var penalty: Penalty
    /// Inverse regularisation strength, as scikit-learn's `C` (> 0; larger means weaker penalty).
    public var c: Double
    /// Class weighting.
    public var classWeight: ClassWeight
    /// Largest allowed violation of the optimality conditions at the solution, measured on the objective
    /// divided by C·W (W the total row weight): the largest absolute gradient entry for L2, the
    /// subgradient distance from zero for L1 and elastic net.
    public var tolerance: Double
    /// Most solver iterations (Newton or outer proximal-Newton steps).
    public var maxIterations: Int

    // Fitted state.
    /// Whether `fit` (or `decode`) has produced coefficients.
    public internal(set) var isFitted = false
    /// Feature names seen in fit, in order.
    public internal(set) var featureNames: [String] = []
    /// Standardisation fitted on the training rows.
    public internal(set) var standardizer = Standardizer(means: [], scales: [])
    /// Change in log-odds for a one-standard-deviation increase of each feature.
    public internal(set) var coefficientsPerStd: [Double] = []
    /// Log-odds when every feature is at its training mean.
    public internal(set) var interceptStandardized: Double = 0
    /// Solver iterations used by the last fit.
    public internal(set) var iterations: Int = 0
    /// Whether the last fit met `tolerance` within `maxIterations`.
    public internal(set) var converged: Bool = false
    /// Largest violation of the optimality conditions at the solution (scaled objective).
    public internal(set) var optimality: Double = .nan
    /// The minimised objective in scikit-learn's scale: C·Σ wᵢℓᵢ + penalty.
    public internal(set) var objectiveValue: Double = .nan

    /// A model with the given settings, not yet fitted.
    public init(penalty: Penalty = .l2, c: Double = 1.0, classWeight: ClassWeight = .none,
                tolerance: Double = 1e-8, maxIterations: Int = 100) {
        self.penalty = penalty
        self.c = c
        self.classWeight = classWeight
        self.tolerance = tolerance
        self.maxIterations = maxIterations
    }


    /// Change in log-odds for a one-unit increase of each feature, in the feature's original units.
    public var coefficientsOriginalUnits: [Double] {
        zip(coefficientsPerStd, standardizer.scales).map { $0 / $1 }
    }

    /// Log-odds when every feature is 0, in original units.
    public var intercept: Double {
        var b = interceptStandardized
        for j in coefficientsPerStd.indices { b -= coefficientsPerStd[j] * standardizer.means[j] / standardizer.scales[j] }
        return b
    }

    // MARK: Fit

    public mutating func fit(_ x: TrainingMatrix, labels: [Double], weights: [Double]?, control: TrainingControl) throws {
        try checkSettings()
        let rowWeights = try Self.checkInput(x, labels: labels, weights: weights)
        let effective = classWeight == .balanced ? Self.balanced(rowWeights, labels: labels) : rowWeights
        try control.checkCancelled()
        let standardizer = Standardizer(fitting: x)
        var total = 0.0
        for w in effective { total += w }
        let alpha: Double
        if case .none = penalty { alpha = 0 } else { alpha = 1 / (c * total) }
        let problem = LogisticProblem(x: x, standardizer: standardizer, labels: labels, weights: effective,
                                      alpha: alpha, l1Ratio: penalty.l1Ratio)
        let label = "logistic regression (\(penalty.name), C=\(c))"
        let solution = try problem.solve(tolerance: tolerance, maxIterations: maxIterations, control: control, label: label)

        featureNames = x.names
        self.standardizer = standardizer
        coefficientsPerStd = solution.coefficients
        interceptStandardized = solution.intercept
        iterations = solution.iterations
        converged = solution.converged
        optimality = solution.optimality
        objectiveValue = solution.objective * c * total
        isFitted = true
        if converged {
            control.report("\(label): converged after \(iterations) iterations (optimality \(LogisticProblem.short(optimality)))")
        } else {
            control.report("\(label): did NOT converge after \(iterations) iterations (optimality \(LogisticProblem.short(optimality)) "
                + "> tolerance \(LogisticProblem.short(tolerance))); the coefficients may be imprecise. "
                + "Allow more iterations or use a stronger penalty (smaller C).")
        }
    }

    private func checkSettings() throws {
        guard c > 0, c.isFinite else { throw TrainingError.shapeMismatch("C must be a positive number, got \(c)") }
        let ratio = penalty.l1Ratio
        guard ratio >= 0, ratio <= 1 else { throw TrainingError.shapeMismatch("the elastic-net L1 ratio must be between 0 and 1, got \(ratio)") }
        guard tolerance > 0, maxIterations >= 1 else {
            throw TrainingError.shapeMismatch("the tolerance must be positive and the iteration limit at least 1")
        }
    }

    /// Validates the training input and returns the row weights (all 1 when none are given).
    static func checkInput(_ x: TrainingMatrix, labels: [Double], weights: [Double]?) throws -> [Double] {
        guard x.rows > 0 else { throw TrainingError.shapeMismatch("there are no rows to train on") }
        guard labels.count == x.rows else {
            throw TrainingError.shapeMismatch("\(labels.count) labels for \(x.rows) rows")
        }
        if let weights, weights.count != x.rows {
            throw TrainingError.shapeMismatch("\(weights.count) weights for \(x.rows) rows")
        }
        for (i, label) in labels.enumerated() where label != 0 && label != 1 {
            throw TrainingError.shapeMismatch("label of row \(i + 1) is \(label); labels must be 0 or 1")
        }
        let rowWeights = weights ?? [Double](repeating: 1, count: x.rows)
        for (i, w) in rowWeights.enumerated() where !(w >= 0 && w.isFinite) {
            throw TrainingError.shapeMismatch("weight of row \(i + 1) is \(w); weights must be finite and not negative")
        }
        var positive = 0.0, negative = 0.0
        for i in 0..<x.rows { if labels[i] == 1 { positive += rowWeights[i] } else { negative += rowWeights[i] } }
        if positive == 0 || negative == 0 { throw TrainingError.oneClass(label: positive == 0 ? 0 : 1) }
        for j in 0..<x.featureCount {
            let infinite = x.columns[j].withUnsafeBufferPointer { col -> Int? in
                for i in 0..<col.count where col[i].isInfinite { return i }
                return nil
            }
            if let row = infinite { throw TrainingError.nonFinite(feature: x.names[j], row: row, value: x.columns[j][row]) }
        }
        if x.featureCount > 0 {
            if (0..<x.featureCount).allSatisfy({ Standardizer.isConstant($0, in: x) }) { throw TrainingError.allFeaturesConstant }
        }
        return rowWeights
    }

    /// Multiplies each row weight by W / (2·W_class), W the total weight and W_class its class's weight.
    static func balanced(_ weights: [Double], labels: [Double]) -> [Double] {
        var positive = 0.0, negative = 0.0
        for i in weights.indices { if labels[i] == 1 { positive += weights[i] } else { negative += weights[i] } }
        let total = positive + negative
        let positiveFactor = total / (2 * positive), negativeFactor = total / (2 * negative)
        return weights.indices.map { weights[$0] * (labels[$0] == 1 ? positiveFactor : negativeFactor) }
    }

    // MARK: Predict

    /// Log-odds of churn for every row. Missing values count as the training mean; features are
    /// matched by position (the caller ensures the same feature order, see `checkCompatible`).
    public func predictMargins(_ x: TrainingMatrix) -> [Double] {
        precondition(x.featureCount == coefficientsPerStd.count,
                     "logistic regression fitted on \(coefficientsPerStd.count) features, asked to score \(x.featureCount)")
        var margins = [Double](repeating: interceptStandardized, count: x.rows)
        margins.withUnsafeMutableBufferPointer { out in
            for j in 0..<x.featureCount where coefficientsPerStd[j] != 0 {
                let weight = coefficientsPerStd[j] / standardizer.scales[j]
                let mean = standardizer.means[j]
                x.columns[j].withUnsafeBufferPointer { col in
                    for i in 0..<x.rows {
                        let value = col[i]
                        if !value.isNaN { out[i] += weight * (value - mean) }
                    }
                }
            }
        }
        return margins
    }

    /// Probability of churn for every row: the logistic function of `predictMargins`.
    public func predictProbabilities(_ x: TrainingMatrix) -> [Double] {
        predictMargins(x).map(LogisticKernels.sigmoid)
    }

    /// Throws `TrainingError.shapeMismatch` unless `x` has the features this model was fitted on, in order.
    public func checkCompatible(_ x: TrainingMatrix) throws {
        guard x.names == featureNames else {
            let missing = featureNames.filter { !x.names.contains($0) }
            let detail = missing.isEmpty ? "the features are in a different order" : "missing feature(s) \(missing.prefix(5).joined(separator: ", "))"
            throw TrainingError.shapeMismatch("the logistic regression expects \(featureNames.count) features; \(detail)")
        }
    }
}
