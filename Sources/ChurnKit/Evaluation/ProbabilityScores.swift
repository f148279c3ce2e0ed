import Foundation

extension Metrics {
    /// The smallest distance from 0 and 1 that probabilities are clipped to in `logLoss`: the machine
    /// epsilon of Double, as scikit-learn's `log_loss` does for float64.
    public static let logLossEpsilon = Double.ulpOfOne

    /// Weighted mean negative log-likelihood of the labels under the predicted probabilities.
    ///
    /// Probabilities are clipped to [ε, 1 − ε] with ε = `logLossEpsilon`, so a confident mistake
    /// costs about 36 rather than infinity. NaN when the total weight is zero.
    public static func logLoss(probabilities: [Double], labels: [Double], weights: [Double]? = nil) -> Double {
        checkShapes(probabilities, labels, weights)
        var sum = 0.0, total = 0.0
        let eps = logLossEpsilon
        for i in probabilities.indices {
            let w = weight(weights, i)
            let p = min(max(probabilities[i], eps), 1 - eps)
            sum -= w * (labels[i] > 0.5 ? log(p) : log(1 - p))
            total += w
        }
        return total > 0 ? sum / total : .nan
    }

    /// Weighted mean squared difference between predicted probability and label (Brier score).
    /// NaN when the total weight is zero.
    public static func brierScore(probabilities: [Double], labels: [Double], weights: [Double]? = nil) -> Double {
        checkShapes(probabilities, labels, weights)
        var sum = 0.0, total = 0.0
        for i in probabilities.indices {
            let w = weight(weights, i)
            let d = probabilities[i] - (labels[i] > 0.5 ? 1 : 0)
            sum += w * d * d
            total += w
        }
        return total > 0 ? sum / total : .nan
    }
}
