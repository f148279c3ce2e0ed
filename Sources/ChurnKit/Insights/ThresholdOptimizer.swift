import Foundation

/// What happens at one decision threshold: who is flagged, how precise, and what it is worth.
public struct ThresholdPoint: Codable, Sendable, Equatable {
    /// Customers scoring `>=` this are flagged; +infinity means nobody (encoded as null in JSON).
    public var threshold: Double
    /// Number of customers flagged.
    public var flagged: Int
    /// The confusion matrix at this threshold (read precision, recall, F1 from it).
    public var confusion: ConfusionMatrix
    /// flagged × cost per contact.
    public var cost: Double
    /// Expected net value under the profit model (0 when no profit model was given).
    public var netValue: Double

    public var precision: Double { confusion.precision }
    public var recall: Double { confusion.recall }
    public var f1: Double { confusion.f1 }

    private enum CodingKeys: String, CodingKey { case threshold, flagged, confusion, cost, netValue, precision, recall, f1 }

    public init(threshold: Double, flagged: Int, confusion: ConfusionMatrix, cost: Double, netValue: Double) {
        self.threshold = threshold
        self.flagged = flagged
        self.confusion = confusion
        self.cost = cost
        self.netValue = netValue
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        threshold = try c.decodeIfPresent(Double.self, forKey: .threshold) ?? .infinity
        flagged = try c.decode(Int.self, forKey: .flagged)
        confusion = try c.decode(ConfusionMatrix.self, forKey: .confusion)
        cost = try c.decode(Double.self, forKey: .cost)
        netValue = try c.decode(Double.self, forKey: .netValue)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        if threshold.isFinite { try c.encode(threshold, forKey: .threshold) } else { try c.encodeNil(forKey: .threshold) }
        try c.encode(flagged, forKey: .flagged)
        try c.encode(confusion, forKey: .confusion)
        try c.encode(cost, forKey: .cost)
        try c.encode(netValue, forKey: .netValue)
        try c.encode(precision, forKey: .precision)
        try c.encode(recall, forKey: .recall)
        try c.encode(f1, forKey: .f1)
    }
}

/// Threshold optimisation on out-of-fold predictions (scores and true 0/1 labels).
///
/// Sweeps every distinct score once (O(n log n)) and keeps one `ThresholdPoint` per candidate threshold:
/// first "flag nobody" (threshold +infinity), then each distinct score from the highest down, so a point's
/// threshold is a score that occurs in the data and flags every row scoring `>=` it (the same rule as
/// `ConfusionMatrix`). Objectives pick among these points; see `ThresholdObjective` and `ThresholdProfitModel`.
public struct ThresholdOptimizer: Sendable {
    /// Every candidate threshold, from +infinity (nobody flagged) down to the lowest score (everybody).
    public let points: [ThresholdPoint]
    /// The profit model used for `cost` and `netValue`, if any.
    public let profit: ThresholdProfitModel?
    /// Whether every score lies in 0...1 (probabilities).
    public let scoresAreProbabilities: Bool

    /// Builds the sweep. `values` (optional, one per row; NaN = use the model's customer value) give each
    /// churner's own value for the profit model.
    public init(scores: [Double], labels: [Double], values: [Double]? = nil, profit: ThresholdProfitModel? = nil) throws {
        guard scores.count == labels.count else {
            throw ThresholdOptimizerError("There are \(scores.count) scores but \(labels.count) labels; the out-of-fold predictions must have one score per labelled customer.",
                                          exitCode: ExitCode.dataError)
        }
        guard !scores.isEmpty else {
            throw ThresholdOptimizerError("There are no out-of-fold predictions to choose a threshold from; train a model first.",
                                          exitCode: ExitCode.dataError)
        }
        if let bad = scores.firstIndex(where: { !$0.isFinite }) {
            throw ThresholdOptimizerError("Prediction row \(bad + 1) has score \(scores[bad]); every score must be a finite number.",
                                          exitCode: ExitCode.dataError)
        }
        if let bad = labels.firstIndex(where: { $0 != 0 && $0 != 1 }) {
            throw ThresholdOptimizerError("Prediction row \(bad + 1) has label \(labels[bad]); labels must be 0 (stayed) or 1 (churned).",
                                          exitCode: ExitCode.dataError)
        }
        if let values, values.count != scores.count {
            throw ThresholdOptimizerError("There are \(scores.count) scores but \(values.count) customer values.", exitCode: ExitCode.dataError)
        }
        try profit?.validate()
        self.profit = profit
        scoresAreProbabilities = scores.allSatisfy { $0 >= 0 && $0 <= 1 }

        let positives = labels.reduce(0, +)
        let negatives = Double(labels.count) - positives
        let order = scores.indices.sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
        let cost = profit?.costPerContact ?? 0
        let success = profit?.successRate ?? 0
        let fallback = profit?.customerValue ?? 0
        var points: [ThresholdPoint] = []
        points.reserveCapacity(order.count + 1)
        points.append(ThresholdPoint(threshold: .infinity, flagged: 0,
                                     confusion: ConfusionMatrix(truePositives: 0, falsePositives: 0,
                                                                trueNegatives: negatives, falseNegatives: positives),
                                     cost: 0, netValue: 0))
        var tp = 0.0, fp = 0.0, savedValue = 0.0
        var k = 0
        while k < order.count {
            let s = scores[order[k]]
            while k < order.count && scores[order[k]] == s {
                let i = order[k]
                if labels[i] == 1 {
                    tp += 1
                    let v = values?[i] ?? fallback
                    savedValue += (v.isNaN ? fallback : v) * success
                } else {
                    fp += 1
                }
                k += 1
            }
            let spent = Double(k) * cost
            points.append(ThresholdPoint(threshold: s, flagged: k,
                                         confusion: ConfusionMatrix(truePositives: tp, falsePositives: fp,
                                                                    trueNegatives: negatives - fp, falseNegatives: positives - tp),
                                         cost: spent, netValue: profit == nil ? 0 : savedValue - spent))
        }
        self.points = points
    }

    /// The point that best meets `objective`, or nil when no threshold reaches it (a recall or precision
    /// target that is too high, or a profit objective without a profit model). Ties go to the higher threshold.
    public func best(_ objective: ThresholdObjective) -> ThresholdPoint? {
        let candidates = points.dropFirst()   // thresholds that flag at least one customer
        switch objective {
        case .f1:
            return argmax(candidates) { $0.f1 }
        case .profit:
            guard profit != nil else { return nil }
            return argmax(points[...]) { $0.netValue }
        case .recall(let target):
            // Recall only grows as the threshold falls: the first point reaching the target is the highest threshold.
            return candidates.first { $0.recall >= target - 1e-12 }
        case .precision(let floor):
            return candidates.last { $0.precision >= floor - 1e-12 }
        }
    }

    /// Like `best`, but throws a `ThresholdOptimizerError` explaining why no threshold qualifies.
    public func require(_ objective: ThresholdObjective) throws -> ThresholdPoint {
        if let point = best(objective) { return point }
        switch objective {
        case .profit:
            throw ThresholdOptimizerError("The profit objective needs a cost per contact, a customer value and a success rate.")
        case .recall(let r):
            throw ThresholdOptimizerError("No threshold reaches recall \(r): there are no churners in the predictions.", exitCode: ExitCode.dataError)
        case .precision(let p):
            let top = points.dropFirst().map(\.precision).max() ?? 0
            throw ThresholdOptimizerError("No threshold keeps precision at \(p) or above; the best precision at any threshold is "
                + TextTable.fixed(top, 3) + ". Lower the floor.", exitCode: ExitCode.dataError)
        case .f1:
            throw ThresholdOptimizerError("There are no predictions to choose a threshold from.", exitCode: ExitCode.dataError)
        }
    }

    /// The situation at an arbitrary threshold `t` (flagging every score `>= t`), reported with threshold `t`.
    public func point(at t: Double) -> ThresholdPoint {
        // points[1...] have strictly decreasing thresholds; find the last one with threshold >= t.
        var lo = 0, hi = points.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if points[mid].threshold >= t { lo = mid } else { hi = mid - 1 }
        }
        var p = points[lo]
        p.threshold = t
        return p
    }

    /// A comparison table of 5-10 thresholds, highest first: a grid (0.2, 0.3, ... 0.8 for probabilities;
    /// otherwise the scores that flag 5, 10, 20, 30, 50 and 70% of customers) plus the F1- and
    /// profit-optimal thresholds, without rows that repeat another (the same customers flagged, or a grid
    /// value within 0.01 of an optimum). Pass `thresholds` to choose them yourself.
    public func comparison(thresholds: [Double]? = nil) -> [ThresholdPoint] {
        var chosen: [Double]
        if let thresholds {
            chosen = thresholds
        } else if scoresAreProbabilities {
            chosen = stride(from: 2, through: 8, by: 1).map { Double($0) / 10 }
        } else {
            let n = points.count - 1
            chosen = [0.05, 0.10, 0.20, 0.30, 0.50, 0.70].compactMap { share -> Double? in
                let want = max(1, Int((Double(n) * share).rounded()))
                return points.dropFirst().first { $0.flagged >= want }?.threshold
            }
        }
        var seen = Set<Double>()
        guard thresholds == nil else {
            return chosen.filter { seen.insert($0).inserted }.sorted(by: >).map { point(at: $0) }
        }
        // The optima come first; a grid threshold that flags the same customers as a row already
        // kept, or lies within 0.01 of one on a probability scale, would only repeat it.
        var optima: [Double] = []
        if let f = best(.f1) { optima.append(f.threshold) }
        if let p = best(.profit), p.threshold.isFinite { optima.append(p.threshold) }
        var kept: [ThresholdPoint] = []
        for t in optima + chosen where seen.insert(t).inserted {
            let candidate = point(at: t)
            let repeats = kept.contains { other in
                other.flagged == candidate.flagged || (scoresAreProbabilities && abs(other.threshold - t) < 0.01)
            }
            if !repeats { kept.append(candidate) }
        }
        return kept.sorted { $0.threshold > $1.threshold }
    }

    /// A plain-text table of `rows` (threshold, precision, recall, F1, flagged, cost, net value).
    public static func table(_ rows: [ThresholdPoint]) -> String {
        var cells: [[String]] = [["threshold", "precision", "recall", "F1", "flagged", "cost", "net value"]]
        for p in rows {
            cells.append([p.threshold.isFinite ? TextTable.fixed(p.threshold, 4) : "none",
                          TextTable.fixed(p.precision, 3), TextTable.fixed(p.recall, 3), TextTable.fixed(p.f1, 3),
                          String(p.flagged), TextTable.money(p.cost), TextTable.money(p.netValue)])
        }
        return TextTable.render(cells, rightAligned: Set(0..<7))
    }

    private func argmax(_ slice: ArraySlice<ThresholdPoint>, _ key: (ThresholdPoint) -> Double) -> ThresholdPoint? {
        var best: ThresholdPoint?
        var bestKey = -Double.infinity
        for p in slice where key(p) > bestKey + 1e-12 {   // strict: earlier (higher) thresholds win ties
            best = p
            bestKey = key(p)
        }
        return best
    }
}
