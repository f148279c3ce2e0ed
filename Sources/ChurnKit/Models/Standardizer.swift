import Foundation

/// Per-feature centring and scaling fitted on training data: z = (x − mean) / scale.
///
/// Statistics are unweighted and ignore missing values (NaN): `mean` is the mean of the present
/// values and `scale` their population standard deviation (divide by n, as scikit-learn's
/// `StandardScaler`). A constant or entirely missing feature gets scale 1 (and mean 0 when entirely
/// missing), so it standardises to all zeros. Missing values standardise to 0, i.e. they are imputed
/// with the training mean.
public struct Standardizer: Codable, Sendable, Equatable {
    /// Mean of each feature's present training values.
    public var means: [Double]
    /// Standard deviation of each feature's present training values (1 when it is 0).
    public var scales: [Double]

    public init(means: [Double], scales: [Double]) {
        self.means = means
        self.scales = scales
    }

    /// Fits the statistics of every column of `x`.
    public init(fitting x: TrainingMatrix) {
        var means = [Double](repeating: 0, count: x.featureCount)
        var scales = [Double](repeating: 1, count: x.featureCount)
        for j in 0..<x.featureCount {
            x.columns[j].withUnsafeBufferPointer { col in
                var sum = 0.0, count = 0
                for v in col where !v.isNaN { sum += v; count += 1 }
                guard count > 0 else { return }
                let mean = sum / Double(count)
                var squares = 0.0
                for v in col where !v.isNaN { let d = v - mean; squares += d * d }
                let sd = (squares / Double(count)).squareRoot()
                means[j] = mean
                scales[j] = sd > 0 && sd.isFinite ? sd : 1
            }
        }
        self.init(means: means, scales: scales)
    }

    /// Whether feature `j` took a single value (or none) in the training data.
    public static func isConstant(_ j: Int, in x: TrainingMatrix) -> Bool {
        var first: Double?
        for v in x.columns[j] where !v.isNaN {
            if let f = first { if v != f { return false } } else { first = v }
        }
        return true
    }

    /// Writes the standardised matrix column-major into `destination` (`rows * features` doubles,
    /// column j at offset j·rows), missing values set to 0 (the training mean).
    public func standardize(_ x: TrainingMatrix, into destination: UnsafeMutablePointer<Double>) {
        let n = x.rows
        for j in 0..<x.featureCount {
            let mean = means[j], inv = 1 / scales[j]
            let dst = destination + j * n
            x.columns[j].withUnsafeBufferPointer { col in
                for i in 0..<n {
                    let value = col[i]
                    dst[i] = value.isNaN ? 0 : (value - mean) * inv
                }
            }
        }
    }
}
