import Foundation

/// Gaussian naive Bayes: a cheap baseline that models each feature, within each class, as an
/// independent normal distribution.
///
/// Matches scikit-learn's `GaussianNB` on complete data: class priors are the classes' shares of the
/// total row weight, per-class means and variances are weighted (population variance, divide by the
/// weight), and every variance is increased by `varianceSmoothing` times the largest (unweighted,
/// population) variance of any feature over all rows, as scikit-learn's `var_smoothing`.
///
/// Missing values (NaN) are ignored feature by feature: statistics use the rows where the feature is
/// present, and at prediction time a missing feature adds nothing to either class's log-likelihood
/// (it is integrated out). A feature with no present value in one of the classes is ignored entirely.
/// `classWeight: .balanced` gives both classes equal total weight, i.e. equal priors.
public struct GaussianNaiveBayes: Classifier {
    /// How the two classes are weighted (the same choice as logistic regression's).
    public typealias ClassWeight = LogisticRegression.ClassWeight

    public var family: ModelFamily { .naiveBayes }

    // Settings.
    /// Share of the largest feature variance added to every variance (scikit-learn's `var_smoothing`).
    public var varianceSmoothing: Double
    /// Class weighting (`.balanced` makes the class priors equal).
    public var classWeight: ClassWeight

    // Fitted state.
    /// Whether `fit` (or `decode`) has produced a model.
    public internal(set) var isFitted = false
    /// Feature names seen in fit, in order.
    public internal(set) var featureNames: [String] = []
    /// Prior probability of class 0 and class 1.
    public internal(set) var classPriors: [Double] = []
    /// Per-class feature means: `means[c][j]`.
    public internal(set) var means: [[Double]] = []
    /// Per-class feature variances including the smoothing: `variances[c][j]`.
    public internal(set) var variances: [[Double]] = []
    /// The amount added to every variance.
    public internal(set) var epsilon: Double = 0
    /// Whether each feature takes part in predictions (false when a class has no present value of it).
    public internal(set) var usedFeatures: [Bool] = []

    /// A model with the given settings, not yet fitted.
    public init(varianceSmoothing: Double = 1e-9, classWeight: ClassWeight = .none) {
        self.varianceSmoothing = varianceSmoothing
        self.classWeight = classWeight
    }

    // MARK: Fit

    public mutating func fit(_ x: TrainingMatrix, labels: [Double], weights: [Double]?, control: TrainingControl) throws {
        guard varianceSmoothing >= 0, varianceSmoothing.isFinite else {
            throw TrainingError.shapeMismatch("the variance smoothing must be a finite number >= 0, got \(varianceSmoothing)")
        }
        let rowWeights = try LogisticRegression.checkInput(x, labels: labels, weights: weights)
        let w = classWeight == .balanced ? LogisticRegression.balanced(rowWeights, labels: labels) : rowWeights
        let n = x.rows, d = x.featureCount
        var classTotals = [0.0, 0.0]
        for i in 0..<n { classTotals[labels[i] > 0.5 ? 1 : 0] += w[i] }
        var means = [[Double]](repeating: [Double](repeating: 0, count: d), count: 2)
        var variances = means
        var used = [Bool](repeating: true, count: d)
        var largestVariance = 0.0
        for j in 0..<d {
            try control.checkCancelled()
            x.columns[j].withUnsafeBufferPointer { col in
                labels.withUnsafeBufferPointer { y in
                    w.withUnsafeBufferPointer { w in
                        // Unweighted population variance of the present values over all rows (for epsilon).
                        var count = 0.0, sum = 0.0
                        for i in 0..<n where !col[i].isNaN { count += 1; sum += col[i] }
                        if count > 0 {
                            let mean = sum / count
                            var squares = 0.0
                            for i in 0..<n where !col[i].isNaN { let e = col[i] - mean; squares += e * e }
                            largestVariance = max(largestVariance, squares / count)
                        }
                        // Weighted per-class mean and variance of the present values.
                        var weight = [0.0, 0.0], weighted = [0.0, 0.0]
                        for i in 0..<n where !col[i].isNaN {
                            let c = y[i] > 0.5 ? 1 : 0
                            weight[c] += w[i]; weighted[c] += w[i] * col[i]
                        }
                        guard weight[0] > 0, weight[1] > 0 else { used[j] = false; return }
                        let mu = [weighted[0] / weight[0], weighted[1] / weight[1]]
                        var squares = [0.0, 0.0]
                        for i in 0..<n where !col[i].isNaN {
                            let c = y[i] > 0.5 ? 1 : 0
                            let e = col[i] - mu[c]
                            squares[c] += w[i] * e * e
                        }
                        for c in 0..<2 { means[c][j] = mu[c]; variances[c][j] = squares[c] / weight[c] }
                    }
                }
            }
        }
        let epsilon = varianceSmoothing * largestVariance
        for c in 0..<2 { for j in 0..<d { variances[c][j] += epsilon } }
        // A feature constant within both classes with no smoothing has zero variance: it cannot be scored.
        for j in 0..<d where used[j] && !(variances[0][j] > 0 && variances[1][j] > 0) { used[j] = false }

        featureNames = x.names
        classPriors = [classTotals[0] / (classTotals[0] + classTotals[1]), classTotals[1] / (classTotals[0] + classTotals[1])]
        self.means = means
        self.variances = variances
        self.epsilon = epsilon
        usedFeatures = used
        isFitted = true
        control.report("naive Bayes: fitted on \(n) rows, \(used.filter { $0 }.count) of \(d) features used")
    }

    // MARK: Predict

    /// Log-odds of churn for every row: log P(1|x) − log P(0|x) under the model.
    public func predictMargins(_ x: TrainingMatrix) -> [Double] {
        precondition(x.featureCount == usedFeatures.count,
                     "naive Bayes fitted on \(usedFeatures.count) features, asked to score \(x.featureCount)")
        let n = x.rows
        var margins = [Double](repeating: log(classPriors[1]) - log(classPriors[0]), count: n)
        margins.withUnsafeMutableBufferPointer { out in
            for j in 0..<x.featureCount where usedFeatures[j] {
                let m0 = means[0][j], m1 = means[1][j]
                let h0 = 0.5 / variances[0][j], h1 = 0.5 / variances[1][j]
                // −½log(2πv₁) + ½log(2πv₀)
                let constant = 0.5 * (log(variances[0][j]) - log(variances[1][j]))
                x.columns[j].withUnsafeBufferPointer { col in
                    for i in 0..<n {
                        let v = col[i]
                        if v.isNaN { continue }
                        let e0 = v - m0, e1 = v - m1
                        out[i] += constant - h1 * e1 * e1 + h0 * e0 * e0
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

    // MARK: Codec

    /// The newest format version this build writes and reads.
    public static let formatVersion = 1

    struct Payload: Codable {
        var varianceSmoothing: Double
        var classWeight: ClassWeight
        var isFitted: Bool
        var featureNames: [String]
        var classPriors: [Double]
        var means: [[Double]]
        var variances: [[Double]]
        var epsilon: Double
        var usedFeatures: [Bool]
    }

    /// The model as a versioned JSON document (see `ModelCodec`); decoding it gives identical predictions.
    public func encoded() throws -> Data {
        try ModelCodec.encode(Payload(varianceSmoothing: varianceSmoothing, classWeight: classWeight, isFitted: isFitted,
                                      featureNames: featureNames, classPriors: classPriors, means: means,
                                      variances: variances, epsilon: epsilon, usedFeatures: usedFeatures),
                              family: .naiveBayes, formatVersion: Self.formatVersion)
    }

    /// Reads a model written by `encoded()`. Throws `TrainingError.unsupportedFormat` for another
    /// family, a newer format version, or damaged or inconsistent contents.
    public static func decode(_ data: Data) throws -> GaussianNaiveBayes {
        let p = try ModelCodec.decode(Payload.self, from: data, family: .naiveBayes, supportedVersion: formatVersion).payload
        func damaged(_ what: String) -> TrainingError { .unsupportedFormat("the naive-bayes model file is damaged: \(what)") }
        let d = p.featureNames.count
        guard p.usedFeatures.count == d, p.means.count == 2, p.variances.count == 2,
              p.means.allSatisfy({ $0.count == d }), p.variances.allSatisfy({ $0.count == d }) else {
            throw damaged("the per-class statistics do not match the \(d) feature names")
        }
        guard p.classPriors.count == 2, p.classPriors.allSatisfy({ $0 > 0 && $0 < 1 }) else {
            throw damaged("the class priors are not two probabilities between 0 and 1")
        }
        for j in 0..<d where p.usedFeatures[j] {
            guard p.means[0][j].isFinite, p.means[1][j].isFinite, p.variances[0][j] > 0, p.variances[1][j] > 0,
                  p.variances[0][j].isFinite, p.variances[1][j].isFinite else {
                throw damaged("feature '\(p.featureNames[j])' has a non-finite mean or a variance that is not positive")
            }
        }
        var model = GaussianNaiveBayes(varianceSmoothing: p.varianceSmoothing, classWeight: p.classWeight)
        model.isFitted = p.isFitted
        model.featureNames = p.featureNames
        model.classPriors = p.classPriors
        model.means = p.means
        model.variances = p.variances
        model.epsilon = p.epsilon
        model.usedFeatures = p.usedFeatures
        return model
    }
}
