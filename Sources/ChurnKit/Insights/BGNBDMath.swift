import Foundation

/// Special functions the BG/NBD and Gamma-Gamma models need: the digamma function (for likelihood
/// gradients) and the Gauss hypergeometric series ₂F₁ (for conditional expectations).
enum BGNBDMath {
    /// ψ(x) = d/dx ln Γ(x) for x > 0: recurrence up to x ≥ 10, then the asymptotic series to x⁻¹⁴ (error < 1e-15).
    static func digamma(_ x0: Double) -> Double {
        guard x0 > 0, x0.isFinite else { return x0 == .infinity ? .infinity : .nan }
        var x = x0
        var result = 0.0
        while x < 10 {
            result -= 1 / x
            x += 1
        }
        let inv = 1 / x
        let inv2 = inv * inv
        // ln x − 1/(2x) − Σ B₂ₖ/(2k x²ᵏ)
        let series = inv2 * (1.0 / 12 - inv2 * (1.0 / 120 - inv2 * (1.0 / 252 - inv2 * (1.0 / 240
            - inv2 * (1.0 / 132 - inv2 * (691.0 / 32760 - inv2 / 12))))))
        return result + log(x) - 0.5 * inv - series
    }

    /// ln Γ(x) for x > 0.
    @inline(__always)
    static func lnGamma(_ x: Double) -> Double {
        let value: Double = Foundation.lgamma(x)
        return value
    }

    /// ln Γ(z + q) − ln Γ(z) for z, z + q > 0, without the cancellation of subtracting two large ln Γ values:
    /// for z ≥ 10 by the difference of Stirling series, (z − ½)·log1p(q/z) + q·ln(z + q) − q + S(z + q) − S(z)
    /// with S(y) = 1/(12y) − 1/(360y³) + 1/(1260y⁵) − 1/(1680y⁷) + 1/(1188y⁹) (error below 1e-14).
    static func lnGammaRatio(_ z: Double, _ q: Double) -> Double {
        if z < 10 || z + q < 10 { return lnGamma(z + q) - lnGamma(z) }
        func stirlingTail(_ y: Double) -> Double {
            let inv = 1 / y, inv2 = inv * inv
            return inv * (1.0 / 12 - inv2 * (1.0 / 360 - inv2 * (1.0 / 1260 - inv2 * (1.0 / 1680 - inv2 / 1188))))
        }
        return (z - 0.5) * log1p(q / z) + q * log(z + q) - q + (stirlingTail(z + q) - stirlingTail(z))
    }

    /// ₂F₁(a, b; c; z) − 1 by its power series, for 0 ≤ z < 1 and c not a non-positive integer.
    ///
    /// Returns the sum without its leading 1 so that callers can form log1p/expm1 without cancellation.
    /// Convergence is geometric in z; the loop allows up to 200,000 terms (z close to 1 with c ≤ a + b
    /// converges slowly) and returns NaN if the terms have not become negligible by then.
    static func hypergeometric2F1MinusOne(_ a: Double, _ b: Double, _ c: Double, _ z: Double) -> Double {
        guard z >= 0, z < 1 else { return .nan }
        if z == 0 { return 0 }
        var term = 1.0
        var sum = 0.0
        var k = 0.0
        // Past this index no factor (a + k) or (b + k) changes sign, so a tiny term means a tiny tail.
        let settled = max(0, -a, -b, -c) + 1
        while k < 200_000 {
            term *= (a + k) * (b + k) / ((c + k) * (k + 1)) * z
            sum += term
            if term == 0 && (a + k == 0 || b + k == 0) { return sum }  // a terminating series
            if k >= settled, abs(term) <= 1e-17 * abs(sum),
               abs((a + k + 1) * (b + k + 1) / ((c + k + 1) * (k + 2)) * z) < 1 { return sum }
            if !term.isFinite { return .nan }
            k += 1
        }
        return .nan
    }
}
