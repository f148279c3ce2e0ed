import Foundation

/// The mean and standard deviation of one metric over the cross-validation folds.
///
/// `std` is the sample standard deviation (divisor k − 1); NaN values are left out of both.
public struct MetricSummary: Codable, Sendable, Equatable {
    public var mean: Double
    public var std: Double

    public init(mean: Double, std: Double) {
        self.mean = mean
        self.std = std
    }

    /// The summary of per-fold values.
    public init(_ values: [Double]) {
        let finite = values.filter { $0.isFinite }
        guard !finite.isEmpty else { self.init(mean: .nan, std: .nan); return }
        let mean = finite.reduce(0, +) / Double(finite.count)
        var squares = 0.0
        for v in finite { squares += (v - mean) * (v - mean) }
        self.init(mean: mean, std: finite.count > 1 ? (squares / Double(finite.count - 1)).squareRoot() : 0)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        if mean.isFinite { try c.encode(mean, forKey: .mean) } else { try c.encodeNil(forKey: .mean) }
        if std.isFinite { try c.encode(std, forKey: .std) } else { try c.encodeNil(forKey: .std) }
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        mean = try c.decodeIfPresent(Double.self, forKey: .mean) ?? .nan
        std = try c.decodeIfPresent(Double.self, forKey: .std) ?? .nan
    }

    private enum CodingKeys: String, CodingKey { case mean, std }
}

/// Mean and std over folds of every leaderboard metric.
///
/// Ranking metrics (ROC-AUC, PR-AUC, KS) read each fold model's probabilities; log loss and Brier read
/// them calibrated by a map fitted on the other folds; threshold metrics (accuracy, precision, recall,
/// F1) and `businessValue` (defined in `BusinessValue`) are at the F1-optimal threshold of the other
/// folds' calibrated probabilities. No choice sees the fold's labels, so the champion score compares
/// models at the operating point each would really be used at (see `TrainingEngine.entry`).
public struct LeaderboardMetrics: Codable, Sendable, Equatable {
    public var accuracy: MetricSummary
    public var precision: MetricSummary
    public var recall: MetricSummary
    public var f1: MetricSummary
    public var rocAUC: MetricSummary
    public var averagePrecision: MetricSummary
    public var logLoss: MetricSummary
    public var brier: MetricSummary
    public var ks: MetricSummary
    public var businessValue: MetricSummary

    /// Summaries of per-fold metrics and per-fold business values.
    public init(folds: [BinaryMetrics], businessValues: [Double]) {
        accuracy = MetricSummary(folds.map(\.accuracy))
        precision = MetricSummary(folds.map(\.precision))
        recall = MetricSummary(folds.map(\.recall))
        f1 = MetricSummary(folds.map(\.f1))
        rocAUC = MetricSummary(folds.map(\.rocAUC))
        averagePrecision = MetricSummary(folds.map(\.averagePrecision))
        logLoss = MetricSummary(folds.map(\.logLoss))
        brier = MetricSummary(folds.map(\.brier))
        ks = MetricSummary(folds.map(\.ks))
        businessValue = MetricSummary(businessValues)
    }

    /// (name, summary) pairs in display order.
    public var all: [(name: String, summary: MetricSummary)] {
        [("auc", rocAUC), ("pr_auc", averagePrecision), ("f1", f1), ("recall", recall), ("precision", precision),
         ("accuracy", accuracy), ("log_loss", logLoss), ("brier", brier), ("ks", ks), ("business_value", businessValue)]
    }
}
