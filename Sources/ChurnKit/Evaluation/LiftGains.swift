import Foundation

/// One group (decile by default) of a lift and cumulative-gain table, highest scores first.
public struct LiftRow: Codable, Sendable, Equatable {
    /// 1 for the highest-scoring group.
    public var group: Int
    /// Rows in the group.
    public var rows: Int
    /// Total weight in the group.
    public var weight: Double
    /// Positive weight in the group.
    public var positives: Double
    /// Share of the group's weight that is positive.
    public var responseRate: Double
    /// The group's response rate over the overall positive rate.
    public var lift: Double
    /// Share of all positives found in this and all higher groups (cumulative gain).
    public var cumulativeGain: Double
    /// Response rate of this and all higher groups over the overall positive rate.
    public var cumulativeLift: Double
}

extension Metrics {
    /// Lift and cumulative gain per group of rows ranked by score (deciles when `groups` is 10).
    ///
    /// Rows are sorted by score, highest first; group g holds ranks ⌊(g−1)·n/groups⌋ ..< ⌊g·n/groups⌋.
    /// A tie group cut by a group boundary is shared in proportion to its rows falling on each side,
    /// so the table does not depend on the order of tied rows (positives may then be fractional).
    /// Empty when there are no rows, no positive weight or `groups < 1`.
    public static func liftTable(scores: [Double], labels: [Double], weights: [Double]? = nil, groups: Int = 10) -> [LiftRow] {
        let r = RankedScores(scores: scores, labels: labels, weights: weights)
        let totalWeight = r.totalPositive + r.totalNegative
        guard groups >= 1, r.rowCount > 0, r.totalPositive > 0, totalWeight > 0 else { return [] }
        let overallRate = r.totalPositive / totalWeight
        var rows: [LiftRow] = []
        var previous = (positive: 0.0, weight: 0.0)
        var previousEnd = 0
        for g in 1...groups {
            let end = g * r.rowCount / groups
            let top = r.topRows(end)
            let pos = top.positive - previous.positive
            let w = top.weight - previous.weight
            let rate = w > 0 ? pos / w : 0
            let cumulativeRate = top.weight > 0 ? top.positive / top.weight : 0
            rows.append(LiftRow(group: g, rows: end - previousEnd, weight: w, positives: pos,
                                responseRate: rate, lift: rate / overallRate,
                                cumulativeGain: top.positive / r.totalPositive,
                                cumulativeLift: cumulativeRate / overallRate))
            previous = top
            previousEnd = end
        }
        return rows
    }

    /// Precision among the `k` highest-scoring rows (a tie group at the cut counts in proportion to
    /// its rows inside). `k` above the row count means all rows; NaN when `k < 1` or the top rows weigh
    /// nothing.
    public static func precisionAtK(scores: [Double], labels: [Double], weights: [Double]? = nil, k: Int) -> Double {
        guard k >= 1 else { return .nan }
        let r = RankedScores(scores: scores, labels: labels, weights: weights)
        let top = r.topRows(min(k, r.rowCount))
        return top.weight > 0 ? top.positive / top.weight : .nan
    }
}
