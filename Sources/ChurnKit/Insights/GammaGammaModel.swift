import Foundation

/// The Gamma-Gamma model of spend per purchase (Fader, Hardie & Lee 2005, "RFM and CLV: Using Iso-Value
/// Curves for Customer Base Analysis"; http://brucehardie.com/notes/025/): a customer's purchase values are
/// Gamma(p, ν) with ν ~ Gamma(q, γ) across customers (`v` is γ). Spend is assumed independent of purchase
/// frequency. The predictions follow `lifetimes`' `GammaGammaFitter`.
public struct GammaGammaModel: Sendable, Codable, Equatable {
    /// Shape of each purchase's value.
    public var p: Double
    /// Shape of the distribution of the customers' rate parameter.
    public var q: Double
    /// Scale (γ) of the distribution of the customers' rate parameter.
    public var v: Double

    public init(p: Double, q: Double, v: Double) {
        self.p = p
        self.q = q
        self.v = v
    }

    /// Whether the population mean spend per purchase, v·p/(q − 1), is finite (q > 1).
    public var hasFiniteMean: Bool { q > 1 }

    /// The population mean spend per purchase v·p/(q − 1) (infinite when q ≤ 1).
    public var populationMeanSpend: Double { hasFiniteMean ? v * p / (q - 1) : .infinity }

    /// The log-likelihood of one customer's x repeat purchases with mean value m (x > 0, m > 0).
    public func logLikelihood(frequency x: Double, monetaryValue m: Double) -> Double {
        let px = p * x
        return BGNBDMath.lnGamma(px + q) - BGNBDMath.lnGamma(px) - BGNBDMath.lnGamma(q) + q * log(v)
            + (px - 1) * log(m) + px * log(x) - (px + q) * log(x * m + v)
    }

    /// E[spend per purchase | x, m]: the customer's mean repeat purchase value shrunk toward the population
    /// mean, with weight p·x/(p·x + q − 1) on their own mean (equation 5 of note 025).
    ///
    /// For one-time buyers (x = 0) this is the population mean. When q ≤ 1 the population mean is infinite and
    /// the model gives no usable shrinkage: the customer's own mean is returned (NaN for x = 0).
    public func conditionalExpectedAverageProfit(frequency x: Double, monetaryValue m: Double) -> Double {
        guard hasFiniteMean else { return x > 0 ? m : .nan }
        let own = p * x / (p * x + q - 1)
        return (1 - own) * populationMeanSpend + own * m
    }

    /// Discounted customer lifetime value exactly as `lifetimes`' `customer_lifetime_value`: for each month
    /// i = 1...months, the expected purchases in that month (BG/NBD, conditional on the history) times the
    /// expected spend per purchase, divided by (1 + monthlyDiscountRate)^i.
    ///
    /// `periodsPerMonth` converts months to the models' time unit: 30 for days (lifetimes' "D"), 4.345 for
    /// weeks ("W"), 1 for months.
    public func lifetimeValue(using purchases: BGNBDModel, frequency x: Double, recency tx: Double, age: Double,
                              monetaryValue m: Double, months: Int = 12, monthlyDiscountRate: Double = 0.01,
                              periodsPerMonth: Double = 30) -> Double {
        let spend = conditionalExpectedAverageProfit(frequency: x, monetaryValue: m)
        var value = 0.0
        var previous = 0.0
        for i in stride(from: 1, through: max(0, months), by: 1) {
            let cumulative = purchases.conditionalExpectedPurchases(within: Double(i) * periodsPerMonth,
                                                                    frequency: x, recency: tx, age: age)
            value += spend * (cumulative - previous) / pow(1 + monthlyDiscountRate, Double(i))
            previous = cumulative
        }
        return value
    }
}
