import Foundation

/// How the probability axis is cut into bins for a reliability curve.
public enum CalibrationBinning: String, Codable, Sendable {
    /// Bins of equal width over [0, 1].
    case uniform
    /// Bins holding about the same number of rows (edges at quantiles of the predicted probabilities).
    case quantile
}

/// One non-empty bin of a reliability (calibration) curve.
public struct CalibrationPoint: Codable, Sendable, Equatable {
    /// Weighted mean predicted probability in the bin.
    public var meanPredicted: Double
    /// Weighted share of positives in the bin.
    public var fractionPositive: Double
    /// Rows in the bin.
    public var rows: Int
    /// Total weight in the bin.
    public var weight: Double
}

extension Metrics {
    /// Reliability-curve points: for each non-empty bin of predicted probability, the mean prediction
    /// and the observed share of positives (a well calibrated model lies on the diagonal).
    ///
    /// Binning follows scikit-learn's `calibration_curve`: `bins + 1` edges (equal-width over [0, 1],
    /// or unweighted quantiles of the probabilities with linear interpolation); a value equal to an inner
    /// edge belongs to the lower bin; values below 0 or above 1 fall in the first or last bin. Empty bins
    /// are left out, so fewer than `bins` points may come back. Without weights the points equal
    /// scikit-learn's `prob_pred` and `prob_true`.
    public static func calibrationCurve(probabilities: [Double], labels: [Double], weights: [Double]? = nil,
                                        bins: Int = 10, binning: CalibrationBinning = .uniform) -> [CalibrationPoint] {
        checkShapes(probabilities, labels, weights)
        guard bins >= 1, !probabilities.isEmpty else { return [] }
        let edges: [Double]
        switch binning {
        case .uniform:
            // numpy.linspace(0, 1, bins + 1): i * (1 / bins), last edge exactly 1.
            let step = 1.0 / Double(bins)
            edges = (0...bins).map { $0 == bins ? 1.0 : Double($0) * step }
        case .quantile:
            edges = quantileEdges(probabilities.filter { !$0.isNaN }.sorted(), bins: bins)
        }
        let inner = Array(edges.dropFirst().dropLast())
        var sumP = [Double](repeating: 0, count: bins)
        var sumY = [Double](repeating: 0, count: bins)
        var sumW = [Double](repeating: 0, count: bins)
        var count = [Int](repeating: 0, count: bins)
        for i in probabilities.indices {
            let p = probabilities[i]
            if p.isNaN { continue }
            // numpy.searchsorted(inner, p, side="left"): number of inner edges strictly below p.
            var lo = 0, hi = inner.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if inner[mid] < p { lo = mid + 1 } else { hi = mid }
            }
            let w = weight(weights, i)
            sumP[lo] += w * p
            sumY[lo] += w * (labels[i] > 0.5 ? 1 : 0)
            sumW[lo] += w
            count[lo] += 1
        }
        var points: [CalibrationPoint] = []
        for b in 0..<bins where count[b] > 0 && sumW[b] > 0 {
            points.append(CalibrationPoint(meanPredicted: sumP[b] / sumW[b], fractionPositive: sumY[b] / sumW[b],
                                           rows: count[b], weight: sumW[b]))
        }
        return points
    }

    /// numpy.percentile(sorted, linspace(0, 1, bins + 1) * 100) with the default linear method,
    /// reproduced operation by operation so edges equal to data values match exactly.
    static func quantileEdges(_ sorted: [Double], bins: Int) -> [Double] {
        guard !sorted.isEmpty else { return [Double](repeating: 0, count: bins + 1) }
        let n = Double(sorted.count)
        let step = 1.0 / Double(bins)
        return (0...bins).map { i -> Double in
            let q = ((i == bins ? 1.0 : Double(i) * step) * 100) / 100
            let virtual = n * q + (1 + q * (1 - 1 - 1)) - 1
            let below = virtual.rounded(.down)
            let lowerIndex = min(max(Int(below), 0), sorted.count - 1)
            let upperIndex = min(lowerIndex + 1, sorted.count - 1)
            let t = virtual - below
            let a = sorted[lowerIndex], b = sorted[upperIndex]
            let diff = b - a
            return t >= 0.5 ? b - diff * (1 - t) : a + diff * t
        }
    }
}
