import Foundation

/// One point of a precision-recall curve, predicting positive every row scoring `>= threshold`.
public struct PrecisionRecallPoint: Codable, Sendable, Equatable {
    /// The score threshold (+infinity for the first point: recall 0, precision 1 by convention).
    public var threshold: Double
    /// Share of positives found.
    public var recall: Double
    /// Share of predicted positives that are positive.
    public var precision: Double
}

extension Metrics {
    /// The precision-recall curve, from the highest threshold down: first the conventional point
    /// (recall 0, precision 1) at +infinity, then one point per distinct score.
    ///
    /// The same points as scikit-learn's `precision_recall_curve` (in reverse order). Empty when there
    /// are no positives.
    public static func precisionRecallCurve(scores: [Double], labels: [Double], weights: [Double]? = nil) -> [PrecisionRecallPoint] {
        precisionRecallCurve(RankedScores(scores: scores, labels: labels, weights: weights))
    }

    static func precisionRecallCurve(_ r: RankedScores) -> [PrecisionRecallPoint] {
        guard r.totalPositive > 0 else { return [] }
        var points = [PrecisionRecallPoint(threshold: .infinity, recall: 0, precision: 1)]
        points.reserveCapacity(r.groupScores.count + 1)
        for g in r.groupScores.indices {
            let tp = r.cumulativePositive[g], fp = r.cumulativeNegative[g]
            points.append(PrecisionRecallPoint(threshold: r.groupScores[g],
                                               recall: tp / r.totalPositive,
                                               precision: tp + fp > 0 ? tp / (tp + fp) : 0))
        }
        return points
    }

    /// Average precision (PR-AUC), the step-wise sum of precision times recall gained over thresholds:
    /// AP = Σₙ (Rₙ − Rₙ₋₁) Pₙ over distinct scores from the highest, with R₀ = 0.
    ///
    /// Tied scores form one step, exactly like scikit-learn's `average_precision_score` (no
    /// interpolation). NaN when there are no positives.
    public static func averagePrecision(scores: [Double], labels: [Double], weights: [Double]? = nil) -> Double {
        averagePrecision(RankedScores(scores: scores, labels: labels, weights: weights))
    }

    static func averagePrecision(_ r: RankedScores) -> Double {
        guard r.totalPositive > 0 else { return .nan }
        var ap = 0.0, previousRecall = 0.0
        for g in r.groupScores.indices {
            let tp = r.cumulativePositive[g], fp = r.cumulativeNegative[g]
            let recall = tp / r.totalPositive
            let precision = tp + fp > 0 ? tp / (tp + fp) : 0
            ap += (recall - previousRecall) * precision
            previousRecall = recall
        }
        return ap
    }
}
