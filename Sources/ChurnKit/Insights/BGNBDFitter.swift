import Foundation

/// A fitted BG/NBD model with what the fit found.
public struct BGNBDFit: Sendable {
    /// The maximum-likelihood (or penalised) parameters, in the data's time unit.
    public var model: BGNBDModel
    /// Σ wᵢ ℓᵢ in the data's own time unit, without the penalty (comparable to published values, e.g.
    /// −9582.4 for CDNOW in weeks).
    public var logLikelihood: Double
    /// The minimised objective exactly as `lifetimes` reports it: the mean negative log-likelihood on time
    /// scaled so that the oldest customer has age 1, plus penalizer × (r² + α_scaled² + a² + b²).
    public var objective: Double
    /// The time scale used while fitting (1 / largest age).
    public var timeScale: Double
    /// The penalizer coefficient used.
    public var penalizer: Double
    /// Number of customers (sum of weights).
    public var customers: Double
    /// The optimiser's report (over log-parameters ln r, ln α_scaled, ln a, ln b).
    public var optimization: MinimizationResult
}

extension BGNBDModel {
    /// Fits BG/NBD by maximum likelihood to an RFM summary, as `lifetimes.BetaGeoFitter.fit` does.
    ///
    /// Like `lifetimes`, time is rescaled so that the largest age is 1, the objective is the mean negative
    /// log-likelihood plus `penalizer` × the sum of squared (scaled) parameters, and the search runs over
    /// log-parameters from ln-parameters 0.1 (BFGS with analytic gradients, Nelder-Mead fallback; see
    /// `Optimizer`). `weights` counts customers per row (for summaries condensed into patterns).
    ///
    /// Throws when the data cannot identify the model (no customers, no repeat buyer, everyone of age 0) or the optimiser
    /// cannot find a finite optimum.
    public static func fit(_ summary: RFMSummary, penalizer: Double = 0, weights: [Double]? = nil) throws -> BGNBDFit {
        let n = summary.count
        guard n > 0 else { throw CustomerValueError("BG/NBD needs at least one customer; the summary is empty.") }
        if let w = weights {
            guard w.count == n, w.allSatisfy({ $0 >= 0 && $0.isFinite }), w.contains(where: { $0 > 0 }) else {
                throw CustomerValueError("BG/NBD weights need one non-negative number per customer (\(n)), not all zero.", exitCode: ExitCode.usage)
            }
        }
        guard penalizer >= 0, penalizer.isFinite else {
            throw CustomerValueError("The BG/NBD penalizer must be 0 or more (got \(penalizer)).", exitCode: ExitCode.usage)
        }
        for i in 0..<n {
            let x = summary.frequency[i], tx = summary.recency[i], t = summary.age[i]
            guard x >= 0, x <= 10_000_000, x == x.rounded(), tx >= 0, tx <= t, t.isFinite else {
                throw CustomerValueError("RFM summary, customer \(summary.customerIDs[i]): frequency \(x), recency \(tx), age \(t) "
                    + "are not a valid history (need a whole frequency ≥ 0 and 0 ≤ recency ≤ age).")
            }
        }
        guard summary.frequency.contains(where: { $0 > 0 }) else {
            throw CustomerValueError("BG/NBD needs at least one repeat buyer (a customer who bought on two or more days); "
                + "none of the \(n) customers did, so the dropout process cannot be estimated.")
        }
        let maxAge = summary.age.max() ?? 0
        guard maxAge > 0 else {
            throw CustomerValueError("Every customer made their first purchase on the observation end date, so there is no "
                + "history to fit BG/NBD to. Choose a later observation end.")
        }
        let scale = 1 / maxAge
        let w = weights ?? [Double](repeating: 1, count: n)
        let likelihood = BGNBDLikelihood(frequency: summary.frequency, recency: summary.recency.map { $0 * scale },
                                         age: summary.age.map { $0 * scale }, weight: w)
        let total = likelihood.totalWeight
        var g4 = [Double](repeating: 0, count: 4)
        let result = Optimizer.minimize(start: [0.1, 0.1, 0.1, 0.1]) { theta, gradient in
            let p = theta.map { exp($0) }
            guard p.allSatisfy({ $0.isFinite && $0 > 0 }) else { return .infinity }
            let ll = g4.withUnsafeMutableBufferPointer { g in
                likelihood.logLikelihood(r: p[0], alpha: p[1], a: p[2], b: p[3], gradient: g.baseAddress)
            }
            var penalty = 0.0
            for i in 0..<4 {
                penalty += p[i] * p[i]
                gradient[i] = -g4[i] * p[i] / total + 2 * penalizer * p[i] * p[i]
            }
            return -ll / total + penalizer * penalty
        }
        let p = result.point.map { exp($0) }
        guard result.value.isFinite, p.allSatisfy({ $0.isFinite && $0 > 0 }) else {
            throw CustomerValueError("The BG/NBD fit did not converge on this data (\(n) customers). "
                + "Try a penalizer such as 0.001, or check that the data has repeat purchases.")
        }
        let model = BGNBDModel(r: p[0], alpha: p[1] / scale, a: p[2], b: p[3])
        // ℓ in the original time unit: rescaling time by c shifts each customer's ℓ by −x ln c.
        let scaledLL = likelihood.logLikelihood(r: p[0], alpha: p[1], a: p[2], b: p[3], gradient: nil)
        var shift = 0.0
        for i in 0..<n { shift += w[i] * summary.frequency[i] }
        return BGNBDFit(model: model, logLikelihood: scaledLL + shift * log(scale), objective: result.value,
                        timeScale: scale, penalizer: penalizer, customers: total, optimization: result)
    }
}
