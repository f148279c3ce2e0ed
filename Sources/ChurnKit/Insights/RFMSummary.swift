/// Per-customer recency-frequency-monetary summary in the form the BG/NBD and Gamma-Gamma models use,
/// defined exactly as the `lifetimes` library's `summary_data_from_transaction_data` (day granularity,
/// first purchase excluded):
///
/// - purchases on the same day count as one purchase whose value is the day's total;
/// - `frequency` = number of repeat purchase days (distinct purchase days − 1);
/// - `recency` = days from the first to the last purchase day;
/// - `age` (lifetimes' `T`) = days from the first purchase day to the observation end;
/// - `monetaryValue` = mean of the repeat days' totals (0 for one-time buyers);
/// - transactions after the observation end are ignored; customers whose first purchase is after it are left out.
///
/// `totalSpend` (all purchases up to the end, the first included) is the customer's historical value.
/// Arrays are parallel; row k describes the customer `customerIDs[k]`. Times are in whatever unit the
/// summary was built in: days from a transaction log, any unit (e.g. weeks) for summaries given directly.
public struct RFMSummary: Sendable {
    /// The customer identifiers, one per row.
    public var customerIDs: [String]
    /// The customer codes in the transaction log (index into `TransactionLog.customerIDs`); empty for summaries given directly.
    public var customerCodes: [Int32]
    /// Number of repeat purchase periods (x).
    public var frequency: [Double]
    /// Time from the first to the last purchase (tₓ).
    public var recency: [Double]
    /// Time from the first purchase to the observation end (T).
    public var age: [Double]
    /// Mean value of the repeat purchases (0 when frequency is 0).
    public var monetaryValue: [Double]
    /// Total value of all purchases up to the observation end, first purchase included.
    public var totalSpend: [Double]
    /// The observation end as a day number (days since 1970-01-01), when built from a transaction log.
    public var endDay: Int32?

    /// Number of customers.
    public var count: Int { frequency.count }

    /// Summarises a transaction log at the end of day `endDay` (default: the log's last day).
    ///
    /// Throws when no customer has a purchase on or before `endDay`.
    public init(log: TransactionLog, endDay: Int32? = nil) throws {
        let end = endDay ?? log.lastDay
        let slices = CustomerSlices(log)
        var ids: [String] = [], codes: [Int32] = []
        var x: [Double] = [], tx: [Double] = [], t: [Double] = [], m: [Double] = [], total: [Double] = []
        let n = log.customerCount
        ids.reserveCapacity(n); codes.reserveCapacity(n)
        x.reserveCapacity(n); tx.reserveCapacity(n); t.reserveCapacity(n); m.reserveCapacity(n); total.reserveCapacity(n)
        slices.day.withUnsafeBufferPointer { day in
            slices.amount.withUnsafeBufferPointer { amount in
                for k in 0..<n {
                    let lo = slices.offsets[k], hi = slices.offsets[k + 1]
                    guard lo < hi, day[lo] <= end else { continue }
                    let first = day[lo]
                    var last = first
                    var days = 0
                    var firstDayTotal = 0.0, sum = 0.0
                    var i = lo
                    while i < hi, day[i] <= end {
                        if day[i] != last || i == lo { days += 1; last = day[i] }
                        if day[i] == first { firstDayTotal += amount[i] }
                        sum += amount[i]
                        i += 1
                    }
                    let repeats = days - 1
                    ids.append(log.customerIDs[k])
                    codes.append(Int32(k))
                    x.append(Double(repeats))
                    tx.append(Double(last - first))
                    t.append(Double(end - first))
                    m.append(repeats > 0 ? (sum - firstDayTotal) / Double(repeats) : 0)
                    total.append(sum)
                }
            }
        }
        guard !x.isEmpty else {
            throw CustomerValueError("No customer has a purchase on or before \(CivilDate.isoDate(days: Int64(end))); "
                + "the log runs from \(CivilDate.isoDate(days: Int64(log.firstDay))) to \(CivilDate.isoDate(days: Int64(log.lastDay))). "
                + "Choose an observation end inside that range.", exitCode: ExitCode.usage)
        }
        customerIDs = ids
        customerCodes = codes
        frequency = x
        recency = tx
        age = t
        monetaryValue = m
        totalSpend = total
        self.endDay = end
    }

    /// A summary given directly (e.g. published RFM data), checked as `lifetimes` checks it: frequency a
    /// whole number ≥ 0, 0 ≤ recency ≤ age, recency 0 when frequency is 0, all values finite.
    ///
    /// `totalSpend` defaults to the value implied by the summary (frequency × monetary value, the first
    /// purchase being unknown). `source` names the data in error messages.
    public init(customerIDs: [String]? = nil, frequency: [Double], recency: [Double], age: [Double],
                monetaryValue: [Double]? = nil, totalSpend: [Double]? = nil, source: String = "the RFM summary") throws {
        let n = frequency.count
        let counts: [(String, Int?)] = [("recency", recency.count), ("age (T)", age.count),
                                         ("monetary value", monetaryValue?.count), ("total spend", totalSpend?.count),
                                         ("customer id", customerIDs?.count)]
        for case let (name, count?) in counts where count != n {
            throw CustomerValueError("\(source): the \(name) column has \(count) values but frequency has \(n); "
                + "every column needs one value per customer.")
        }
        guard n > 0 else { throw CustomerValueError("\(source) has no customers.") }
        for i in 0..<n {
            let who = "\(source), customer \(customerIDs?[i] ?? "#\(i + 1)")"
            let x = frequency[i], tx = recency[i], t = age[i]
            guard x.isFinite, tx.isFinite, t.isFinite else {
                throw CustomerValueError("\(who): frequency, recency and age must be numbers (got \(x), \(tx), \(t)).")
            }
            guard x >= 0, x == x.rounded() else {
                throw CustomerValueError("\(who): frequency \(x) is not a whole number of repeat purchases (expected 0, 1, 2, ...).")
            }
            guard tx >= 0, tx <= t else {
                throw CustomerValueError("\(who): recency \(tx) must lie between 0 and the customer's age \(t) (time since the first purchase).")
            }
            guard x > 0 || tx == 0 else {
                throw CustomerValueError("\(who): recency is \(tx) but frequency is 0; a customer without repeat purchases has recency 0.")
            }
            if let m = monetaryValue?[i], !m.isFinite {
                throw CustomerValueError("\(who): monetary value \(m) is not a number.")
            }
        }
        self.customerIDs = customerIDs ?? (1...n).map(String.init)
        customerCodes = []
        self.frequency = frequency
        self.recency = recency
        self.age = age
        let m = monetaryValue ?? [Double](repeating: 0, count: n)
        self.monetaryValue = m
        self.totalSpend = totalSpend ?? zip(frequency, m).map { $0 * $1 }
        endDay = nil
    }
}
