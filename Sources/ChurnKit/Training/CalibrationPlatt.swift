import Foundation

/// Platt scaling: a probability P(churn | score f) = 1 / (1 + exp(A·f + B)) fitted to scores and labels.
///
/// Fitting follows Platt (2000) with the numerically robust Newton method of Lin, Lin and Weng (2007),
/// "A note on Platt's probabilistic outputs for support vector machines": targets are smoothed to
/// (N₊ + 1)/(N₊ + 2) for positives and 1/(N₋ + 2) for negatives (N₊, N₋ the total weight of each
/// class, as scikit-learn's `_sigmoid_calibration`), the loss is evaluated without overflow, and each
/// Newton step (with a 1e-12 ridge on the Hessian) is followed by a backtracking line search with the
/// Armijo condition. Row weights multiply each row's loss. A is normally negative (higher scores mean
/// higher probability). The minimiser is the one scikit-learn's L-BFGS finds, to its tolerance.
public struct PlattScaling: Codable, Sendable, Equatable {
    /// The slope A (negative when higher scores mean churn).
    public var a: Double
    /// The offset B.
    public var b: Double

    public init(a: Double, b: Double) {
        self.a = a
        self.b = b
    }

    /// The calibrated probability of one score. NaN stays NaN.
    @inline(__always)
    public func probability(_ score: Double) -> Double {
        let t = a * score + b
        // 1/(1+e^t), written so neither branch overflows.
        if t >= 0 { let e = exp(-t); return e / (1 + e) }
        return 1 / (1 + exp(t))
    }

    /// The calibrated probabilities of many scores.
    public func probabilities(_ scores: [Double]) -> [Double] { scores.map(probability) }

    /// The outcome of a fit.
    public struct FitReport: Sendable, Equatable {
        /// Newton iterations used.
        public var iterations: Int
        /// Whether the gradient fell below the tolerance (otherwise the line search stalled at the
        /// best point it could reach, which is still a valid, slightly less precise fit).
        public var converged: Bool
        /// The minimised weighted cross-entropy against the smoothed targets.
        public var loss: Double
    }

    /// Fits A and B to `scores` (finite; NaN rows are skipped) and 0/1 `labels` with optional row weights.
    /// Both classes should be present; with one class the fit still returns finite, very confident values.
    public static func fit(scores: [Double], labels: [Double], weights: [Double]? = nil,
                           maxIterations: Int = 100) -> PlattScaling {
        fitWithReport(scores: scores, labels: labels, weights: weights, maxIterations: maxIterations).model
    }

    /// `fit`, plus how the Newton method went.
    public static func fitWithReport(scores: [Double], labels: [Double], weights: [Double]? = nil,
                                     maxIterations: Int = 100) -> (model: PlattScaling, report: FitReport) {
        precondition(scores.count == labels.count, "Platt scaling: \(scores.count) scores but \(labels.count) labels")
        if let weights { precondition(weights.count == labels.count, "Platt scaling: \(weights.count) weights for \(labels.count) labels") }
        // Compact copies without NaN scores and zero weights.
        var f: [Double] = [], t: [Double] = [], w: [Double] = []
        f.reserveCapacity(scores.count); t.reserveCapacity(scores.count); w.reserveCapacity(scores.count)
        var prior0 = 0.0, prior1 = 0.0
        for i in scores.indices where !scores[i].isNaN {
            let weight = weights?[i] ?? 1
            guard weight > 0 else { continue }
            f.append(scores[i]); w.append(weight)
            if labels[i] > 0.5 { prior1 += weight; t.append(1) } else { prior0 += weight; t.append(0) }
        }
        let hiTarget = (prior1 + 1) / (prior1 + 2), loTarget = 1 / (prior0 + 2)
        for i in t.indices { t[i] = t[i] == 1 ? hiTarget : loTarget }
        let n = f.count

        // Loss Σ wᵢ·[tᵢ·(Afᵢ+B) + log(1 + exp(−(Afᵢ+B)))] written without overflow (LLW 2007, Alg. 1).
        func loss(_ a: Double, _ b: Double) -> Double {
            var sum = 0.0
            for i in 0..<n {
                let z = f[i] * a + b
                sum += w[i] * (z >= 0 ? t[i] * z + log1p(exp(-z)) : (t[i] - 1) * z + log1p(exp(z)))
            }
            return sum
        }

        var a = 0.0
        var b = log((prior0 + 1) / (prior1 + 1))
        var value = loss(a, b)
        let sigma = 1e-12, minStep = 1e-10
        // Stop when the gradient is negligible relative to the total weight.
        let tolerance = 1e-11 * max(prior0 + prior1, 1)
        var iterations = 0
        var converged = false
        while iterations < maxIterations {
            var h11 = sigma, h22 = sigma, h21 = 0.0, g1 = 0.0, g2 = 0.0
            for i in 0..<n {
                let z = f[i] * a + b
                let p: Double, q: Double
                if z >= 0 { let e = exp(-z); p = e / (1 + e); q = 1 / (1 + e) } else { let e = exp(z); p = 1 / (1 + e); q = e / (1 + e) }
                let d2 = w[i] * p * q
                h11 += f[i] * f[i] * d2
                h22 += d2
                h21 += f[i] * d2
                let d1 = w[i] * (t[i] - p)
                g1 += f[i] * d1
                g2 += d1
            }
            if abs(g1) < tolerance && abs(g2) < tolerance { converged = true; break }
            iterations += 1
            let det = h11 * h22 - h21 * h21
            let dA = -(h22 * g1 - h21 * g2) / det
            let dB = -(-h21 * g1 + h11 * g2) / det
            let gd = g1 * dA + g2 * dB
            var step = 1.0
            var accepted = false
            while step >= minStep {
                let newA = a + step * dA, newB = b + step * dB
                let newValue = loss(newA, newB)
                if newValue < value + 1e-4 * step * gd {
                    a = newA; b = newB; value = newValue; accepted = true
                    break
                }
                step /= 2
            }
            if !accepted {
                // No decrease possible at double precision: the point is as good as it gets.
                converged = abs(g1) < 1e-6 * max(prior0 + prior1, 1) && abs(g2) < 1e-6 * max(prior0 + prior1, 1)
                break
            }
        }
        return (PlattScaling(a: a, b: b), FitReport(iterations: iterations, converged: converged, loss: value))
    }
}
