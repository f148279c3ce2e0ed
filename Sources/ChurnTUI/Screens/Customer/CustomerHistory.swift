import ChurnKit

/// A customer's spend in each calendar month of the transaction log (zero in months without a purchase).
public struct MonthlySpend: Sendable, Equatable {
    /// The first month, counted as `year * 12 + (month - 1)`.
    public var firstMonth: Int
    /// Total amount per month, from `firstMonth` on.
    public var totals: [Double]

    public init(firstMonth: Int, totals: [Double]) {
        self.firstMonth = firstMonth
        self.totals = totals
    }

    /// "2023-01" for the month at `offset` from the first.
    public func label(_ offset: Int) -> String {
        let m = firstMonth + offset
        let month = m % 12 + 1
        return "\(m / 12)-" + (month < 10 ? "0" : "") + "\(month)"
    }
}

/// The purchase model's view of one customer of a transaction log (BG/NBD with Gamma-Gamma spend).
public struct PurchaseOutlook: Sendable, Equatable {
    /// Probability the customer is still active (1 for one-time buyers, as BG/NBD assumes).
    public var probabilityAlive: Double
    /// Expected purchases within `horizonDays`.
    public var expectedPurchases: Double
    /// Expected spend within `horizonDays`.
    public var futureValue: Double
    public var horizonDays: Int
}

/// What the Customer tab reads about customers of a transaction log beyond their features: the fitted
/// purchase model (`CustomerValue.estimate`) for P(alive), and every customer's transactions, for the
/// monthly spend sparkline. Built once in the background after the workspace analysis loads; a lookup
/// then costs one dictionary probe and the customer's own transactions.
public struct CustomerHistory: Sendable {
    /// The purchase model's estimates, nil when it could not be fitted (`valueNote` says why).
    public private(set) var value: CustomerValue?
    public private(set) var valueNote: String?
    private var valueRow: [String: Int] = [:]
    /// Transactions sorted by customer then day (`TransactionLog`'s order).
    private var days: [Int32]
    private var amounts: [Double]
    /// Per customer code, the first transaction index; `starts[code + 1]` ends its slice.
    private var starts: [Int]
    private var code: [String: Int]
    private var firstMonth: Int, lastMonth: Int

    /// Reads the log of a loaded transaction data set and fits the purchase model with the churn horizon
    /// of the scoring model (`horizonDays`, default 90).
    ///
    /// - Throws: `FeatureError` when the data has no customer, date and amount columns.
    public static func build(loaded: LoadedDataset, horizonDays: Int?) throws -> CustomerHistory {
        let log = try TransactionLog(table: loaded.table, mapping: loaded.mapping)
        var value: CustomerValue?, note: String?
        do {
            value = try CustomerValue.estimate(log: log, settings: CustomerValueSettings(horizonDays: horizonDays ?? 90))
        } catch let error as UserFacingError {
            note = error.message
        }
        return CustomerHistory(log: log, value: value, valueNote: note)
    }

    init(log: TransactionLog, value: CustomerValue?, valueNote: String?) {
        self.value = value
        self.valueNote = valueNote
        if let value {
            for (i, id) in value.customerIDs.enumerated() { valueRow[id] = i }
        }
        // The log is sorted by customer code; a counting pass makes the slices robust to any order.
        let n = log.customerCount
        var counts = [Int](repeating: 0, count: n + 1)
        for c in log.customer where c >= 0 && Int(c) < n { counts[Int(c) + 1] += 1 }
        for i in 0..<n { counts[i + 1] += counts[i] }
        starts = counts
        var fill = counts
        var days = [Int32](repeating: 0, count: counts[n]), amounts = [Double](repeating: 0, count: counts[n])
        for t in 0..<log.count {
            let c = Int(log.customer[t])
            guard c >= 0, c < n else { continue }
            days[fill[c]] = log.day[t]
            amounts[fill[c]] = log.amount[t]
            fill[c] += 1
        }
        self.days = days
        self.amounts = amounts
        code = Dictionary(log.customerIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        firstMonth = Self.month(day: log.firstDay)
        lastMonth = max(firstMonth, Self.month(day: log.lastDay))
    }

    /// The customer's spend per month over the whole log's months, nil for an unknown customer.
    public func monthlySpend(_ customerID: String) -> MonthlySpend? {
        guard let c = code[customerID] else { return nil }
        var totals = [Double](repeating: 0, count: lastMonth - firstMonth + 1)
        for t in starts[c]..<starts[c + 1] where amounts[t].isFinite {
            let m = Self.month(day: days[t]) - firstMonth
            if m >= 0, m < totals.count { totals[m] += amounts[t] }
        }
        return MonthlySpend(firstMonth: firstMonth, totals: totals)
    }

    /// The purchase model's outlook for the customer, nil when unknown or not fitted.
    public func outlook(_ customerID: String) -> PurchaseOutlook? {
        guard let value, let i = valueRow[customerID], let alive = value.probabilityAlive?[i] else { return nil }
        return PurchaseOutlook(probabilityAlive: alive, expectedPurchases: value.expectedPurchases?[i] ?? .nan,
                               futureValue: value.futureValue[i], horizonDays: value.settings.horizonDays)
    }

    /// `year * 12 + (month - 1)` of a day number.
    static func month(day: Int32) -> Int {
        let date = CivilDate.civil(days: Int64(day))
        return date.year * 12 + date.month - 1
    }
}
