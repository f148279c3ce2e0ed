import Foundation

/// Per-fold leaderboard metrics measured as the model is used: calibrated probabilities and a
/// decision threshold, both fitted on the other folds' out-of-fold rows only (see `TrainingEngine.entry`).
enum HonestFoldMetrics {
    /// The metrics and business value of every fold.
    ///
    /// For fold f: a calibrator of `calibration.method` is fitted on the out-of-fold probabilities of the
    /// other folds (when that fails, e.g. one class only, the all-rows `calibration` stands in), the
    /// threshold t_f is the F1-optimal threshold of the other folds' calibrated probabilities, and fold
    /// f's `BinaryMetrics` are computed on its calibrated probabilities at t_f, with ROC-AUC, PR-AUC and
    /// KS taken from its raw probabilities (calibration can only add ties). The business value of fold
    /// f is measured at t_f too.
    static func measure(foldProbabilities: [[Double]], outOfFold: [Double], plan: CrossValidationPlan,
                        calibration: Calibrator, businessValue: BusinessValue) -> (metrics: [BinaryMetrics], businessValues: [Double]) {
        var metrics: [BinaryMetrics] = [], values: [Double] = []
        for (f, fold) in plan.folds.enumerated() {
            let others = plan.folds.filter { $0.index != fold.index }.flatMap(\.validation)
            let otherScores = others.map { outOfFold[$0] }, otherLabels = others.map { plan.labels[$0] }
            let map = (try? Calibrator.fitting(calibration.method, scores: otherScores, labels: otherLabels,
                                               scoreKind: .probability)) ?? calibration
            let threshold = BusinessValue.f1OptimalThreshold(scores: map.probabilities(otherScores), labels: otherLabels)
            let calibrated = map.probabilities(foldProbabilities[f])
            let raw = BinaryMetrics(probabilities: foldProbabilities[f], labels: fold.validationLabels, threshold: threshold)
            var m = BinaryMetrics(probabilities: calibrated, labels: fold.validationLabels, threshold: threshold)
            m.rocAUC = raw.rocAUC
            m.averagePrecision = raw.averagePrecision
            m.ks = raw.ks
            metrics.append(m)
            values.append(businessValue.normalisedValue(scores: calibrated, labels: fold.validationLabels, threshold: threshold))
        }
        return (metrics, values)
    }
}
