import Foundation

/// A linear support vector machine (L2 penalty, hinge or squared-hinge loss) with standardisation
/// inside the model and Platt-scaled probabilities.
///
/// **Objective.** On standardised features z (see `Standardizer`: training statistics only, missing
/// values imputed with the training mean) the model minimises, like scikit-learn's `LinearSVC` with
/// `dual=True` and the same `C`:
///
///     ½‖β‖² + ½β₀²  +  Σᵢ Cᵢ·ℓ(yᵢ·(z̃ᵢ·(β, β₀)))        Cᵢ = C·wᵢ,  yᵢ ∈ {−1, +1}
///
/// with ℓ(m) = max(0, 1 − m) (`.hinge`) or max(0, 1 − m)² (`.squaredHinge`), and wᵢ the sample weights,
/// times the class weights with `.balanced` (wᵢ·W/(2·W_class), as scikit-learn).
///
/// **Solvers.** `.dual` is dual coordinate descent (`LinearSVMDual`, as LIBLINEAR and `LinearSVC(dual=True)`)
/// with a seeded random order per epoch; it handles both losses but needs many epochs when rows far
/// outnumber features and C is not small (measured: 1000 epochs on 100,000 × 40 at C = 1 without
/// meeting tolerance 1e-4, as LIBLINEAR itself). `.primal` is Newton's method on the primal
/// (`LinearSVMPrimal`, squared hinge only, like `LinearSVC(dual=False)`), a handful of iterations of
/// O(n·d²) each. `.automatic` (the default) follows scikit-learn's `dual="auto"`: primal for the squared
/// hinge when rows outnumber features, dual otherwise. Both minimise the same objective.
///
/// **Intercept.** As in LIBLINEAR (and so `LinearSVC`), the intercept comes from a constant column equal
/// to `interceptScaling` appended to z̃, so it *is* regularised: the decision function is
/// b + z·β with b = β₀·`interceptScaling` and the penalty includes ½β₀². Features are centred by the
/// standardisation, so the penalty only pulls the intercept towards 0 when the classes are imbalanced,
/// and a larger `interceptScaling` weakens that pull. (An unregularised intercept would need the
/// equality constraint Σyᵢαᵢ = 0 in the dual, which single-coordinate descent cannot keep.)
///
/// **Probabilities.** `predictMargins` is the decision function b + z·β (positive means churn).
/// `predictProbabilities` maps it through a Platt sigmoid fitted, like LIBSVM's `-b 1` and scikit-learn's
/// `CalibratedClassifierCV(method="sigmoid", ensemble=False)`, on cross-validated decision values:
/// the training rows are split into `probabilityFolds` stratified folds (seeded), an SVM with the same
/// settings is fitted on each fold's other rows (with its own standardisation) and scores the fold,
/// and the sigmoid is fitted on those out-of-fold values with the sample weights only (class weights
/// are not applied, so the probabilities estimate the real churn rate). The final model is then fitted
/// on all rows. The number of folds is lowered to the count of the rarer class (rows with positive
/// weight) when that is smaller; with fewer than 2 such rows, or when some fold's training rows would
/// carry no weight of one class, the sigmoid is fitted on the final model's own decision values
/// instead, and `probabilitySource` says so.
public struct LinearSVM: Classifier {
    /// The loss on margin violations.
    public enum Loss: String, Codable, Sendable, CaseIterable {
        /// max(0, 1 − y·f) (L1-loss SVM, scikit-learn's `loss="hinge"`).
        case hinge
        /// max(0, 1 − y·f)² (L2-loss SVM, scikit-learn's default `loss="squared_hinge"`).
        case squaredHinge = "squared-hinge"
    }

    /// How the two classes are weighted (the same choice as logistic regression's).
    public typealias ClassWeight = LogisticRegression.ClassWeight

    /// Which optimisation method fits the model.
    public enum Solver: String, Codable, Sendable, CaseIterable {
        /// Primal Newton for the squared hinge when rows outnumber features, dual descent otherwise.
        case automatic
        /// Dual coordinate descent (both losses).
        case dual
        /// Primal Newton (squared hinge only).
        case primal
    }

    /// Where the Platt sigmoid's training scores came from.
    public enum ProbabilitySource: String, Codable, Sendable {
        /// Out-of-fold decision values from internal cross-validation (the normal case).
        case crossValidated = "cross-validated"
        /// The final model's own decision values on its training rows (too few rows to cross-validate;
        /// probabilities are then over-confident).
        case inSample = "in-sample"
    }

    public var family: ModelFamily { .svm }

    // Settings.
    /// The loss.
    public var loss: Loss
    /// Cost of margin violations, as scikit-learn's `C` (> 0; larger means weaker regularisation).
    public var c: Double
    /// Class weighting.
    public var classWeight: ClassWeight
    /// Whether to fit an intercept (through the constant column, see the type's documentation).
    public var fitIntercept: Bool
    /// The constant column's value (scikit-learn's `intercept_scaling`, > 0).
    public var interceptScaling: Double
    /// The optimisation method.
    public var solver: Solver
    /// Stopping tolerance, as scikit-learn's `tol`: for the dual solver the largest spread of the projected
    /// gradient over an epoch; for the primal solver the gradient norm relative to min(N₊, N₋)/n times
    /// its value at w = 0.
    public var tolerance: Double
    /// Most epochs (dual: passes over the rows) or Newton iterations (primal) per fit (scikit-learn's `max_iter`).
    public var maxIterations: Int
    /// Whether to set aside rows stuck at a bound (faster; the same solution).
    public var shrinking: Bool
    /// Seed of the coordinate order and of the internal probability folds.
    public var seed: UInt64
    /// Internal cross-validation folds for the Platt sigmoid (at least 2).
    public var probabilityFolds: Int

    // Fitted state.
    /// Whether `fit` (or `decode`) has produced a model.
    public internal(set) var isFitted = false
    /// Feature names seen in fit, in order.
    public internal(set) var featureNames: [String] = []
    /// Standardisation fitted on the training rows.
    public internal(set) var standardizer = Standardizer(means: [], scales: [])
    /// Change of the decision function for a one-standard-deviation increase of each feature.
    public internal(set) var coefficientsPerStd: [Double] = []
    /// Decision function when every feature is at its training mean.
    public internal(set) var interceptStandardized: Double = 0
    /// The sigmoid from decision values to probabilities.
    public internal(set) var platt = PlattScaling(a: -1, b: 0)
    /// Where the sigmoid's training scores came from.
    public internal(set) var probabilitySource: ProbabilitySource = .crossValidated
    /// The solver the final fit used (`.dual` or `.primal`, never `.automatic`).
    public internal(set) var solverUsed: Solver = .dual
    /// Epochs (dual) or Newton iterations (primal) used by the final fit.
    public internal(set) var iterations: Int = 0
    /// Whether the final fit met `tolerance` within `maxIterations`.
    public internal(set) var converged = false
    /// Whether every internal probability fit converged too.
    public internal(set) var probabilityFitsConverged = true
    /// The final fit's stopping measure, compared with `tolerance` (see there).
    public internal(set) var optimality: Double = .nan
    /// The primal objective of the final fit in scikit-learn's scale.
    public internal(set) var objectiveValue: Double = .nan
    /// Primal minus dual objective of the final fit (≥ 0; 0 at the exact optimum). NaN for the primal solver.
    public internal(set) var dualityGap: Double = .nan
    /// Training rows with a non-zero dual variable (dual) or a margin violation (primal) in the final fit.
    public internal(set) var supportVectors: Int = 0

    /// A model with the given settings, not yet fitted. Defaults follow scikit-learn's `LinearSVC`.
    public init(loss: Loss = .squaredHinge, c: Double = 1.0, classWeight: ClassWeight = .none,
                fitIntercept: Bool = true, interceptScaling: Double = 1, solver: Solver = .automatic, tolerance: Double = 1e-4,
                maxIterations: Int = 1000, shrinking: Bool = true, seed: UInt64 = 0, probabilityFolds: Int = 5) {
        self.loss = loss
        self.c = c
        self.classWeight = classWeight
        self.fitIntercept = fitIntercept
        self.interceptScaling = interceptScaling
        self.solver = solver
        self.tolerance = tolerance
        self.maxIterations = maxIterations
        self.shrinking = shrinking
        self.seed = seed
        self.probabilityFolds = probabilityFolds
    }

    /// Change of the decision function for a one-unit increase of each feature, in original units.
    public var coefficientsOriginalUnits: [Double] {
        zip(coefficientsPerStd, standardizer.scales).map { $0 / $1 }
    }

    /// Decision function when every feature is 0, in original units.
    public var intercept: Double {
        var b = interceptStandardized
        for j in coefficientsPerStd.indices { b -= coefficientsPerStd[j] * standardizer.means[j] / standardizer.scales[j] }
        return b
    }

    // MARK: Fit

    /// One solved SVM: its standardisation, coefficients, intercept and solver outcome.
    struct Fitted {
        var standardizer: Standardizer
        var coefficients: [Double]
        var intercept: Double
        var solution: LinearSVMDual.Solution
    }

    public mutating func fit(_ x: TrainingMatrix, labels: [Double], weights: [Double]?, control: TrainingControl) throws {
        try checkSettings()
        let rowWeights = try LogisticRegression.checkInput(x, labels: labels, weights: weights)
        try control.checkCancelled()
        let used = resolvedSolver(rows: x.rows, features: x.featureCount)
        let unit = used == .dual ? "epochs" : "Newton iterations"
        let label = "linear SVM (\(loss.rawValue), C=\(c), \(used.rawValue) solver)"

        // Out-of-fold decision values for the Platt sigmoid.
        var positives = 0, negatives = 0
        for i in 0..<x.rows where rowWeights[i] > 0 { if labels[i] > 0.5 { positives += 1 } else { negatives += 1 } }
        let k = min(probabilityFolds, positives, negatives)
        var outOfFold: [Double]?
        var foldsConverged = true
        var splits: [(training: [Int], validation: [Int])] = []
        if k >= 2 {
            splits = StratifiedKFold.splits(folds: try StratifiedKFold.folds(labels: labels, k: k, seed: seed), k: k)
            // Every fold's training rows need weight in both classes (zero weights can cluster by chance).
            let usable = splits.allSatisfy { split in
                var positive = 0.0, negative = 0.0
                for i in split.training { if labels[i] > 0.5 { positive += rowWeights[i] } else { negative += rowWeights[i] } }
                return positive > 0 && negative > 0
            }
            if !usable { splits = [] }
        }
        if !splits.isEmpty {
            var values = [Double](repeating: 0, count: x.rows)
            for (f, split) in splits.enumerated() {
                control.report("\(label): probability fold \(f + 1) of \(splits.count)")
                let trainLabels = split.training.map { labels[$0] }
                let trainWeights = split.training.map { rowWeights[$0] }
                let part = try solve(x.subset(split.training), labels: trainLabels, rowWeights: trainWeights,
                                     seed: SeededRandom.derivedSeed(seed, stream: UInt64(f + 1)), control: control)
                foldsConverged = foldsConverged && part.solution.converged
                let scores = Self.decision(x.subset(split.validation), standardizer: part.standardizer,
                                           coefficients: part.coefficients, intercept: part.intercept)
                for (position, i) in split.validation.enumerated() { values[i] = scores[position] }
            }
            outOfFold = values
        }

        let final = try solve(x, labels: labels, rowWeights: rowWeights, seed: seed, control: control)
        let inSample = outOfFold == nil
            ? Self.decision(x, standardizer: final.standardizer, coefficients: final.coefficients, intercept: final.intercept)
            : []
        let plattScores = outOfFold ?? inSample

        featureNames = x.names
        standardizer = final.standardizer
        coefficientsPerStd = final.coefficients
        interceptStandardized = final.intercept
        platt = PlattScaling.fit(scores: plattScores, labels: labels, weights: rowWeights)
        probabilitySource = outOfFold == nil ? .inSample : .crossValidated
        iterations = final.solution.iterations
        converged = final.solution.converged
        probabilityFitsConverged = foldsConverged
        optimality = final.solution.optimality
        solverUsed = resolvedSolver(rows: x.rows, features: x.featureCount)
        objectiveValue = final.solution.primal
        dualityGap = final.solution.dual.isNaN ? .nan : final.solution.primal - final.solution.dual
        supportVectors = final.solution.supportVectors
        isFitted = true

        if converged {
            control.report("\(label): converged after \(iterations) \(unit) (optimality \(LogisticProblem.short(optimality)), "
                + "\(supportVectors) support vectors)")
        } else {
            control.report("\(label): did NOT converge after \(iterations) \(unit) (optimality "
                + "\(LogisticProblem.short(optimality)) > tolerance \(LogisticProblem.short(tolerance))"
                + (dualityGap.isFinite && objectiveValue > 0 ? ", relative duality gap \(LogisticProblem.short(dualityGap / objectiveValue))" : "")
                + "); "
                + "the coefficients may be imprecise. Allow more iterations, use a smaller C"
                + (loss == .squaredHinge && used == .dual ? " or the primal solver." : "."))
        }
        if !foldsConverged { control.report("\(label): an internal probability fit did not converge; probabilities may be less precise") }
        if probabilitySource == .inSample {
            control.report("\(label): too few rows of the rarer class to cross-validate the probability sigmoid; "
                + "it was fitted on the training rows and may be over-confident")
        }
    }

    /// Standardises `x`, builds the per-row costs and runs the dual solver.
    private func solve(_ x: TrainingMatrix, labels: [Double], rowWeights: [Double], seed: UInt64,
                       control: TrainingControl) throws -> Fitted {
        let effective = classWeight == .balanced ? LogisticRegression.balanced(rowWeights, labels: labels) : rowWeights
        let costs = effective.map { c * $0 }
        let standardizer = Standardizer(fitting: x)
        let bias = fitIntercept ? interceptScaling : nil
        let solution: LinearSVMDual.Solution
        if resolvedSolver(rows: x.rows, features: x.featureCount) == .primal {
            let problem = LinearSVMPrimal(x: x, standardizer: standardizer, labels: labels, costs: costs, bias: bias)
            solution = try problem.solve(tolerance: tolerance, maxIterations: maxIterations, control: control)
        } else {
            let problem = LinearSVMDual(x: x, standardizer: standardizer, labels: labels, costs: costs,
                                        loss: loss == .hinge ? .hinge : .squaredHinge, bias: bias)
            solution = try problem.solve(tolerance: tolerance, maxIterations: maxIterations, shrinking: shrinking,
                                         seed: seed, control: control)
        }
        let d = x.featureCount
        let intercept = fitIntercept ? solution.weights[d] * interceptScaling : 0
        return Fitted(standardizer: standardizer, coefficients: Array(solution.weights.prefix(d)), intercept: intercept,
                      solution: solution)
    }

    /// The solver `.automatic` stands for on data of this shape (scikit-learn's `dual="auto"` rule).
    public func resolvedSolver(rows: Int, features: Int) -> Solver {
        switch solver {
        case .dual, .primal: return solver
        case .automatic: return loss == .squaredHinge && rows > features ? .primal : .dual
        }
    }

    private func checkSettings() throws {
        if solver == .primal && loss == .hinge {
            throw TrainingError.shapeMismatch("the primal solver handles the squared hinge loss only; use the dual solver for the hinge loss")
        }
        guard c > 0, c.isFinite else { throw TrainingError.shapeMismatch("C must be a positive number, got \(c)") }
        guard interceptScaling > 0, interceptScaling.isFinite else {
            throw TrainingError.shapeMismatch("the intercept scaling must be a positive number, got \(interceptScaling)")
        }
        guard tolerance > 0, maxIterations >= 1 else {
            throw TrainingError.shapeMismatch("the tolerance must be positive and the iteration limit at least 1")
        }
        guard probabilityFolds >= 2 else { throw FoldError.tooFewFolds(probabilityFolds) }
    }

    // MARK: Predict

    /// b + z·β for every row of `x`, missing values at the training mean.
    static func decision(_ x: TrainingMatrix, standardizer: Standardizer, coefficients: [Double], intercept: Double) -> [Double] {
        var margins = [Double](repeating: intercept, count: x.rows)
        margins.withUnsafeMutableBufferPointer { out in
            for j in 0..<x.featureCount where coefficients[j] != 0 {
                let weight = coefficients[j] / standardizer.scales[j]
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

    /// The decision function b + z·β for every row (positive means churn; ±1 is the margin boundary).
    /// Missing values count as the training mean; features are matched by position.
    public func predictMargins(_ x: TrainingMatrix) -> [Double] {
        precondition(x.featureCount == coefficientsPerStd.count,
                     "linear SVM fitted on \(coefficientsPerStd.count) features, asked to score \(x.featureCount)")
        return Self.decision(x, standardizer: standardizer, coefficients: coefficientsPerStd, intercept: interceptStandardized)
    }

    /// Probability of churn for every row: the Platt sigmoid of the decision function.
    public func predictProbabilities(_ x: TrainingMatrix) -> [Double] {
        platt.probabilities(predictMargins(x))
    }
}
