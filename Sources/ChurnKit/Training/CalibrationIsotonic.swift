import Foundation

/// Isotonic (monotone non-decreasing) regression of labels on scores, used as a calibration map.
///
/// Fitting follows scikit-learn's `IsotonicRegression(increasing=True, out_of_bounds="clip")`: rows with
/// zero weight or a NaN score are dropped, rows are sorted by score, rows with equal scores are merged
/// into their weighted mean label, the weighted pool-adjacent-violators algorithm makes the fitted
/// values non-decreasing, and interior points whose value equals both neighbours' are dropped (they do
/// not change the interpolation). Prediction interpolates linearly between the kept points and clips
/// scores outside the training range to its ends, so the map is continuous and non-decreasing.
public struct IsotonicRegression: Codable, Sendable, Equatable {
    /// Scores of the interpolation knots, strictly increasing.
    public var thresholds: [Double]
    /// Fitted values at the knots, non-decreasing.
    public var values: [Double]

    public init(thresholds: [Double], values: [Double]) {
        precondition(thresholds.count == values.count, "one value per threshold")
        self.thresholds = thresholds
        self.values = values
    }

    /// Fits the map. Labels may be any numbers (0/1 for calibration); weights must be >= 0.
    /// With no usable row the map is empty and predicts NaN.
    public init(fitting scores: [Double], labels: [Double], weights: [Double]? = nil) {
        precondition(scores.count == labels.count, "isotonic regression: \(scores.count) scores but \(labels.count) labels")
        if let weights { precondition(weights.count == labels.count, "isotonic regression: \(weights.count) weights for \(labels.count) labels") }
        var order = scores.indices.filter { !scores[$0].isNaN && (weights?[$0] ?? 1) > 0 }
        order.sort { scores[$0] < scores[$1] || (scores[$0] == scores[$1] && labels[$0] < labels[$1]) }
        // Merge equal scores (scikit-learn's `_make_unique`, which treats x values closer than 1e-15 as equal).
        var x: [Double] = [], y: [Double] = [], w: [Double] = []
        x.reserveCapacity(order.count); y.reserveCapacity(order.count); w.reserveCapacity(order.count)
        var sumWY = 0.0, sumW = 0.0
        for i in order {
            let weight = weights?[i] ?? 1
            if let last = x.last, scores[i] - last < 1e-15 {
                sumWY += weight * labels[i]; sumW += weight
                y[y.count - 1] = sumWY / sumW; w[w.count - 1] = sumW
            } else {
                x.append(scores[i]); sumWY = weight * labels[i]; sumW = weight
                y.append(labels[i]); w.append(weight)
            }
        }
        let fitted = Self.poolAdjacentViolators(y, weights: w)
        // Keep the ends and every point whose value differs from a neighbour's.
        var keptX: [Double] = [], keptY: [Double] = []
        for i in fitted.indices {
            if i == 0 || i == fitted.count - 1 || fitted[i] != fitted[i - 1] || fitted[i] != fitted[i + 1] {
                keptX.append(x[i]); keptY.append(fitted[i])
            }
        }
        self.init(thresholds: keptX, values: keptY)
    }

    /// The weighted least-squares non-decreasing fit to `values` (pool adjacent violators, O(n)).
    ///
    /// Returns one fitted value per input: blocks of adjacent values whose order is violated are
    /// replaced by their weighted mean until the sequence is non-decreasing.
    public static func poolAdjacentViolators(_ values: [Double], weights: [Double]? = nil) -> [Double] {
        let n = values.count
        guard n > 0 else { return [] }
        // Stack of blocks: mean, weight and first index.
        var means: [Double] = [], blockWeights: [Double] = [], starts: [Int] = []
        means.reserveCapacity(n); blockWeights.reserveCapacity(n); starts.reserveCapacity(n)
        for i in 0..<n {
            var mean = values[i], weight = weights?[i] ?? 1, start = i
            while let last = means.last, last >= mean {
                // Merge the violating (or equal) previous block into this one.
                let total = blockWeights[blockWeights.count - 1] + weight
                mean = total > 0 ? (last * blockWeights[blockWeights.count - 1] + mean * weight) / total : (last + mean) / 2
                weight = total
                start = starts[starts.count - 1]
                means.removeLast(); blockWeights.removeLast(); starts.removeLast()
            }
            means.append(mean); blockWeights.append(weight); starts.append(start)
        }
        var fitted = [Double](repeating: 0, count: n)
        for block in means.indices {
            let end = block + 1 < starts.count ? starts[block + 1] : n
            for i in starts[block]..<end { fitted[i] = means[block] }
        }
        return fitted
    }

    /// The calibrated value of one score: linear interpolation between knots, clipped at the ends.
    /// NaN scores (and an empty map) give NaN.
    public func value(_ score: Double) -> Double {
        guard let first = thresholds.first, let last = thresholds.last, !score.isNaN else { return .nan }
        if score <= first { return values[0] }
        if score >= last { return values[values.count - 1] }
        // First knot strictly above `score`.
        var lo = 0, hi = thresholds.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if thresholds[mid] <= score { lo = mid + 1 } else { hi = mid }
        }
        let x0 = thresholds[lo - 1], x1 = thresholds[lo]
        let y0 = values[lo - 1], y1 = values[lo]
        return y0 + (y1 - y0) * (score - x0) / (x1 - x0)
    }

    /// The calibrated values of many scores.
    public func values(_ scores: [Double]) -> [Double] { scores.map(value) }
}
