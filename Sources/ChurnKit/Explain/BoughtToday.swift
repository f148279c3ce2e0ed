/// "What if this customer bought today?": the customer's transaction features recomputed with one more
/// purchase on the as-of day, by appending a synthetic transaction to their history and running the
/// same feature code (`TransactionFeatures.scoring`) on that customer alone. Every feature moves as it
/// would for a real purchase (recency 0, purchases + 1, spend and windows, gaps, regularity, ...).
public struct BoughtToday: Sendable {
    /// Feature names, in catalogue order.
    public var featureNames: [String]
    /// The customer's features at the as-of day without and with the extra purchase.
    public var before: [Double]
    public var after: [Double]
    /// The amount of the synthetic purchase.
    public var amount: Double

    /// The features of `customerID` at `asOfDay` before and after a purchase of `amount` (default: the
    /// customer's average purchase amount up to that day) on `asOfDay`. Quantity is the customer's
    /// average quantity, the category their latest one. Throws for an unknown customer or one with no
    /// purchase on or before `asOfDay`.
    public init(log: TransactionLog, customerID: String, asOfDay: Int64, amount: Double? = nil) throws {
        guard let code = log.customerIDs.firstIndex(of: customerID) else {
            var error = ExplainError("unknown customer '\(customerID)'", exitCode: ExitCode.usage)
            if let guess = Suggestion.closest(to: customerID, in: log.customerIDs) { error.message += ", did you mean '\(guess)'?" }
            throw error
        }
        let mine = (0..<log.count).filter { Int(log.customer[$0]) == code }.sorted { log.day[$0] < log.day[$1] }
        let upTo = mine.filter { Int64(log.day[$0]) <= asOfDay }
        guard !upTo.isEmpty else {
            throw ExplainError("customer '\(customerID)' has no purchase on or before \(CivilDate.isoDate(days: asOfDay)).")
        }
        let spend = amount ?? upTo.reduce(0) { $0 + log.amount[$1] } / Double(upTo.count)
        let quantity: Double? = log.quantity.map { q in
            let known = upTo.map { q[$0] }.filter { !$0.isNaN }
            return known.isEmpty ? .nan : known.reduce(0, +) / Double(known.count)
        }
        let category: Int32? = log.category.map { c in upTo.last.map { c[$0] } ?? -1 }
        let day = Int32(clamping: asOfDay)

        func subLog(extra: Bool) -> TransactionLog {
            var sub = log
            var indices = upTo
            // Later transactions do not affect features at asOfDay; keep the history ordered by day.
            indices += mine.filter { Int64(log.day[$0]) > asOfDay }
            sub.customerIDs = [customerID]
            sub.customer = [Int32](repeating: 0, count: indices.count + (extra ? 1 : 0))
            var days = indices.map { log.day[$0] }
            var amounts = indices.map { log.amount[$0] }
            var quantities = log.quantity.map { q in indices.map { q[$0] } }
            var categories = log.category.map { c in indices.map { c[$0] } }
            if extra {
                let at = upTo.count
                days.insert(day, at: at)
                amounts.insert(spend, at: at)
                if let quantity { quantities?.insert(quantity, at: at) }
                if let category { categories?.insert(category, at: at) }
            }
            sub.day = days
            sub.amount = amounts
            sub.quantity = quantities
            sub.category = categories
            sub.firstDay = days.min() ?? day
            sub.lastDay = max(days.max() ?? day, day)
            return sub
        }
        let without = TransactionFeatures.scoring(subLog(extra: false), asOfDay: asOfDay)
        let with = TransactionFeatures.scoring(subLog(extra: true), asOfDay: asOfDay)
        featureNames = without.features.map(\.name)
        before = without.features.map { $0.values.first ?? .nan }
        after = with.features.map { $0.values.first ?? .nan }
        self.amount = spend
    }

    /// The new values by feature name, ready for `WhatIf.evaluate(set:)` (features that did not change left out).
    public var changedValues: [String: Double] {
        var out: [String: Double] = [:]
        for (f, name) in featureNames.enumerated() where !(before[f] == after[f] || (before[f].isNaN && after[f].isNaN)) {
            out[name] = after[f]
        }
        return out
    }
}
