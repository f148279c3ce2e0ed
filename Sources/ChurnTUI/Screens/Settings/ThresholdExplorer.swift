import ChurnKit

/// Which threshold a one-key optimiser looks for.
public enum ThresholdGoal: Sendable, Equatable, CaseIterable {
    case maxF1, maxProfit, recallTarget, precisionFloor

    /// The optimiser's objective with the current targets and money model.
    func objective(_ values: SettingsValues) -> ThresholdObjective {
        switch self {
        case .maxF1: return .f1
        case .maxProfit: return .profit
        case .recallTarget: return .recall(values.recallTarget)
        case .precisionFloor: return .precision(values.precisionFloor)
        }
    }
}

/// The trade-offs of every threshold for the model whose scores are shown, read from its calibrated
/// out-of-fold scores and true labels (customers each fold's model did not see).
///
/// Built once when the analysis loads: `ThresholdOptimizer` sorts the scores once and keeps the
/// confusion matrix at each distinct score, so the figures at any threshold cost one binary search
/// (O(log n)) per key press, whatever the number of customers.
public struct ThresholdExplorer: Sendable {
    /// The sweep without a money model (net value is computed from its counts, see `netValue`).
    public let sweep: ThresholdOptimizer
    /// The out-of-fold scores and labels, kept for the max-profit optimiser.
    let scores: [Double]
    let labels: [Double]
    /// Labelled customers and churners among them.
    public let customers: Int
    public let churners: Int

    /// - Throws: `ThresholdOptimizerError` when the scores are empty or malformed.
    public init(_ outOfFold: OutOfFoldScores) throws {
        sweep = try ThresholdOptimizer(scores: outOfFold.probabilities, labels: outOfFold.labels)
        scores = outOfFold.probabilities
        labels = outOfFold.labels
        customers = outOfFold.labels.count
        churners = Int(outOfFold.labels.reduce(0, +))
    }

    /// Flagged customers, confusion matrix, precision, recall and F1 at threshold `t` (risk >= t flagged).
    public func point(at t: Double) -> ThresholdPoint {
        sweep.point(at: t)
    }

    /// Net value of a point under the money model of `values`: each flagged churner kept (success
    /// rate) brings its value less the offer it accepted; every flagged customer costs a contact.
    /// Relative to contacting nobody; the same rule as `ThresholdProfitModel`.
    public func netValue(_ point: ThresholdPoint, _ values: SettingsValues) -> Double {
        let money = values.profitModel
        return point.confusion.truePositives * money.customerValue * money.successRate - Double(point.flagged) * money.costPerContact
    }

    /// The threshold `goal` chooses, or an error saying why none qualifies.
    public func best(_ goal: ThresholdGoal, _ values: SettingsValues) -> Result<ThresholdPoint, ThresholdOptimizerError> {
        do {
            let optimizer = goal == .maxProfit
                ? try ThresholdOptimizer(scores: scores, labels: labels, profit: values.profitModel)
                : sweep
            return .success(try optimizer.require(goal.objective(values)))
        } catch let error as ThresholdOptimizerError {
            return .failure(error)
        } catch {
            return .failure(ThresholdOptimizerError("\(error)"))
        }
    }
}
