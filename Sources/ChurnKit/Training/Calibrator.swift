import Foundation

/// The ways a model's scores can be turned into probabilities.
public enum CalibrationMethod: String, Codable, Sendable, CaseIterable {
    /// Use the scores as they are (only for scores that already are probabilities).
    case none
    /// Platt scaling (a sigmoid of the score, see `PlattScaling`).
    case platt
    /// Isotonic regression (a monotone step-and-ramp map, see `IsotonicRegression`).
    case isotonic
}

/// What a model's raw scores are.
public enum CalibrationScoreKind: String, Codable, Sendable {
    /// Probabilities in [0, 1]. Platt scaling is then fitted on their log-odds, log(p/(1−p)) with p
    /// clipped to [1e-12, 1 − 1e-12] (as scikit-learn ≥ 1.6 does for `predict_proba`), so the identity map
    /// (A = −1, B = 0) is one of the sigmoids it can choose.
    case probability
    /// Unbounded margins (decision values, log-odds). `CalibrationMethod.none` is not available.
    case margin
}

/// A fitted map from a model's scores to calibrated probabilities, chosen by cross-validated Brier score.
///
/// `choose` takes out-of-fold scores (each row scored by a model that did not train on it), splits them
/// again into stratified folds, and for each candidate method fits the map on the other folds and scores
/// the held-out fold. The candidate with the lowest pooled held-out Brier score wins (on a tie the
/// simpler one, in the order none, Platt, isotonic) and is then refitted on all rows. The per-method
/// cross-validated Brier scores and reliability-curve points (before, for probability scores, and after
/// calibration, from the held-out calibrated probabilities) are kept for the model's report.
public struct Calibrator: Codable, Sendable, Equatable {
    /// The cross-validated result of one candidate method.
    public struct Candidate: Codable, Sendable, Equatable {
        public var method: CalibrationMethod
        /// Weighted Brier score of the held-out calibrated probabilities.
        public var brier: Double
    }

    /// What the input scores are.
    public var scoreKind: CalibrationScoreKind
    /// The chosen method.
    public var method: CalibrationMethod
    /// The sigmoid, when `method` is `.platt`.
    public var platt: PlattScaling?
    /// The isotonic map, when `method` is `.isotonic`.
    public var isotonic: IsotonicRegression?
    /// Every method tried, with its cross-validated Brier score (empty when the method was given, not chosen).
    public var candidates: [Candidate]
    /// Folds used to compare the methods (0 when the method was given).
    public var folds: Int
    /// Reliability-curve points of the raw scores (probability scores only; empty for margins).
    public var reliabilityBefore: [CalibrationPoint]
    /// Reliability-curve points of the held-out calibrated probabilities of the chosen method.
    public var reliabilityAfter: [CalibrationPoint]

    /// The calibrated probability of one score.
    public func probability(_ score: Double) -> Double {
        switch method {
        case .none: return min(max(score, 0), 1)
        case .platt: return (platt ?? PlattScaling(a: -1, b: 0)).probability(Self.plattInput(score, scoreKind))
        case .isotonic: return isotonic?.value(score) ?? .nan
        }
    }

    /// The calibrated probabilities of many scores.
    public func probabilities(_ scores: [Double]) -> [Double] { scores.map(probability) }

    /// The score Platt scaling sees: the log-odds of a probability, or the margin itself.
    @inline(__always)
    static func plattInput(_ score: Double, _ kind: CalibrationScoreKind) -> Double {
        guard kind == .probability else { return score }
        let eps = 1e-12
        let p = min(max(score, eps), 1 - eps)
        return log(p / (1 - p))
    }

    /// Fits one given method on all rows, without comparing methods.
    public static func fitting(_ method: CalibrationMethod, scores: [Double], labels: [Double], weights: [Double]? = nil,
                               scoreKind: CalibrationScoreKind) throws -> Calibrator {
        try checkInput(scores: scores, labels: labels, weights: weights, scoreKind: scoreKind, methods: [method])
        var calibrator = Calibrator(scoreKind: scoreKind, method: method, platt: nil, isotonic: nil, candidates: [], folds: 0,
                                    reliabilityBefore: [], reliabilityAfter: [])
        calibrator.fitMap(scores: scores, labels: labels, weights: weights)
        if scoreKind == .probability {
            calibrator.reliabilityBefore = Metrics.calibrationCurve(probabilities: scores, labels: labels, weights: weights)
        }
        return calibrator
    }

    /// Chooses among `methods` by cross-validated Brier score on out-of-fold `scores` and fits the winner
    /// on all rows.
    ///
    /// Uses `StratifiedKFold` with `folds` folds (fewer when the rarer class has fewer rows, at least 2) and
    /// `seed`. Throws `TrainingError.oneClass` / `.tooFewMinority` when the labels cannot be split,
    /// `TrainingError.nonFinite` for a non-finite score, and `TrainingError.shapeMismatch` for mismatched
    /// lengths, no methods, or `.none` with margin scores.
    public static func choose(scores: [Double], labels: [Double], weights: [Double]? = nil,
                              scoreKind: CalibrationScoreKind,
                              methods: [CalibrationMethod] = CalibrationMethod.allCases,
                              folds: Int = 5, seed: UInt64 = 0, bins: Int = 10) throws -> Calibrator {
        let methods = methods.filter { scoreKind == .probability || $0 != .none }
        try checkInput(scores: scores, labels: labels, weights: weights, scoreKind: scoreKind, methods: methods)
        var positives = 0, negatives = 0
        for label in labels { if label > 0.5 { positives += 1 } else { negatives += 1 } }
        if positives == 0 || negatives == 0 { throw TrainingError.oneClass(label: positives == 0 ? 0 : 1) }
        let k = min(folds, positives, negatives)
        guard k >= 2 else { throw TrainingError.tooFewMinority(count: min(positives, negatives), needed: 2) }
        let assignment = try StratifiedKFold.folds(labels: labels, k: k, seed: seed)
        let splits = StratifiedKFold.splits(folds: assignment, k: k)

        var candidates: [Candidate] = []
        var heldOut: [[Double]] = []
        for method in methods {
            var predictions = [Double](repeating: .nan, count: scores.count)
            for split in splits {
                var fitted = Calibrator(scoreKind: scoreKind, method: method, platt: nil, isotonic: nil, candidates: [], folds: 0,
                                        reliabilityBefore: [], reliabilityAfter: [])
                fitted.fitMap(scores: split.training.map { scores[$0] }, labels: split.training.map { labels[$0] },
                              weights: weights.map { w in split.training.map { w[$0] } })
                for i in split.validation { predictions[i] = fitted.probability(scores[i]) }
            }
            candidates.append(Candidate(method: method, brier: Metrics.brierScore(probabilities: predictions, labels: labels, weights: weights)))
            heldOut.append(predictions)
        }
        var best = 0
        for c in candidates.indices.dropFirst() where candidates[c].brier < candidates[best].brier { best = c }

        var calibrator = Calibrator(scoreKind: scoreKind, method: methods[best], platt: nil, isotonic: nil,
                                    candidates: candidates, folds: k, reliabilityBefore: [], reliabilityAfter: [])
        calibrator.fitMap(scores: scores, labels: labels, weights: weights)
        if scoreKind == .probability {
            calibrator.reliabilityBefore = Metrics.calibrationCurve(probabilities: scores, labels: labels, weights: weights, bins: bins)
        }
        calibrator.reliabilityAfter = Metrics.calibrationCurve(probabilities: heldOut[best], labels: labels, weights: weights, bins: bins)
        return calibrator
    }

    /// Fits this calibrator's method on the given rows.
    private mutating func fitMap(scores: [Double], labels: [Double], weights: [Double]?) {
        switch method {
        case .none:
            platt = nil; isotonic = nil
        case .platt:
            platt = PlattScaling.fit(scores: scores.map { Self.plattInput($0, scoreKind) }, labels: labels, weights: weights)
            isotonic = nil
        case .isotonic:
            isotonic = IsotonicRegression(fitting: scores, labels: labels.map { $0 > 0.5 ? 1 : 0 }, weights: weights)
            platt = nil
        }
    }

    private static func checkInput(scores: [Double], labels: [Double], weights: [Double]?,
                                   scoreKind: CalibrationScoreKind, methods: [CalibrationMethod]) throws {
        guard scores.count == labels.count else {
            throw TrainingError.shapeMismatch("calibration got \(scores.count) scores for \(labels.count) labels")
        }
        if let weights {
            guard weights.count == labels.count else {
                throw TrainingError.shapeMismatch("calibration got \(weights.count) weights for \(labels.count) labels")
            }
            if let i = weights.firstIndex(where: { !($0 >= 0 && $0.isFinite) }) {
                throw TrainingError.shapeMismatch("calibration weight of row \(i + 1) is \(weights[i]); weights must be finite and not negative")
            }
        }
        guard !methods.isEmpty else { throw TrainingError.shapeMismatch("no calibration method to choose from") }
        if scoreKind == .margin && methods.contains(.none) {
            throw TrainingError.shapeMismatch("margin scores are not probabilities; calibrate them with Platt scaling or isotonic regression")
        }
        if let i = scores.firstIndex(where: { !$0.isFinite }) {
            throw TrainingError.nonFinite(feature: "score", row: i, value: scores[i])
        }
        if scoreKind == .probability, let i = scores.firstIndex(where: { $0 < 0 || $0 > 1 }) {
            throw TrainingError.shapeMismatch("score of row \(i + 1) is \(scores[i]), not a probability between 0 and 1")
        }
    }
}
