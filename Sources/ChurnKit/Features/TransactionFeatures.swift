import Dispatch

/// Turns a transaction log into one row per customer at a cutoff date, without leakage.
///
/// Features read only transactions on or before the cutoff C (see `TransactionFeatureCatalogue` for
/// every definition). A training table's label is 1 (churned) when the customer has no purchase in
/// (C, C + H] and 0 otherwise; only customers with at least one purchase on or before C are rows.
/// Cost: one O(n) pass to order rows by customer (skipped when the log is already ordered, as
/// `TransactionLog.init` leaves it), then one pass over each customer's slice, split over CPU cores.
public enum TransactionFeatures {
    /// Training table: features from transactions on or before cutoff, label = no purchase in (cutoff, cutoff + horizon].
    ///
    /// Throws when the horizon is not positive, the cutoff is before the first transaction, the cutoff plus
    /// the horizon is after the last transaction (churn could not be observed for the whole horizon), or
    /// fewer than 2 customers bought on or before the cutoff.
    public static func training(_ log: TransactionLog, cutoffDay: Int64, horizonDays: Int) throws -> FeatureMatrix {
        let first = Int64(log.firstDay), last = Int64(log.lastDay)
        let iso = CivilDate.isoDate(days:)
        guard horizonDays >= 1 else {
            throw FeatureError("The horizon must be at least 1 day (got \(horizonDays)).", exitCode: ExitCode.usage)
        }
        guard log.count > 0 else { throw FeatureError("The transaction log is empty; there is nothing to build features from.") }
        guard cutoffDay >= first else {
            throw FeatureError("The cutoff \(iso(cutoffDay)) is before the first transaction (\(iso(first))). "
                + "Choose a cutoff from \(iso(first)) to \(iso(last - Int64(horizonDays))) for a \(horizonDays)-day horizon.",
                exitCode: ExitCode.usage)
        }
        guard cutoffDay + Int64(horizonDays) <= last else {
            let latest = last - Int64(horizonDays)
            let advice = latest >= first
                ? "Use a cutoff on or before \(iso(latest)) (last date minus the horizon) or a shorter horizon."
                : "The data spans only \(last - first) days; use a horizon shorter than that."
            throw FeatureError("The cutoff \(iso(cutoffDay)) plus the \(horizonDays)-day horizon ends on "
                + "\(iso(cutoffDay + Int64(horizonDays))), after the last transaction (\(iso(last))), so churn cannot be "
                + "observed over the whole horizon. " + advice, exitCode: ExitCode.usage)
        }
        var matrix = build(log, asOf: cutoffDay, horizonEnd: cutoffDay + Int64(horizonDays))
        guard matrix.rowCount >= 2 else {
            throw FeatureError("Only \(matrix.rowCount) customer bought on or before the cutoff \(iso(cutoffDay)); "
                + "at least 2 are needed to build a training table. Choose a later cutoff or a shorter horizon.")
        }
        matrix.horizonDays = horizonDays
        let churned = matrix.label?.reduce(0, +) ?? 0
        matrix.notes.insert("Features use transactions on or before \(iso(cutoffDay)); churned = 1 when a customer made "
            + "no purchase from \(iso(cutoffDay + 1)) through \(iso(cutoffDay + Int64(horizonDays))) (\(horizonDays) days). "
            + "\(Int(churned)) of \(matrix.rowCount) customers churned.", at: 0)
        return matrix
    }

    /// Scoring table: the same features at `asOfDay` (default log.lastDay), no label.
    public static func scoring(_ log: TransactionLog, asOfDay: Int64? = nil) -> FeatureMatrix {
        let asOf = asOfDay ?? Int64(log.lastDay)
        var matrix = build(log, asOf: asOf, horizonEnd: nil)
        matrix.notes.insert("Features use transactions on or before \(CivilDate.isoDate(days: asOf)); no label (for scoring).", at: 0)
        return matrix
    }

    /// The feature names and descriptions a log with these optional columns produces, in order.
    public static func catalogue(hasCategory: Bool, hasQuantity: Bool) -> [(name: String, description: String)] {
        TransactionFeatureCatalogue.features(hasCategory: hasCategory, hasQuantity: hasQuantity)
    }

    // MARK: - The pass

    /// Features at `asOf`, and the label when `horizonEnd` is given.
    static func build(_ log: TransactionLog, asOf: Int64, horizonEnd: Int64?) -> FeatureMatrix {
        let slices = CustomerSlices(log)
        let hasCategory = slices.category != nil, hasQuantity = slices.quantity != nil
        let catalogue = TransactionFeatureCatalogue.features(hasCategory: hasCategory, hasQuantity: hasQuantity)
        let cut = Int32(clamping: asOf)

        // Rows: customers with at least one transaction on or before the cutoff, in customer-code order.
        var members: [Int32] = []
        members.reserveCapacity(log.customerCount)
        var later = 0
        for k in 0..<log.customerCount {
            let s = slices.offsets[k]
            guard s < slices.offsets[k + 1] else { continue }
            if slices.day[s] <= cut { members.append(Int32(k)) } else { later += 1 }
        }
        let rows = members.count
        let featureCount = catalogue.count
        let calendar = DayCalendar(first: log.firstDay, last: log.lastDay)

        let chunks = rows == 0 ? 0 : min(rows, max(1, min(512, rows / 2048)))
        let horizon = horizonEnd.map { Int32(clamping: $0) }
        let categoryCount = log.categoryNames.count
        // Features (and the label) are written straight into the storage of their final arrays.
        let hasLabel = horizonEnd != nil
        let columns = InPlaceColumns.make(count: featureCount + (hasLabel ? 1 : 0), rows: rows) { columnPointers in
        slices.day.withUnsafeBufferPointer { dayBuf in
        slices.amount.withUnsafeBufferPointer { amountBuf in
        (slices.quantity ?? []).withUnsafeBufferPointer { quantityBuf in
        (slices.category ?? []).withUnsafeBufferPointer { categoryBuf in
        slices.offsets.withUnsafeBufferPointer { offsetBuf in
        members.withUnsafeBufferPointer { memberBuf in
        calendar.months.withUnsafeBufferPointer { monthBuf in
        calendar.weekends.withUnsafeBufferPointer { weekendBuf in
            nonisolated(unsafe) let out = columnPointers, monthOf = monthBuf, weekendOf = weekendBuf
            nonisolated(unsafe) let lab = hasLabel ? columnPointers[featureCount] : columnPointers[0]
            let calendarFirst = Int(calendar.first), calendarCount = monthBuf.count
            nonisolated(unsafe) let days = dayBuf, amounts = amountBuf, quantities = quantityBuf
            nonisolated(unsafe) let categories = categoryBuf, offsets = offsetBuf, who = memberBuf
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                let lo = rows * chunk / chunks, hi = rows * (chunk + 1) / chunks
                var seen = [Int32](repeating: -1, count: hasCategory ? categoryCount : 0)
                seen.withUnsafeMutableBufferPointer { seenBuf in
                    for r in lo..<hi {
                        let k = Int(who[r])
                        var acc = CustomerAccumulator()
                        let end = offsets[k + 1]
                        var i = offsets[k]
                        acc.begin(day: days[i])   // members have a first transaction on or before the cutoff
                        while i < end {
                            let d = days[i]
                            if d > cut { break }
                            let a = amounts[i]
                            let slot = Int(d) - calendarFirst
                            if slot >= 0 && slot < calendarCount {
                                acc.add(day: d, amount: a, age: cut &- d, month: monthOf[slot], weekend: weekendOf[slot])
                            } else {
                                acc.add(day: d, amount: a, age: cut &- d, month: calendar.month(d), weekend: calendar.isWeekend(d))
                            }
                            if hasQuantity { acc.addQuantity(quantities[i]) }
                            if hasCategory {
                                let c = Int(categories[i])
                                if c >= 0, c < categoryCount, seenBuf[c] != Int32(k) {
                                    seenBuf[c] = Int32(k)
                                    acc.distinctCategories += 1
                                }
                            }
                            i += 1
                        }
                        acc.write(row: r, into: out, cut: cut, hasCategory: hasCategory, hasQuantity: hasQuantity)
                        if let h = horizon {
                            lab[r] = (i < end && days[i] <= h) ? 0 : 1
                        }
                    }
                }
            }
        }}}}}}}}
        }

        let features = catalogue.enumerated().map { f, spec in
            FeatureColumn(name: spec.name, description: spec.description, values: columns[f])
        }
        let ids = members.map { log.customerIDs[Int($0)] }
        var notes: [String] = []
        if later > 0 {
            notes.append("\(later) customer\(later == 1 ? "" : "s") whose first purchase is after \(CivilDate.isoDate(days: asOf)) "
                + "\(later == 1 ? "is" : "are") not included.")
        }
        return FeatureMatrix(customerIDs: ids, features: features,
                             label: hasLabel ? columns[featureCount] : nil,
                             labelName: "churned", cutoffDay: asOf, horizonDays: nil, notes: notes)
    }
}

/// Running sums over one customer's transactions in day order.
struct CustomerAccumulator {
    var purchases = 0
    var total = 0.0
    var maxSpend = -Double.infinity
    var firstDay: Int32 = 0
    var lastDay: Int32 = 0
    var purchaseDays = 0
    var gapCount = 0
    var gapSum = 0.0
    var gapSquares = 0.0
    var longestGap: Int32 = 0
    var months = 0
    var lastMonth: Int32 = -1
    var weekend = 0
    var count30 = 0, count90 = 0, count180 = 0
    var spend30 = 0.0, spend90 = 0.0, spend180 = 0.0, spendPrevious90 = 0.0
    var quantityTotal = 0.0
    var quantityCount = 0
    var distinctCategories = 0

    /// Starts a customer at its first transaction (call before `add` for that same transaction).
    @inline(__always)
    mutating func begin(day d: Int32) {
        firstDay = d
        lastDay = d
        purchaseDays = 1
    }

    /// Adds one transaction on or after the previous one. Branch-free on purpose: whether a row is a new
    /// purchase day, in a window or on a weekend is data-dependent and would be mispredicted often.
    @inline(__always)
    mutating func add(day d: Int32, amount a: Double, age: Int32, month: Int32, weekend isWeekend: Bool) {
        let newDay = d != lastDay
        let gap = d &- lastDay              // 0 for a second row on the same day
        let g = Double(gap)
        purchaseDays &+= newDay ? 1 : 0
        gapCount &+= newDay ? 1 : 0
        gapSum += g
        gapSquares += g * g
        longestGap = max(longestGap, gap)
        lastDay = d
        purchases &+= 1
        total += a
        maxSpend = max(maxSpend, a)
        months &+= month != lastMonth ? 1 : 0
        lastMonth = month
        weekend &+= isWeekend ? 1 : 0
        let in180 = age < 180, in90 = age < 90, in30 = age < 30
        count180 &+= in180 ? 1 : 0
        count90 &+= in90 ? 1 : 0
        count30 &+= in30 ? 1 : 0
        spend180 += in180 ? a : 0
        spend90 += in90 ? a : 0
        spend30 += in30 ? a : 0
        spendPrevious90 += (in180 && !in90) ? a : 0
    }

    @inline(__always)
    mutating func addQuantity(_ q: Double) {
        let valid = q == q
        quantityTotal += valid ? q : 0
        quantityCount &+= valid ? 1 : 0
    }

    /// Writes this customer's features at `row` of the feature columns `out`, in catalogue order.
    @inline(__always)
    func write(row: Int, into out: UnsafeBufferPointer<UnsafeMutablePointer<Double>>, cut: Int32,
               hasCategory: Bool, hasQuantity: Bool) {
        let nan = Double.nan
        let n = Double(purchases)
        let recency = Double(cut - lastDay)
        let meanGap = gapCount >= 1 ? gapSum / Double(gapCount) : nan
        var stdGap = nan
        if gapCount >= 2 {
            let variance = max(0, gapSquares / Double(gapCount) - meanGap * meanGap)
            stdGap = variance.squareRoot()
        }
        let twoWindows = abs(spend90) + abs(spendPrevious90)
        var f = 0
        @inline(__always) func put(_ v: Double) { out[f][row] = v; f += 1 }
        put(recency)
        put(n)
        put(Double(purchaseDays))
        put(total)
        put(total / n)
        put(maxSpend)
        put(total / Double(purchaseDays))
        put(Double(cut - firstDay))
        put(meanGap)
        put(stdGap)
        put(gapCount >= 1 ? Double(longestGap) : nan)
        put(gapCount >= 1 ? recency / meanGap : nan)
        put(gapCount >= 2 ? 1 / (1 + stdGap / meanGap) : nan)
        put(Double(count30)); put(spend30)
        put(Double(count90)); put(spend90)
        put(Double(count180)); put(spend180)
        put(twoWindows > 0 ? (spend90 - spendPrevious90) / twoWindows : 0)
        put(Double(months))
        put(Double(weekend) / n)
        if hasCategory { put(Double(distinctCategories)) }
        if hasQuantity {
            put(quantityTotal)
            put(quantityCount > 0 ? quantityTotal / Double(quantityCount) : nan)
        }
    }
}

/// Month index and weekend flag for each day of the log's span, looked up instead of computed per row.
struct DayCalendar: Sendable {
    let first: Int32
    /// Year * 12 + month - 1 of each day from `first`.
    let months: [Int32]
    /// Whether each day from `first` is a Saturday or Sunday.
    let weekends: [Bool]

    init(first: Int32, last: Int32) {
        self.first = first
        let span = Int(max(0, Int64(last) - Int64(first) + 1))
        var months = [Int32](repeating: 0, count: span)
        var weekends = [Bool](repeating: false, count: span)
        for i in 0..<span {
            let day = Int64(first) + Int64(i)
            months[i] = Self.monthIndex(day)
            weekends[i] = CivilDate.weekday(days: day) >= 5
        }
        self.months = months
        self.weekends = weekends
    }

    /// Year * 12 + month - 1 of a day in the span.
    func month(_ day: Int32) -> Int32 {
        let i = Int(day) - Int(first)
        return i >= 0 && i < months.count ? months[i] : Self.monthIndex(Int64(day))
    }

    /// Whether a day is a Saturday or Sunday.
    func isWeekend(_ day: Int32) -> Bool {
        CivilDate.weekday(days: Int64(day)) >= 5
    }

    private static func monthIndex(_ day: Int64) -> Int32 {
        let (y, m, _) = CivilDate.civil(days: day)
        return Int32(y * 12 + m - 1)
    }
}

/// Arrays of doubles created uninitialized and filled in place through raw pointers, so that a
/// computed column is never built in a scratch buffer and copied.
enum InPlaceColumns {
    /// Creates `count` arrays of `rows` values; `fill` gets one pointer per array and must write every element.
    static func make(count: Int, rows: Int, fill: (UnsafeBufferPointer<UnsafeMutablePointer<Double>>) -> Void) -> [[Double]] {
        guard rows > 0, count > 0 else { return Array(repeating: [], count: count) }
        var pointers: [UnsafeMutablePointer<Double>] = []
        pointers.reserveCapacity(count)
        // Each array's initializer stays open while the next is created; `fill` runs innermost, when
        // every pointer is valid.
        func level(_ index: Int) -> [[Double]] {
            if index == count {
                pointers.withUnsafeBufferPointer(fill)
                return []
            }
            var rest: [[Double]] = []
            let column = [Double](unsafeUninitializedCapacity: rows) { buffer, initialized in
                if let base = buffer.baseAddress { pointers.append(base) }
                rest = level(index + 1)
                initialized = rows
            }
            return [column] + rest
        }
        return level(0)
    }
}
