import Foundation

/// The weighted confusion matrix of a binary classifier at one threshold, with the rates read from it.
///
/// A row is predicted positive when its score is `>=` the threshold. Counts are sums of row weights
/// (row counts when unweighted). Rates whose denominator is zero are 0, as scikit-learn's
/// `zero_division=0`.
public struct ConfusionMatrix: Codable, Sendable, Equatable {
    /// Positives predicted positive.
    public var truePositives: Double
    /// Negatives predicted positive.
    public var falsePositives: Double
    /// Negatives predicted negative.
    public var trueNegatives: Double
    /// Positives predicted negative.
    public var falseNegatives: Double

    public init(truePositives: Double, falsePositives: Double, trueNegatives: Double, falseNegatives: Double) {
        self.truePositives = truePositives
        self.falsePositives = falsePositives
        self.trueNegatives = trueNegatives
        self.falseNegatives = falseNegatives
    }

    /// Counts the matrix for `scores` against `labels` at `threshold`.
    public init(scores: [Double], labels: [Double], weights: [Double]? = nil, threshold: Double) {
        Metrics.checkShapes(scores, labels, weights)
        var tp = 0.0, fp = 0.0, tn = 0.0, fn = 0.0
        for i in scores.indices {
            let w = Metrics.weight(weights, i)
            let predicted = scores[i] >= threshold
            if labels[i] > 0.5 {
                if predicted { tp += w } else { fn += w }
            } else {
                if predicted { fp += w } else { tn += w }
            }
        }
        self.init(truePositives: tp, falsePositives: fp, trueNegatives: tn, falseNegatives: fn)
    }

    /// Total weight.
    public var total: Double { truePositives + falsePositives + trueNegatives + falseNegatives }
    /// Share of rows classified correctly.
    public var accuracy: Double { Self.ratio(truePositives + trueNegatives, total) }
    /// Share of predicted positives that are positive.
    public var precision: Double { Self.ratio(truePositives, truePositives + falsePositives) }
    /// Share of positives predicted positive (true positive rate, sensitivity).
    public var recall: Double { Self.ratio(truePositives, truePositives + falseNegatives) }
    /// Share of negatives predicted negative (true negative rate).
    public var specificity: Double { Self.ratio(trueNegatives, trueNegatives + falsePositives) }
    /// Share of negatives predicted positive.
    public var falsePositiveRate: Double { Self.ratio(falsePositives, trueNegatives + falsePositives) }
    /// Harmonic mean of precision and recall: 2TP / (2TP + FP + FN).
    public var f1: Double { Self.ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives) }

    private static func ratio(_ a: Double, _ b: Double) -> Double { b > 0 ? a / b : 0 }
}
