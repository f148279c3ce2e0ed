import Foundation

/// One point of a ROC curve: the rates obtained by predicting positive every row scoring `>= threshold`.
public struct ROCPoint: Codable, Sendable, Equatable {
    /// The score threshold (+infinity for the first point, where nothing is predicted positive).
    public var threshold: Double
    /// False positive rate (1 - specificity).
    public var falsePositiveRate: Double
    /// True positive rate (recall).
    public var truePositiveRate: Double
}

extension Metrics {
    /// Area under the ROC curve, exact with ties.
    ///
    /// Equals the Mann-Whitney U statistic with midranks divided by (positives x negatives): the
    /// probability that a random positive scores above a random negative, counting ties as one half.
    /// With weights, every positive-negative pair counts with the product of the two weights (the same
    /// value as scikit-learn's trapezoidal `roc_auc_score`). NaN when either class is absent.
    public static func rocAUC(scores: [Double], labels: [Double], weights: [Double]? = nil) -> Double {
        let ranked = RankedScores(scores: scores, labels: labels, weights: weights)
        return rocAUC(ranked)
    }

    static func rocAUC(_ r: RankedScores) -> Double {
        guard r.totalPositive > 0, r.totalNegative > 0 else { return .nan }
        // Walk tie groups from the highest score: a group's positives beat every negative below the
        // group and tie with the negatives inside it.
        var sum = 0.0
        var prevPos = 0.0, prevNeg = 0.0
        for g in r.groupScores.indices {
            let pos = r.cumulativePositive[g] - prevPos
            let neg = r.cumulativeNegative[g] - prevNeg
            let negBelow = r.totalNegative - r.cumulativeNegative[g]
            sum += pos * (negBelow + 0.5 * neg)
            prevPos = r.cumulativePositive[g]
            prevNeg = r.cumulativeNegative[g]
        }
        return sum / (r.totalPositive * r.totalNegative)
    }

    /// The ROC curve: one point per distinct score, from (0, 0) at threshold +infinity to (1, 1).
    ///
    /// With `dropIntermediate`, points on a straight segment between their neighbours are left out
    /// (as scikit-learn's `roc_curve(drop_intermediate=True)`); the area is unchanged. Empty when either
    /// class is absent.
    public static func rocCurve(scores: [Double], labels: [Double], weights: [Double]? = nil,
                                dropIntermediate: Bool = false) -> [ROCPoint] {
        rocCurve(RankedScores(scores: scores, labels: labels, weights: weights), dropIntermediate: dropIntermediate)
    }

    static func rocCurve(_ r: RankedScores, dropIntermediate: Bool) -> [ROCPoint] {
        guard r.totalPositive > 0, r.totalNegative > 0 else { return [] }
        var fps = r.cumulativeNegative, tps = r.cumulativePositive, thresholds = r.groupScores
        if dropIntermediate && fps.count > 2 {
            // Keep the ends and every point where the slope changes (second differences non-zero).
            var keepF: [Double] = [fps[0]], keepT: [Double] = [tps[0]], keepS: [Double] = [thresholds[0]]
            for k in 1..<(fps.count - 1) {
                let d2f = fps[k + 1] - 2 * fps[k] + fps[k - 1]
                let d2t = tps[k + 1] - 2 * tps[k] + tps[k - 1]
                if d2f != 0 || d2t != 0 {
                    keepF.append(fps[k]); keepT.append(tps[k]); keepS.append(thresholds[k])
                }
            }
            keepF.append(fps[fps.count - 1]); keepT.append(tps[tps.count - 1]); keepS.append(thresholds[thresholds.count - 1])
            fps = keepF; tps = keepT; thresholds = keepS
        }
        var points = [ROCPoint(threshold: .infinity, falsePositiveRate: 0, truePositiveRate: 0)]
        points.reserveCapacity(fps.count + 1)
        for k in fps.indices {
            points.append(ROCPoint(threshold: thresholds[k],
                                   falsePositiveRate: fps[k] / r.totalNegative,
                                   truePositiveRate: tps[k] / r.totalPositive))
        }
        return points
    }

    /// The Kolmogorov-Smirnov statistic: the largest gap between the score distributions of positives
    /// and negatives, max |TPR - FPR| over all thresholds (as `scipy.stats.ks_2samp` on the two groups'
    /// scores). NaN when either class is absent.
    public static func ksStatistic(scores: [Double], labels: [Double], weights: [Double]? = nil) -> Double {
        ksStatistic(RankedScores(scores: scores, labels: labels, weights: weights))
    }

    static func ksStatistic(_ r: RankedScores) -> Double {
        guard r.totalPositive > 0, r.totalNegative > 0 else { return .nan }
        var best = 0.0
        for g in r.groupScores.indices {
            let gap = abs(r.cumulativePositive[g] / r.totalPositive - r.cumulativeNegative[g] / r.totalNegative)
            best = max(best, gap)
        }
        return best
    }
}
