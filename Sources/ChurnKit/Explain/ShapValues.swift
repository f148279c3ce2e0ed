/// Additive feature contributions for a set of rows, in the model's margin space.
///
/// For every row, `expectedValue + Σ_f value(row, f)` equals the model's margin (`predictMargins`)
/// for that row, up to rounding.
public struct ShapValues: Sendable {
    /// Feature names, in the model's order.
    public var featureNames: [String]
    /// The model's expected margin (the explanation's starting point).
    public var expectedValue: Double
    /// Number of rows explained.
    public var rows: Int
    /// Row-major contributions: `values[row * featureNames.count + feature]`.
    public var values: [Double]

    public init(featureNames: [String], expectedValue: Double, rows: Int, values: [Double]) {
        precondition(values.count == rows * featureNames.count, "one value per row and feature")
        self.featureNames = featureNames
        self.expectedValue = expectedValue
        self.rows = rows
        self.values = values
    }

    /// Number of features.
    public var featureCount: Int { featureNames.count }

    /// The contribution of `feature` to row `row`'s margin.
    public subscript(row: Int, feature: Int) -> Double { values[row * featureNames.count + feature] }

    /// The contributions of one row, one per feature.
    public func contributions(row: Int) -> [Double] {
        let n = featureNames.count
        return Array(values[(row * n)..<((row + 1) * n)])
    }

    /// expectedValue + Σ contributions, per row: the margin the contributions add up to.
    public func margins() -> [Double] {
        let n = featureNames.count
        return (0..<rows).map { r in
            var sum = expectedValue
            for f in 0..<n { sum += values[r * n + f] }
            return sum
        }
    }

    /// Mean absolute contribution per feature (the usual global SHAP importance).
    public func meanAbsolute() -> [Double] {
        let n = featureNames.count
        var total = [Double](repeating: 0, count: n)
        guard rows > 0 else { return total }
        for r in 0..<rows { for f in 0..<n { total[f] += abs(values[r * n + f]) } }
        return total.map { $0 / Double(rows) }
    }
}
