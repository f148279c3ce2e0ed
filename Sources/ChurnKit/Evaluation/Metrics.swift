import Foundation

/// Metrics for binary classifiers: pure functions over scores, 0/1 labels and optional row weights.
///
/// Conventions shared by every function in this namespace:
/// - `labels` hold 0 or 1; a label above 0.5 counts as positive (churned).
/// - `weights`, when given, hold one finite non-negative weight per row; nil means every row weighs 1.
/// - A row is predicted positive when its score is `>=` the threshold.
/// - Scores may be any real numbers (probabilities or margins) unless a function says otherwise; NaN
///   scores rank below every other score.
/// - A metric that is undefined for the input (for example ROC-AUC when only one class is present)
///   is NaN rather than a crash.
/// Arrays of different lengths are a programming error and stop the process with a precondition.
public enum Metrics {
    /// Checks that the three inputs describe the same rows.
    static func checkShapes(_ scores: [Double], _ labels: [Double], _ weights: [Double]?) {
        precondition(scores.count == labels.count, "metrics: \(scores.count) scores but \(labels.count) labels")
        if let weights {
            precondition(weights.count == labels.count, "metrics: \(weights.count) weights but \(labels.count) labels")
        }
    }

    /// The weight of row `i` (1 when there are no weights).
    @inline(__always)
    static func weight(_ weights: [Double]?, _ i: Int) -> Double { weights?[i] ?? 1 }
}
