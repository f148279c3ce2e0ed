import Foundation

/// A fitted Gamma-Gamma model with what the fit found.
public struct GammaGammaFit: Sendable {
    /// The maximum-likelihood (or penalised) parameters.
    public var model: GammaGammaModel
    /// Σ wᵢ ℓᵢ over the customers used, without the penalty.
    public var logLikelihood: Double
    /// The minimised objective as `lifetimes` reports it: mean negative log-likelihood + penalizer × (p² + q² + v²).
    public var objective: Double
    /// The penalizer coefficient used.
    public var penalizer: Double
    /// Customers the model was fitted on (repeat buyers with a positive mean repeat value).
    public var customersUsed: Int
    /// Repeat buyers left out because their mean repeat purchase value was 0 or negative (e.g. refunds).
    public var customersExcluded: Int
    /// The optimiser's report (over ln p, ln q, ln v).
    public var optimization: MinimizationResult
}

extension GammaGammaModel {
    /// Fits Gamma-Gamma by maximum likelihood on the repeat buyers of an RFM summary (frequency > 0), as
    /// `lifetimes.GammaGammaFitter.fit` does on such customers: mean negative log-likelihood plus
    /// `penalizer` × (p² + q² + v²), minimised over log-parameters from 0.1.
    ///
    /// `lifetimes` refuses non-positive mean values; here those customers are left out and counted in
    /// `customersExcluded`. Throws when no repeat buyer with a positive mean value remains.
    public static func fit(_ summary: RFMSummary, penalizer: Double = 0) throws -> GammaGammaFit {
        guard penalizer >= 0, penalizer.isFinite else {
            throw CustomerValueError("The Gamma-Gamma penalizer must be 0 or more (got \(penalizer)).", exitCode: ExitCode.usage)
        }
        var x: [Double] = [], m: [Double] = []
        var excluded = 0
        for i in 0..<summary.count where summary.frequency[i] > 0 {
            let value = summary.monetaryValue[i]
            if value > 0 && value.isFinite {
                x.append(summary.frequency[i]); m.append(value)
            } else {
                excluded += 1
            }
        }
        guard !x.isEmpty else {
            throw CustomerValueError("The spend model needs repeat buyers with a positive average purchase value; "
                + "this data has none (\(summary.count) customers, \(excluded) repeat buyers with zero or negative values).")
        }
        let likelihood = GammaGammaLikelihood(frequency: x, monetaryValue: m)
        let n = Double(x.count)
        var g3 = [Double](repeating: 0, count: 3)
        let result = Optimizer.minimize(start: [0.1, 0.1, 0.1]) { theta, gradient in
            let p = theta.map { exp($0) }
            guard p.allSatisfy({ $0.isFinite && $0 > 0 }) else { return .infinity }
            let ll = likelihood.logLikelihood(p: p[0], q: p[1], v: p[2], gradient: &g3)
            var penalty = 0.0
            for i in 0..<3 {
                penalty += p[i] * p[i]
                gradient[i] = -g3[i] * p[i] / n + 2 * penalizer * p[i] * p[i]
            }
            return -ll / n + penalizer * penalty
        }
        let p = result.point.map { exp($0) }
        guard result.value.isFinite, p.allSatisfy({ $0.isFinite && $0 > 0 }) else {
            throw CustomerValueError("The Gamma-Gamma spend model did not converge on this data (\(x.count) repeat buyers). "
                + "Try a penalizer such as 0.001.")
        }
        let ll = likelihood.logLikelihood(p: p[0], q: p[1], v: p[2], gradient: &g3)
        return GammaGammaFit(model: GammaGammaModel(p: p[0], q: p[1], v: p[2]), logLikelihood: ll, objective: result.value,
                             penalizer: penalizer, customersUsed: x.count, customersExcluded: excluded, optimization: result)
    }
}

/// The Gamma-Gamma log-likelihood Σ ℓᵢ and its gradient in (p, q, v) (note 025, equation 1a):
///
///     ℓᵢ = lnΓ(px + q) − lnΓ(px) − lnΓ(q) + q ln v + (px − 1) ln m + px ln x − (px + q) ln(xm + v)
///
/// evaluated as  [lnΓ(px + q) − lnΓ(px) − lnΓ(q) + q ln v] − ln m − px·log1p(v/(xm)) − q·ln(xm + v),
/// which avoids subtracting large, nearly equal terms (the likelihood is flat along a ridge in (p, q, v),
/// so rounding noise would otherwise stall the optimiser). The bracket is computed once per distinct
/// frequency; customers are summed in fixed chunks, then the chunks in order.
struct GammaGammaLikelihood {
    let x: [Double]
    let monetaryValue: [Double]
    /// Customers per frequency (index = frequency).
    let countByFrequency: [Double]
    let sumLogM: Double

    static let chunk = 4096

    init(frequency: [Double], monetaryValue: [Double]) {
        x = frequency
        self.monetaryValue = monetaryValue
        var counts = [Double](repeating: 0, count: Int(frequency.max() ?? 0) + 1)
        var s0 = 0.0
        for (xi, mi) in zip(frequency, monetaryValue) {
            counts[Int(xi)] += 1
            s0 += log(mi)
        }
        countByFrequency = counts
        sumLogM = s0
    }

    func logLikelihood(p: Double, q: Double, v: Double, gradient: inout [Double]) -> Double {
        let lnV = log(v), lgQ = BGNBDMath.lnGamma(q), psiQ = BGNBDMath.digamma(q)
        var sum = -sumLogM
        var gp = 0.0, gq = 0.0, gv = 0.0
        for k in 1..<countByFrequency.count where countByFrequency[k] > 0 {
            let c = countByFrequency[k], xk = Double(k), px = p * xk
            let psiPXQ = BGNBDMath.digamma(px + q)
            sum += c * (BGNBDMath.lnGammaRatio(px, q) - lgQ + q * lnV)
            gp += c * xk * (psiPXQ - BGNBDMath.digamma(px))
            gq += c * (psiPXQ - psiQ + lnV)
            gv += c * q / v
        }
        x.withUnsafeBufferPointer { xs in
            monetaryValue.withUnsafeBufferPointer { ms in
                var lo = 0
                while lo < xs.count {
                    let hi = min(xs.count, lo + Self.chunk)
                    var s = 0.0, dp = 0.0, dq = 0.0, dv = 0.0
                    for i in lo..<hi {
                        let xi = xs[i], xm = xi * ms[i]
                        let shrink = log1p(v / xm)
                        let l = log(xm + v)
                        s -= p * xi * shrink + q * l
                        dp -= xi * shrink
                        dq -= l
                        dv -= (p * xi + q) / (xm + v)
                    }
                    sum += s; gp += dp; gq += dq; gv += dv
                    lo = hi
                }
            }
        }
        gradient[0] = gp; gradient[1] = gq; gradient[2] = gv
        return sum
    }
}
