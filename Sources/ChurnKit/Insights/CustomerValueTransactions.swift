import Dispatch
import Foundation

extension CustomerValue {
    /// Customer value from a transaction log: RFM summary at `settings.endDay` (day granularity), BG/NBD and
    /// Gamma-Gamma fitted by maximum likelihood, then per customer P(alive), expected purchases and the
    /// probability of no purchase within `settings.horizonDays`, expected spend per purchase, future value
    /// (expected purchases × expected spend) and discounted lifetime value over `settings.lifetimeMonths`
    /// (lifetimes' `customer_lifetime_value` with 30-day months).
    ///
    /// If the spend model cannot be fitted (no repeat buyer with positive spend) or has no finite mean
    /// (q ≤ 1), each customer's own average purchase value is used and `method` says so. If BG/NBD itself
    /// cannot be fitted, the error is thrown (there is no honest future estimate without it).
    public static func estimate(log: TransactionLog, settings: CustomerValueSettings = CustomerValueSettings()) throws -> CustomerValue {
        try settings.validate()
        let summary = try RFMSummary(log: log, endDay: settings.endDay)
        var notes: [String] = []
        let left = log.customerCount - summary.count
        if left > 0 {
            notes.append("\(left) customer\(left == 1 ? " has" : "s have") no purchase on or before the observation end and \(left == 1 ? "is" : "are") left out.")
        }
        let repeaters = summary.frequency.reduce(0) { $0 + ($1 > 0 ? 1 : 0) }
        guard repeaters > 0 else {
            throw CustomerValueError("No customer bought on more than one day up to the observation end, so the purchase model "
                + "(BG/NBD) has nothing to learn repeat buying from. Use a longer log or a later observation end.")
        }
        let purchaseFit = try BGNBDModel.fit(summary, penalizer: settings.penalizer)
        if !purchaseFit.optimization.converged {
            notes.append(String(format: "The BG/NBD fit stopped before its convergence tolerance (largest gradient %.1e); "
                + "treat the purchase predictions as approximate or set a small penalizer.", purchaseFit.optimization.gradientNorm))
        }
        var spendFit: GammaGammaFit?
        do {
            spendFit = try GammaGammaModel.fit(summary, penalizer: settings.penalizer)
        } catch let error as CustomerValueError {
            notes.append(error.message + " Each customer's own average purchase value is used instead.")
        }
        if let fit = spendFit {
            if fit.customersExcluded > 0 {
                notes.append("\(fit.customersExcluded) repeat buyer\(fit.customersExcluded == 1 ? "" : "s") with a zero or negative "
                    + "average repeat purchase (refunds) \(fit.customersExcluded == 1 ? "was" : "were") left out of the spend model fit.")
            }
            if !fit.optimization.converged {
                notes.append(String(format: "The spend model fit stopped before its convergence tolerance (largest gradient %.1e); "
                    + "treat expected spend as approximate.", fit.optimization.gradientNorm))
            }
            if !fit.model.hasFiniteMean {
                notes.append(String(format: "The spend model's population mean is infinite (q = %.3f ≤ 1); each customer's own "
                    + "average purchase value is used instead.", fit.model.q))
            }
        }
        let spendModel = spendFit.flatMap { $0.model.hasFiniteMean ? $0.model : nil }
        let columns = predict(summary: summary, purchases: purchaseFit.model, spend: spendModel, settings: settings)
        let method: CustomerValueMethod = spendModel == nil ? .purchaseModelOwnSpend : .purchaseModels
        let explanation = "Future value = BG/NBD expected purchases in the next \(settings.horizonDays) days × "
            + (spendModel == nil ? "the customer's own average purchase value" : "Gamma-Gamma expected spend per purchase")
            + "; lifetime value over \(settings.lifetimeMonths) months of 30 days, discounted "
            + String(format: "%.2f%% a month", settings.monthlyDiscountRate * 100)
            + ". Churn score: probability of no purchase in the horizon (P(alive) is 1 for one-time buyers)."
        return CustomerValue(method: method, explanation: explanation, notes: notes, settings: settings,
                             customerIDs: summary.customerIDs, historicalValue: summary.totalSpend,
                             futureValue: columns.future, lifetimeValue: columns.lifetime,
                             probabilityAlive: columns.alive, expectedPurchases: columns.purchases,
                             probabilityNoPurchase: columns.quiet, expectedSpend: columns.spend,
                             summary: summary, purchaseFit: purchaseFit, spendFit: spendFit)
    }

    /// Per-customer predictions.
    ///
    /// Expected purchases factor as P(alive) × E[purchases | alive], and the second factor depends only on
    /// (frequency, age), which day-granular customers share widely; so it is computed once per distinct pair
    /// for the horizon and each month of the lifetime (the costly hypergeometric series), on both cores, and
    /// each customer then costs one power and a few multiplications.
    static func predict(summary: RFMSummary, purchases: BGNBDModel, spend: GammaGammaModel?, settings: CustomerValueSettings)
        -> (alive: [Double], purchases: [Double], quiet: [Double], spend: [Double], future: [Double], lifetime: [Double]) {
        let n = summary.count
        let months = max(0, settings.lifetimeMonths)
        let horizon = Double(settings.horizonDays)
        // Distinct (frequency, age) pairs.
        struct Pair: Hashable { var x: Double; var age: Double }
        var slot = [Int32](repeating: 0, count: n)
        var lookup: [Pair: Int32] = [:]
        var pairs: [Pair] = []
        for i in 0..<n {
            let key = Pair(x: summary.frequency[i], age: summary.age[i])
            if let k = lookup[key] {
                slot[i] = k
            } else {
                let k = Int32(pairs.count)
                lookup[key] = k
                pairs.append(key)
                slot[i] = k
            }
        }
        // Per pair: E[purchases | alive] within the horizon, then cumulative at 1...months months.
        let width = months + 1
        var ifAlive = [Double](repeating: 0, count: pairs.count * width)
        let pairChunk = 1024
        let distinct = pairs
        ifAlive.withUnsafeMutableBufferPointer { out in
            nonisolated(unsafe) let out = out
            let work: @Sendable (Int) -> Void = { c in
                for k in c * pairChunk..<min(distinct.count, (c + 1) * pairChunk) {
                    let pair = distinct[k]
                    out[k * width] = purchases.expectedPurchasesIfAlive(within: horizon, frequency: pair.x, age: pair.age)
                    for month in stride(from: 1, through: months, by: 1) {
                        out[k * width + month] = purchases.expectedPurchasesIfAlive(
                            within: Double(month) * CustomerValueSettings.daysPerMonth, frequency: pair.x, age: pair.age)
                    }
                }
            }
            DispatchQueue.concurrentPerform(iterations: (pairs.count + pairChunk - 1) / pairChunk, execute: work)
        }
        var discount = [Double](repeating: 1, count: width)
        for month in stride(from: 1, through: months, by: 1) { discount[month] = pow(1 + settings.monthlyDiscountRate, Double(month)) }

        var alive = [Double](repeating: 0, count: n), expected = alive, quiet = alive, perPurchase = alive
        var future = alive, lifetime = alive
        for i in 0..<n {
            let x = summary.frequency[i], tx = summary.recency[i], t = summary.age[i]
            let k = Int(slot[i]) * width
            let p = purchases.probabilityAlive(frequency: x, recency: tx, age: t)
            alive[i] = p
            let e = p * ifAlive[k]
            expected[i] = e
            quiet[i] = purchases.probabilityOfNoPurchase(within: horizon, frequency: x, recency: tx, age: t)
            // Expected spend: Gamma-Gamma shrinkage, or the own average (repeat purchases; the first day for one-time buyers).
            let own = x > 0 ? summary.monetaryValue[i] : summary.totalSpend[i]
            let s = max(0, spend?.conditionalExpectedAverageProfit(frequency: x, monetaryValue: summary.monetaryValue[i]) ?? own)
            perPurchase[i] = s
            future[i] = e * s
            // lifetimes' sum: spend × (E(month) − E(month − 1)) / (1 + d)^month.
            var value = 0.0
            for month in stride(from: 1, through: months, by: 1) {
                value += (ifAlive[k + month] - (month > 1 ? ifAlive[k + month - 1] : 0)) / discount[month]
            }
            lifetime[i] = s * p * value
        }
        return (alive, expected, quiet, perPurchase, future, lifetime)
    }
}
