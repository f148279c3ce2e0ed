import Foundation

/// The money side of a churn model, used by the champion score.
///
/// **Definition.** Contacting a customer costs `offerCost`; a contacted churner is kept with
/// probability `successRate`, which is worth `valuePerSave`. Contacting the customers scoring at or
/// above a threshold t yields the expected net value
///
///     net(t) = Σ_{contacted churners} (successRate · valuePerSave − offerCost) − Σ_{contacted others} offerCost
///
/// and the **business value** is net(t) divided by the net value of contacting exactly the churners
/// (perfect targeting): 1 is perfect, 0 is no better than contacting nobody, negative loses money.
/// On the leaderboard, fold f is measured at the threshold that maximises F1 on the calibrated
/// out-of-fold probabilities of the other folds (the threshold a user would start from, chosen without
/// fold f's labels); the per-fold values give the mean and std.
/// Defaults: offer 10, save worth 500, 30% of contacted churners kept (a saved churner nets 140).
public struct BusinessValue: Codable, Sendable, Equatable {
    public var offerCost: Double
    public var valuePerSave: Double
    public var successRate: Double

    public init(offerCost: Double = 10, valuePerSave: Double = 500, successRate: Double = 0.3) {
        self.offerCost = offerCost
        self.valuePerSave = valuePerSave
        self.successRate = successRate
    }

    /// The normalised net value of contacting rows with `scores >= threshold` (NaN without churners or
    /// when a saved churner is not worth the offer).
    public func normalisedValue(scores: [Double], labels: [Double], threshold: Double) -> Double {
        let gain = successRate * valuePerSave - offerCost
        var net = 0.0, positives = 0.0
        for i in scores.indices {
            let churner = labels[i] > 0.5
            if churner { positives += 1 }
            if scores[i] >= threshold { net += churner ? gain : -offerCost }
        }
        let perfect = positives * gain
        guard perfect > 0 else { return .nan }
        return net / perfect
    }

    /// The threshold maximising F1 over `scores` (ties: the higher threshold).
    public static func f1OptimalThreshold(scores: [Double], labels: [Double]) -> Double {
        let order = scores.indices.sorted { (a: Int, b: Int) -> Bool in
            let sa = scores[a], sb = scores[b]
            return sa > sb || (sa == sb && a < b)
        }
        var positives = 0.0
        for y in labels where y > 0.5 { positives += 1 }
        var tp = 0.0, fp = 0.0
        var best = -1.0, bestThreshold = 0.5
        var i = 0
        while i < order.count {
            let s = scores[order[i]]
            while i < order.count && scores[order[i]] == s {
                if labels[order[i]] > 0.5 { tp += 1 } else { fp += 1 }
                i += 1
            }
            let denominator: Double = 2 * tp + fp + (positives - tp)
            let f1: Double = 2 * tp / denominator
            if f1 > best { best = f1; bestThreshold = s }
        }
        return bestThreshold
    }
}
