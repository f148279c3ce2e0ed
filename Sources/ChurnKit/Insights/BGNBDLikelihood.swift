import Dispatch
import Foundation

/// The BG/NBD log-likelihood over many customers, with its gradient, as `lifetimes` computes it
/// (Fader, Hardie & Lee 2005, section 7; http://brucehardie.com/notes/004/):
///
///     ℓᵢ = A₁ + A₂ + ln(exp(A₃) + [xᵢ > 0] exp(A₄))
///     A₁ = lnΓ(r + x) − lnΓ(r) + r ln α
///     A₂ = lnΓ(a + b) + lnΓ(b + x) − lnΓ(b) − lnΓ(a + b + x)
///     A₃ = −(r + x) ln(α + T)
///     A₄ = ln a − ln(b + max(x, 1) − 1) − (r + x) ln(α + tₓ)
///
/// The terms that depend only on x (all the lnΓ and ψ calls) are computed once per distinct frequency and
/// weighted by how many customers have it, so a pass over the customers costs two logarithms, one
/// exponential and one log1p per repeat buyer. Customers are split into fixed chunks summed in order
/// (on both cores for large inputs), so results do not depend on the machine.
struct BGNBDLikelihood {
    /// Frequency per customer, as an index into the per-frequency tables.
    let x: [Int32]
    let recency: [Double]
    let age: [Double]
    let weight: [Double]
    /// Total weight of the customers with each frequency.
    let weightByFrequency: [Double]
    let totalWeight: Double

    static let chunk = 32_768

    init(frequency: [Double], recency: [Double], age: [Double], weight: [Double]) {
        x = frequency.map { Int32($0) }
        self.recency = recency
        self.age = age
        self.weight = weight
        var byX = [Double](repeating: 0, count: Int(x.max() ?? 0) + 1)
        for (k, w) in zip(x, weight) { byX[Int(k)] += w }
        weightByFrequency = byX
        totalWeight = weight.reduce(0, +)
    }

    /// Σ wᵢ ℓᵢ at (r, α, a, b) and, when `gradient` is given, its partial derivatives with respect to r, α, a, b.
    func logLikelihood(r: Double, alpha: Double, a: Double, b: Double, gradient: UnsafeMutablePointer<Double>?) -> Double {
        let maxX = weightByFrequency.count - 1
        // Per-frequency terms.
        var sum = 0.0, gr = 0.0, gAlpha = 0.0, ga = 0.0, gb = 0.0
        var c4 = [Double](repeating: 0, count: maxX + 1)   // ln a − ln(b + x − 1)
        var invB = [Double](repeating: 0, count: maxX + 1) // 1 / (b + x − 1)
        let lnAlpha = log(alpha)
        let lgR = BGNBDMath.lnGamma(r), lgAB = BGNBDMath.lnGamma(a + b), lgB = BGNBDMath.lnGamma(b)
        let psiR = BGNBDMath.digamma(r), psiAB = BGNBDMath.digamma(a + b), psiB = BGNBDMath.digamma(b)
        let lnA = log(a)
        let wantGradient = gradient != nil
        for k in 0...maxX {
            let w = weightByFrequency[k]
            if k > 0 {
                c4[k] = lnA - log(b + Double(k) - 1)
                invB[k] = 1 / (b + Double(k) - 1)
            }
            guard w != 0 else { continue }
            let xk = Double(k)
            sum += w * (BGNBDMath.lnGamma(r + xk) - lgR + r * lnAlpha + lgAB - lgB - BGNBDMath.lnGammaRatio(b + xk, a))
            if wantGradient {
                let psiABX = BGNBDMath.digamma(a + b + xk)
                gr += w * (BGNBDMath.digamma(r + xk) - psiR + lnAlpha)
                gAlpha += w * r / alpha
                ga += w * (psiAB - psiABX)
                gb += w * (psiAB + BGNBDMath.digamma(b + xk) - psiB - psiABX)
            }
        }
        // Per-customer terms, chunked.
        let n = x.count
        let chunks = (n + Self.chunk - 1) / Self.chunk
        var partial = [Double](repeating: 0, count: chunks * 5)
        x.withUnsafeBufferPointer { xs in
            recency.withUnsafeBufferPointer { txs in
                age.withUnsafeBufferPointer { ts in
                    weight.withUnsafeBufferPointer { ws in
                        c4.withUnsafeBufferPointer { c4s in
                            invB.withUnsafeBufferPointer { invBs in
                                partial.withUnsafeMutableBufferPointer { out in
                                    nonisolated(unsafe) let xs = xs, txs = txs, ts = ts, ws = ws, c4s = c4s, invBs = invBs, out = out
                                    let work: @Sendable (Int) -> Void = { c in
                                        let lo = c * Self.chunk, hi = min(n, lo + Self.chunk)
                                        var s = 0.0, dr = 0.0, dAlpha = 0.0, da = 0.0, db = 0.0
                                        for i in lo..<hi {
                                            let k = Int(xs[i])
                                            let w = ws[i]
                                            let rx = r + Double(k)
                                            let aT = alpha + ts[i]
                                            let l3 = log(aT)
                                            let a3 = -rx * l3
                                            if k == 0 {
                                                s += w * a3
                                                if wantGradient {
                                                    dr -= w * l3
                                                    dAlpha -= w * rx / aT
                                                }
                                                continue
                                            }
                                            let aTx = alpha + txs[i]
                                            let l4 = log(aTx)
                                            let a4 = c4s[k] - rx * l4
                                            let e = exp(-abs(a3 - a4))
                                            s += w * (max(a3, a4) + log1p(e))
                                            if wantGradient {
                                                let share = 1 / (1 + e)
                                                let w3 = a3 >= a4 ? share : e * share
                                                let w4 = 1 - w3
                                                dr -= w * (w3 * l3 + w4 * l4)
                                                dAlpha -= w * rx * (w3 / aT + w4 / aTx)
                                                da += w * w4 / a
                                                db -= w * w4 * invBs[k]
                                            }
                                        }
                                        out[c * 5] = s; out[c * 5 + 1] = dr; out[c * 5 + 2] = dAlpha
                                        out[c * 5 + 3] = da; out[c * 5 + 4] = db
                                    }
                                    if chunks > 2 {
                                        DispatchQueue.concurrentPerform(iterations: chunks, execute: work)
                                    } else {
                                        for c in 0..<chunks { work(c) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        for c in 0..<chunks {
            sum += partial[c * 5]; gr += partial[c * 5 + 1]; gAlpha += partial[c * 5 + 2]
            ga += partial[c * 5 + 3]; gb += partial[c * 5 + 4]
        }
        if let g = gradient {
            g[0] = gr; g[1] = gAlpha; g[2] = ga; g[3] = gb
        }
        return sum
    }
}
