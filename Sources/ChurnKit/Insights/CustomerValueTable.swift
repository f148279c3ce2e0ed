import Foundation

extension CustomerValue {
    /// A rough, clearly labelled value estimate for a customer table (one row per customer).
    ///
    /// Columns are found by name among numeric columns: a monthly charge (`monthly_charges`, `MonthlyFee`,
    /// `monthly_revenue`, `mrr`, `arpu`, ...), a total to date (`total_charges`, `total_spend`, `ltv`, ...) and a
    /// tenure (`tenure`, `tenure_months`; a name with "day", "week" or "year" is converted to months).
    ///
    /// - Historical value: the total column; where it is blank, or when there is none, monthly charge × tenure.
    /// - Monthly survival s: from `churnProbability` (the churn model's probability of leaving within
    ///   `probabilityHorizonDays`) as s = (1 − p)^(30 / horizon days); otherwise from the table itself as
    ///   s = exp(−λ) with λ = churned customers ÷ customer-months of tenure (an exponential lifetime; tenure 0
    ///   counts as half a month); otherwise there is no basis and only historical value is given.
    /// - Future value within the horizon: monthly charge × ∫₀ᴴ sᵘ du, H = horizon days ÷ 30 (undiscounted).
    /// - Lifetime value: Σᵢ₌₁..ₙ monthly charge × sⁱ ÷ (1 + discount)ⁱ over `lifetimeMonths`.
    ///
    /// Throws when the table has no money column at all (naming the column names it looks for).
    public static func estimate(table: DataTable, mapping: ColumnMapping, churnProbability: [Double]? = nil,
                                probabilityHorizonDays: Int? = nil,
                                settings: CustomerValueSettings = CustomerValueSettings()) throws -> CustomerValue {
        try settings.validate()
        let rows = table.rowCount
        let reserved = Set([mapping[.customer], mapping[.target]].compactMap { $0 })
        let numeric = table.columns.filter { !reserved.contains($0.name) && $0.numbers != nil && $0.kind != .boolean }
        let monthly = numeric.first { TableMoneyColumns.isMonthlyCharge($0.name) }
        let total = numeric.first { TableMoneyColumns.isTotal($0.name) }
        let tenure = numeric.first { TableMoneyColumns.tenureMonthsFactor($0.name) != nil }
        guard monthly != nil || total != nil else {
            throw CustomerValueError("\(table.source): no column holds customer value, so none can be estimated. Looked for a monthly "
                + "charge (e.g. monthly_charges, monthly_fee, mrr, arpu) or a total to date (e.g. total_charges, total_spend, ltv); "
                + "columns present: \(table.columns.map { "\"\($0.name)\"" }.joined(separator: ", ")).")
        }
        var notes: [String] = []
        let ids = try customerIDs(table: table, mapping: mapping)

        // Historical value.
        let monthlyValues = monthly?.numbers
        let tenureMonths = tenure.flatMap { column in
            column.numbers.map { values in values.map { $0 * (TableMoneyColumns.tenureMonthsFactor(column.name) ?? 1) } }
        }
        var historical = total?.numbers ?? [Double](repeating: .nan, count: rows)
        var filled = 0, unknown = 0
        for i in 0..<rows where historical[i].isNaN {
            if let m = monthlyValues?[i], let t = tenureMonths?[i], !m.isNaN, !t.isNaN {
                historical[i] = m * t
                filled += 1
            } else {
                historical[i] = 0
                unknown += 1
            }
        }
        if let total, filled > 0 {
            notes.append("\(filled) blank \"\(total.name)\" value\(filled == 1 ? " was" : "s were") estimated as monthly charge × tenure.")
        }
        if unknown > 0 {
            notes.append("\(unknown) customer\(unknown == 1 ? " has" : "s have") no known value to date (counted as 0).")
        }
        let historicalSource = total.map { "\"\($0.name)\"" }
            ?? (monthly != nil && tenure != nil ? "monthly charge × tenure" : "unknown")

        // Monthly survival.
        var survival: [Double]?
        var churnSource = ""
        if let p = churnProbability {
            guard p.count == rows else {
                throw CustomerValueError("\(p.count) churn probabilities for \(rows) customers in \(table.source); score the same table first.",
                                         exitCode: ExitCode.usage)
            }
            guard let h = probabilityHorizonDays, h > 0 else {
                throw CustomerValueError("Churn probabilities need the horizon they cover (in days) to be turned into a monthly rate.",
                                         exitCode: ExitCode.usage)
            }
            let exponent = CustomerValueSettings.daysPerMonth / Double(h)
            survival = p.map { $0.isNaN ? .nan : pow(1 - min(max($0, 0), 1), exponent) }
            churnSource = "each customer's churn probability over \(h) days, as a monthly rate"
        } else if let target = mapping[.target], let column = table.column(named: target), let months = tenureMonths {
            let label = try TargetReader.read(column, source: table.source).label
            var churned = 0.0, exposure = 0.0
            for i in 0..<rows where !label[i].isNaN && !months[i].isNaN {
                churned += label[i]
                exposure += max(months[i], 0.5)
            }
            if exposure > 0 {
                let hazard = churned / exposure
                survival = [Double](repeating: exp(-hazard), count: rows)
                churnSource = String(format: "the table's churn rate of %.2f%% a month (%.0f churned over %.0f customer-months)",
                                     hazard * 100, churned, exposure)
            }
        }

        guard let monthlyValues, let survival else {
            let why = monthly == nil ? "no monthly charge column" : "no churn probabilities and no target with a tenure column"
            notes.append("Future value is not estimated (\(why)).")
            let zeros = [Double](repeating: 0, count: rows)
            return CustomerValue(method: .historicalOnly, explanation: "Historical value only (from \(historicalSource)); \(why) to estimate future value.",
                                 notes: notes, settings: settings, customerIDs: ids, historicalValue: historical,
                                 futureValue: zeros, lifetimeValue: zeros, probabilityAlive: nil, expectedPurchases: nil,
                                 probabilityNoPurchase: nil, expectedSpend: monthlyValues, summary: nil, purchaseFit: nil, spendFit: nil)
        }
        let horizonMonths = Double(settings.horizonDays) / CustomerValueSettings.daysPerMonth
        var future = [Double](repeating: 0, count: rows), lifetime = future
        var missing = 0
        for i in 0..<rows {
            let m = monthlyValues[i], s = survival[i]
            guard m.isFinite, s.isFinite else { missing += 1; continue }
            future[i] = m * expectedMonths(survival: s, months: horizonMonths)
            var value = 0.0, alive = 1.0, discount = 1.0
            for _ in stride(from: 0, to: settings.lifetimeMonths, by: 1) {
                alive *= s
                discount *= 1 + settings.monthlyDiscountRate
                value += m * alive / discount
            }
            lifetime[i] = value
        }
        if missing > 0 {
            notes.append("\(missing) customer\(missing == 1 ? " has" : "s have") a blank monthly charge or churn probability; future value counted as 0.")
        }
        let explanation = "Rough estimate from a customer table (no purchase model): future value = \"\(monthly?.name ?? "")\" × expected "
            + "active months in the next \(settings.horizonDays) days at \(churnSource); lifetime value over \(settings.lifetimeMonths) months, "
            + String(format: "discounted %.2f%% a month", settings.monthlyDiscountRate * 100) + ". Historical value from \(historicalSource)."
        return CustomerValue(method: .monthlyChargeSurvival, explanation: explanation, notes: notes, settings: settings,
                             customerIDs: ids, historicalValue: historical, futureValue: future, lifetimeValue: lifetime,
                             probabilityAlive: nil, expectedPurchases: nil, probabilityNoPurchase: nil,
                             expectedSpend: monthlyValues, summary: nil, purchaseFit: nil, spendFit: nil)
    }

    /// ∫₀ᴴ sᵘ du = (1 − sᴴ)/(−ln s): expected active months within H months at monthly survival s.
    static func expectedMonths(survival s: Double, months h: Double) -> Double {
        if s >= 1 { return h }
        if s <= 0 { return 0 }
        let rate = -log(s)
        return -expm1(-rate * h) / rate
    }

    /// Customer ids from the id column, or row numbers from 1 (as `CustomerTableFeatures` numbers them).
    private static func customerIDs(table: DataTable, mapping: ColumnMapping) throws -> [String] {
        guard let name = mapping[.customer] else { return (0..<table.rowCount).map { String($0 + 1) } }
        guard let column = table.column(named: name) else { throw FeatureError.unknownColumn(name, role: .customer, table: table) }
        return (0..<table.rowCount).map { column.text(at: $0) }
    }
}

/// Recognises money and tenure columns of customer tables by name.
enum TableMoneyColumns {
    /// Lower-case letters and digits only: "Monthly Charges" and "monthly_charges" become "monthlycharges".
    static func key(_ name: String) -> String {
        String(name.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
    }

    static let moneyWords = ["charge", "fee", "spend", "revenue", "bill", "amount", "payment", "price", "value", "cost", "paid"]

    static func isMonthlyCharge(_ name: String) -> Bool {
        let k = key(name)
        if ["mrr", "arpu", "monthlyrecurringrevenue"].contains(k) { return true }
        return k.contains("monthly") && moneyWords.contains { k.contains($0) }
    }

    static func isTotal(_ name: String) -> Bool {
        let k = key(name)
        if ["ltv", "clv", "lifetimevalue", "customerlifetimevalue", "revenue", "totalrevenue"].contains(k) { return true }
        return (k.hasPrefix("total") || k.hasPrefix("lifetime")) && moneyWords.contains { k.contains($0) }
    }

    /// Months per unit of a tenure column, or nil when the name is not a tenure.
    static func tenureMonthsFactor(_ name: String) -> Double? {
        let k = key(name)
        guard k.contains("tenure") || k == "monthsactive" || k == "customermonths" else { return nil }
        if k.contains("day") { return 1 / CustomerValueSettings.daysPerMonth }
        if k.contains("week") { return 7 / CustomerValueSettings.daysPerMonth }
        if k.contains("year") { return 12 }
        return 1
    }
}
