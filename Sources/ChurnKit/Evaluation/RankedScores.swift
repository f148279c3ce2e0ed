import Foundation

/// Rows sorted by score, highest first, with rows of equal score gathered into tie groups.
///
/// The shared base of every ranking metric (ROC, PR, KS, lift, precision@k). Each group carries the
/// cumulative positive and negative weight of all rows scoring at least the group's score, which is
/// exactly the confusion matrix at that threshold.
struct RankedScores {
    /// The distinct scores, in decreasing order (NaN last).
    var groupScores: [Double] = []
    /// Number of rows scoring at least `groupScores[g]` (end of group g in the sorted order).
    var groupEnds: [Int] = []
    /// Positive weight of rows scoring at least `groupScores[g]`.
    var cumulativePositive: [Double] = []
    /// Negative weight of rows scoring at least `groupScores[g]`.
    var cumulativeNegative: [Double] = []
    /// Total positive weight.
    var totalPositive: Double = 0
    /// Total negative weight.
    var totalNegative: Double = 0
    /// Number of rows.
    var rowCount: Int = 0

    init(scores: [Double], labels: [Double], weights: [Double]?) {
        Metrics.checkShapes(scores, labels, weights)
        rowCount = scores.count
        // Sort indices by score descending; NaN sorts last; ties keep index order (stable result).
        let order = scores.indices.sorted { a, b in
            let sa = scores[a], sb = scores[b]
            if sa.isNaN || sb.isNaN {
                if sa.isNaN != sb.isNaN { return sb.isNaN }
                return a < b
            }
            return sa != sb ? sa > sb : a < b
        }
        var pos = 0.0, neg = 0.0
        var k = 0
        while k < order.count {
            let s = scores[order[k]]
            repeat {
                let i = order[k]
                let w = Metrics.weight(weights, i)
                if labels[i] > 0.5 { pos += w } else { neg += w }
                k += 1
            } while k < order.count && Self.same(scores[order[k]], s)
            groupScores.append(s)
            groupEnds.append(k)
            cumulativePositive.append(pos)
            cumulativeNegative.append(neg)
        }
        totalPositive = pos
        totalNegative = neg
    }

    @inline(__always)
    private static func same(_ a: Double, _ b: Double) -> Bool { a == b || (a.isNaN && b.isNaN) }

    /// Positive weight and total weight among the top `m` rows, where a tie group cut by the boundary
    /// contributes in proportion to the share of its rows that fall inside (so the answer does not
    /// depend on how tied rows happen to be ordered).
    func topRows(_ m: Int) -> (positive: Double, weight: Double) {
        if m <= 0 || groupEnds.isEmpty { return (0, 0) }
        if m >= rowCount { return (totalPositive, totalPositive + totalNegative) }
        // First group whose end reaches m (binary search over increasing ends).
        var lo = 0, hi = groupEnds.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if groupEnds[mid] >= m { hi = mid } else { lo = mid + 1 }
        }
        let g = lo
        let startRows = g == 0 ? 0 : groupEnds[g - 1]
        let startPos = g == 0 ? 0 : cumulativePositive[g - 1]
        let startNeg = g == 0 ? 0 : cumulativeNegative[g - 1]
        let groupRows = groupEnds[g] - startRows
        let fraction = Double(m - startRows) / Double(groupRows)
        let pos = startPos + fraction * (cumulativePositive[g] - startPos)
        let neg = startNeg + fraction * (cumulativeNegative[g] - startNeg)
        return (pos, pos + neg)
    }
}
