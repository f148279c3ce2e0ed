/// Exact contributions for linear models (logistic regression, linear SVM) in their margin space.
///
/// Both models score b + Σ_f β_f/s_f · (x_f − m_f), with m_f and s_f the training mean and standard
/// deviation (`Standardizer`) and a missing value counting as the mean. Feature f contributes
/// β_f/s_f · (x_f − m_f) (0 when missing), and the expected value is b, the margin of a customer at
/// the training means, so expected value + contributions equals `predictMargins` exactly. (These are
/// the Shapley values of a linear model with independent features and the training means as baseline.)
public struct LinearExplainer: Sendable {
    /// Feature names, in the model's order.
    public let featureNames: [String]
    /// Change of the margin per unit of each feature (β_f / s_f).
    public let slopes: [Double]
    /// The training mean of each feature (the baseline value).
    public let means: [Double]
    /// The margin at the means.
    public let expectedValue: Double

    /// An explainer of b + Σ slopes_f · (x_f − means_f).
    public init(featureNames: [String], slopes: [Double], means: [Double], expectedValue: Double) throws {
        guard slopes.count == featureNames.count, means.count == featureNames.count else {
            throw ExplainError("a linear explainer needs one slope and one mean per feature (\(featureNames.count) features, "
                + "\(slopes.count) slopes, \(means.count) means).")
        }
        self.featureNames = featureNames
        self.slopes = slopes
        self.means = means
        self.expectedValue = expectedValue
    }

    /// Explains a fitted logistic regression's log-odds.
    public init(_ model: LogisticRegression) throws {
        guard model.isFitted else { throw ExplainError("The logistic regression is not fitted; train it before explaining it.") }
        try self.init(featureNames: model.featureNames,
                      slopes: zip(model.coefficientsPerStd, model.standardizer.scales).map { $0 / $1 },
                      means: model.standardizer.means, expectedValue: model.interceptStandardized)
    }

    /// Explains a fitted linear SVM's decision function (the margin its Platt sigmoid maps to a probability).
    public init(_ model: LinearSVM) throws {
        guard model.isFitted else { throw ExplainError("The linear SVM is not fitted; train it before explaining it.") }
        try self.init(featureNames: model.featureNames,
                      slopes: zip(model.coefficientsPerStd, model.standardizer.scales).map { $0 / $1 },
                      means: model.standardizer.means, expectedValue: model.interceptStandardized)
    }

    /// The contribution of each feature for one customer's values (NaN = missing, contributes 0).
    public func contributions(row: [Double]) throws -> [Double] {
        guard row.count == featureNames.count else {
            throw ExplainError("\(row.count) feature values for a model with \(featureNames.count) features.")
        }
        return (0..<row.count).map { f in
            let v = row[f]
            return v.isNaN || slopes[f] == 0 ? 0 : slopes[f] * (v - means[f])
        }
    }

    /// Contributions for every row of `x` (or only `rows`).
    public func shapValues(_ x: TrainingMatrix, rows: [Int]? = nil) throws -> ShapValues {
        guard x.names == featureNames else {
            throw ExplainError("the model expects the features \(featureNames.prefix(5).joined(separator: ", "))...; the data has different features.")
        }
        let selected = rows ?? Array(0..<x.rows)
        if let bad = selected.first(where: { $0 < 0 || $0 >= x.rows }) {
            throw ExplainError("row \(bad) is outside the data (\(x.rows) rows).")
        }
        let n = featureNames.count
        var values = [Double](repeating: 0, count: selected.count * n)
        for f in 0..<n where slopes[f] != 0 {
            let slope = slopes[f], mean = means[f]
            let column = x.columns[f]
            for (r, i) in selected.enumerated() {
                let v = column[i]
                if !v.isNaN { values[r * n + f] = slope * (v - mean) }
            }
        }
        return ShapValues(featureNames: featureNames, expectedValue: expectedValue, rows: selected.count, values: values)
    }
}
