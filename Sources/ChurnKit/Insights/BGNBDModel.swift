import Foundation

/// The BG/NBD ("beta-geometric / negative binomial") model of repeat buying (Fader, Hardie & Lee 2005,
/// "Counting Your Customers the Easy Way"): while active, a customer buys as a Poisson process with rate
/// λ ~ Gamma(r, α); after each purchase they become inactive with probability p ~ Beta(a, b).
///
/// Times (recency, age, horizons) are in the unit the model was fitted in (days for summaries built from a
/// transaction log); `alpha` is in that unit too. The predictions follow `lifetimes`' `BetaGeoFitter`.
public struct BGNBDModel: Sendable, Codable, Equatable {
    /// Shape of the purchase-rate distribution.
    public var r: Double
    /// Scale of the purchase-rate distribution (in time units).
    public var alpha: Double
    /// First shape of the dropout-probability distribution.
    public var a: Double
    /// Second shape of the dropout-probability distribution.
    public var b: Double

    public init(r: Double, alpha: Double, a: Double, b: Double) {
        self.r = r
        self.alpha = alpha
        self.a = a
        self.b = b
    }

    /// The log-likelihood of one customer's history (x = frequency, tₓ = recency, T = age).
    public func logLikelihood(frequency x: Double, recency tx: Double, age t: Double) -> Double {
        let a1 = BGNBDMath.lnGamma(r + x) - BGNBDMath.lnGamma(r) + r * log(alpha)
        let a2 = BGNBDMath.lnGamma(a + b) + BGNBDMath.lnGamma(b + x) - BGNBDMath.lnGamma(b) - BGNBDMath.lnGamma(a + b + x)
        let a3 = -(r + x) * log(alpha + t)
        guard x > 0 else { return a1 + a2 + a3 }
        let a4 = log(a) - log(b + x - 1) - (r + x) * log(alpha + tx)
        return a1 + a2 + max(a3, a4) + log1p(exp(-abs(a3 - a4)))
    }

    /// P(alive | x, tₓ, T): the probability that the customer has not dropped out by the end of observation
    /// (Fader, Hardie & Lee, note 021). Always 1 for one-time buyers (x = 0): in BG/NBD a customer can only
    /// drop out right after a purchase, so use `probabilityOfNoPurchase` as a churn score instead.
    public func probabilityAlive(frequency x: Double, recency tx: Double, age t: Double) -> Double {
        guard x > 0 else { return 1 }
        let logDiv = (r + x) * log((alpha + t) / (alpha + tx)) + log(a / (b + x - 1))
        return 1 / (1 + exp(logDiv))
    }

    /// E[X(t)]: expected repeat purchases in a period of length t for a new customer (equation 9).
    public func expectedPurchases(within t: Double) -> Double {
        guard t > 0 else { return 0 }
        return expectation(t: t, x: 0, age: 0)
    }

    /// E[X(T, T + t) | x, tₓ, T]: expected purchases in the next t time units given the history (equation 10).
    ///
    /// Equals `probabilityAlive` × `expectedPurchasesIfAlive` (lifetimes' numerator / denominator).
    public func conditionalExpectedPurchases(within t: Double, frequency x: Double, recency tx: Double, age: Double) -> Double {
        guard t > 0 else { return 0 }
        let numerator = expectedPurchasesIfAlive(within: t, frequency: x, age: age)
        let denominator = 1 + (x > 0 ? a / (b + x - 1) * pow((alpha + age) / (alpha + tx), r + x) : 0)
        return numerator / denominator
    }

    /// E[X(T, T + t) | x, T, still active at T]: expected purchases in the next t time units for a customer
    /// known to be active. It does not depend on recency, so customers sharing (frequency, age) share it.
    public func expectedPurchasesIfAlive(within t: Double, frequency x: Double, age: Double) -> Double {
        guard t > 0 else { return 0 }
        return expectation(t: t, x: x, age: age)
    }

    /// P(no purchase in (T, T + t] | x, tₓ, T): the churn score BG/NBD gives for a horizon t.
    ///
    /// Dead customers never buy; a customer still alive buys nothing in the window with probability
    /// ((α + T)/(α + T + t))^(r + x) (their posterior purchase rate is Gamma(r + x, α + T), and dropping
    /// out needs a purchase first), so the result is 1 − P(alive) + P(alive)·((α + T)/(α + T + t))^(r + x).
    public func probabilityOfNoPurchase(within t: Double, frequency x: Double, recency tx: Double, age: Double) -> Double {
        guard t > 0 else { return 1 }
        let alive = probabilityAlive(frequency: x, recency: tx, age: age)
        let quiet = exp((r + x) * (log(alpha + age) - log(alpha + age + t)))
        return 1 - alive + alive * quiet
    }

    /// (a + b + x − 1)/(a − 1) · [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x; a+b+x−1; z)], z = t/(α+T+t),
    /// evaluated through Euler's transformation ₂F₁(A,B;C;z) = (1−z)^(C−A−B) ₂F₁(C−A, C−B; C; z), which
    /// turns the bracket into 1 − (1−z)^(a−1) ₂F₁(a+b−1−r, a−1; a+b+x−1; z): a series with small
    /// numerator parameters whatever x is, summed without cancellation via expm1/log1p.
    private func expectation(t: Double, x: Double, age: Double) -> Double {
        var shape = a
        if abs(shape - 1) < 1e-9 { shape = 1 + 1e-9 }  // the formula's removable singularity at a = 1
        let z = t / (alpha + age + t)
        let tail = BGNBDMath.hypergeometric2F1MinusOne(shape + b - 1 - r, shape - 1, shape + b + x - 1, z)
        let bracket = -expm1((shape - 1) * log1p(-z) + log1p(tail))
        return (shape + b + x - 1) / (shape - 1) * bracket
    }
}
