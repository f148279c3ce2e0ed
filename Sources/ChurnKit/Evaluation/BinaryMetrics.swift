import Foundation

/// The scalar metrics of a binary classifier on one set of rows, at one decision threshold.
///
/// Threshold-free metrics (ROC-AUC, average precision, KS) read the ranking; log loss and Brier read
/// the scores as probabilities, so pass probabilities, not margins. Undefined metrics are NaN in
/// memory and `null` in JSON.
public struct BinaryMetrics: Codable, Sendable, Equatable {
    /// The threshold: rows scoring `>=` it are predicted positive.
    public var threshold: Double
    /// Number of rows evaluated.
    public var rows: Int
    /// Total positive weight (number of positives when unweighted).
    public var positives: Double
    public var accuracy: Double
    public var precision: Double
    public var recall: Double
    public var f1: Double
    public var rocAUC: Double
    /// PR-AUC as average precision.
    public var averagePrecision: Double
    public var logLoss: Double
    public var brier: Double
    /// Kolmogorov-Smirnov statistic.
    public var ks: Double
    /// The confusion matrix at `threshold`.
    public var confusion: ConfusionMatrix

    /// Computes every metric for `probabilities` against `labels` at `threshold`.
    public init(probabilities: [Double], labels: [Double], weights: [Double]? = nil, threshold: Double = 0.5) {
        let ranked = RankedScores(scores: probabilities, labels: labels, weights: weights)
        let confusion = ConfusionMatrix(scores: probabilities, labels: labels, weights: weights, threshold: threshold)
        self.threshold = threshold
        self.rows = probabilities.count
        self.positives = ranked.totalPositive
        self.accuracy = confusion.accuracy
        self.precision = confusion.precision
        self.recall = confusion.recall
        self.f1 = confusion.f1
        self.rocAUC = Metrics.rocAUC(ranked)
        self.averagePrecision = Metrics.averagePrecision(ranked)
        self.logLoss = Metrics.logLoss(probabilities: probabilities, labels: labels, weights: weights)
        self.brier = Metrics.brierScore(probabilities: probabilities, labels: labels, weights: weights)
        self.ks = Metrics.ksStatistic(ranked)
        self.confusion = confusion
    }

    private enum CodingKeys: String, CodingKey {
        case threshold, rows, positives, accuracy, precision, recall, f1, rocAUC, averagePrecision, logLoss, brier, ks, confusion
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func number(_ key: CodingKeys) throws -> Double { try c.decodeIfPresent(Double.self, forKey: key) ?? .nan }
        threshold = try number(.threshold)
        rows = try c.decode(Int.self, forKey: .rows)
        positives = try number(.positives)
        accuracy = try number(.accuracy)
        precision = try number(.precision)
        recall = try number(.recall)
        f1 = try number(.f1)
        rocAUC = try number(.rocAUC)
        averagePrecision = try number(.averagePrecision)
        logLoss = try number(.logLoss)
        brier = try number(.brier)
        ks = try number(.ks)
        confusion = try c.decode(ConfusionMatrix.self, forKey: .confusion)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        func number(_ value: Double, _ key: CodingKeys) throws {
            if value.isFinite { try c.encode(value, forKey: key) } else { try c.encodeNil(forKey: key) }
        }
        try number(threshold, .threshold)
        try c.encode(rows, forKey: .rows)
        try number(positives, .positives)
        try number(accuracy, .accuracy)
        try number(precision, .precision)
        try number(recall, .recall)
        try number(f1, .f1)
        try number(rocAUC, .rocAUC)
        try number(averagePrecision, .averagePrecision)
        try number(logLoss, .logLoss)
        try number(brier, .brier)
        try number(ks, .ks)
        try c.encode(confusion, forKey: .confusion)
    }

    /// Equal when every field is equal, NaN counting as equal to NaN (so a decoded copy equals the original).
    public static func == (a: BinaryMetrics, b: BinaryMetrics) -> Bool {
        func same(_ x: Double, _ y: Double) -> Bool { x == y || (x.isNaN && y.isNaN) }
        return same(a.threshold, b.threshold) && a.rows == b.rows && same(a.positives, b.positives)
            && same(a.accuracy, b.accuracy) && same(a.precision, b.precision) && same(a.recall, b.recall)
            && same(a.f1, b.f1) && same(a.rocAUC, b.rocAUC) && same(a.averagePrecision, b.averagePrecision)
            && same(a.logLoss, b.logLoss) && same(a.brier, b.brier) && same(a.ks, b.ks) && a.confusion == b.confusion
    }
}
