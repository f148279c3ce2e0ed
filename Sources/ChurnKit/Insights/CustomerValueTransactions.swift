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

    /// Per-customer predictions in chunks over both cores (each chunk writes its own rows).
    static func predict(summary: RFMSummary, purchases: BGNBDModel, spend: GammaGammaModel?, settings: CustomerValueSettings)
        -> (alive: [Double], purchases: [Double], quiet: [Double], spend: [Double], future: [Double], lifetime: [Double]) {
        let n = summary.count
        var alive = [Double](repeating: 0, count: n), expected = alive, quiet = alive, perPurchase = alive
        var future = alive, lifetime = alive
        let horizon = Double(settings.horizonDays)
        let chunk = 8192
        let chunks = (n + chunk - 1) / chunk
        summary.frequency.withUnsafeBufferPointer { xs in
        summary.recency.withUnsafeBufferPointer { txs in
        summary.age.withUnsafeBufferPointer { ts in
        summary.monetaryValue.withUnsafeBufferPointer { ms in
        summary.totalSpend.withUnsafeBufferPointer { totals in
        alive.withUnsafeMutableBufferPointer { aliveOut in
        expected.withUnsafeMutableBufferPointer { expectedOut in
        quiet.withUnsafeMutableBufferPointer { quietOut in
        perPurchase.withUnsafeMutableBufferPointer { spendOut in
        future.withUnsafeMutableBufferPointer { futureOut in
        lifetime.withUnsafeMutableBufferPointer { lifetimeOut in
            nonisolated(unsafe) let xs = xs, txs = txs, ts = ts, ms = ms, totals = totals
            nonisolated(unsafe) let aliveOut = aliveOut, expectedOut = expectedOut, quietOut = quietOut
            nonisolated(unsafe) let spendOut = spendOut, futureOut = futureOut, lifetimeOut = lifetimeOut
            let work: @Sendable (Int) -> Void = { c in
                for i in c * chunk..<min(n, (c + 1) * chunk) {
                    let x = xs[i], tx = txs[i], t = ts[i]
                    aliveOut[i] = purchases.probabilityAlive(frequency: x, recency: tx, age: t)
                    let e = purchases.conditionalExpectedPurchases(within: horizon, frequency: x, recency: tx, age: t)
                    expectedOut[i] = e
                    quietOut[i] = purchases.probabilityOfNoPurchase(within: horizon, frequency: x, recency: tx, age: t)
                    // Expected spend: Gamma-Gamma shrinkage, or the own average (repeat purchases; the first day for one-time buyers).
                    let own = x > 0 ? ms[i] : totals[i]
                    let s = max(0, spend?.conditionalExpectedAverageProfit(frequency: x, monetaryValue: ms[i]) ?? own)
                    spendOut[i] = s
                    futureOut[i] = e * s
                    var value = 0.0, previous = 0.0
                    for month in stride(from: 1, through: settings.lifetimeMonths, by: 1) {
                        let cumulative = purchases.conditionalExpectedPurchases(
                            within: Double(month) * CustomerValueSettings.daysPerMonth, frequency: x, recency: tx, age: t)
                        value += s * (cumulative - previous) / pow(1 + settings.monthlyDiscountRate, Double(month))
                        previous = cumulative
                    }
                    lifetimeOut[i] = value
                }
            }
            if chunks > 1 {
                DispatchQueue.concurrentPerform(iterations: chunks, execute: work)
            } else if chunks == 1 {
                work(0)
            }
        }}}}}}}}}}}
        return (alive, expected, quiet, perPurchase, future, lifetime)
    }
}
