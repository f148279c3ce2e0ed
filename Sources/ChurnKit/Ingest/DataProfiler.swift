import Dispatch
import Foundation

/// Validates a loaded dataset and describes it: sizes, per-column summaries, duplicate and suspicious
/// values, class balance, and a 0-10 quality score made of the penalties of the checks that fired.
///
/// Duplicate rows and duplicate transactions are found by sorting 64-bit row hashes; two different rows
/// would have to collide on all 64 bits to be miscounted.
public enum DataProfiler {
    /// Fewest customers worth training on.
    public static let minimumCustomers = 100
    /// Fewest customers of each outcome in a customer table.
    public static let minimumPerClass = 10

    public static func profile(_ data: LoadedDataset, options: IngestOptions = IngestOptions()) -> DataProfile {
        let table = data.table
        let rows = table.rowCount
        var roleOfColumn: [String: ColumnRole] = [:]
        for (role, name) in data.mapping.columns { roleOfColumn[name] = role }
        let column = { (role: ColumnRole) -> DataColumn? in data.mapping[role].flatMap { table.column(named: $0) } }

        // Per-column summaries and the two duplicate counts, in parallel.
        let count = table.columns.count
        let transactionKey = [ColumnRole.customer, .date, .amount].compactMap { data.mapping[$0].flatMap { table.columnIndex(named: $0) } }
        let countTransactions = data.shape == .transactions && transactionKey.count == 3
        nonisolated(unsafe) let profiles = UnsafeMutablePointer<ColumnProfile?>.allocate(capacity: count)
        profiles.initialize(repeating: nil, count: count)
        defer { profiles.deinitialize(count: count); profiles.deallocate() }
        nonisolated(unsafe) let duplicateCounts = UnsafeMutablePointer<Int>.allocate(capacity: 2)
        duplicateCounts.initialize(repeating: 0, count: 2)
        defer { duplicateCounts.deallocate() }
        DispatchQueue.concurrentPerform(iterations: count + 2) { task in
            if task == count {
                duplicateCounts[0] = duplicates(table, columns: Array(table.columns.indices))
            } else if task == count + 1 {
                if countTransactions { duplicateCounts[1] = duplicates(table, columns: transactionKey) }
            } else {
                let col = table.columns[task]
                profiles[task] = ColumnProfiler.profile(col, role: roleOfColumn[col.name], rows: rows)
            }
        }
        let columns = (0..<count).compactMap { profiles[$0] }

        var checks: [QualityCheck] = []
        var counts = ProblemCounts()

        // Customers and purchases per customer.
        var customers: Int?
        var purchasesPerCustomer: [Int32] = []
        if let ids = column(.customer)?.strings {
            purchasesPerCustomer = [Int32](repeating: 0, count: ids.levels.count)
            for c in ids.codes where c >= 0 { purchasesPerCustomer[Int(c)] += 1 }
            customers = purchasesPerCustomer.reduce(0) { $0 + ($1 > 0 ? 1 : 0) }
        }
        if let n = customers, n < minimumCustomers {
            checks.append(QualityCheck(id: "too-few-customers", severity: .error,
                                       message: "Needs at least \(minimumCustomers) customers to train, found \(n).", penalty: 4))
        }

        // Dates.
        var dateSpan: DateSpan?
        if let dates = column(.date)?.times {
            var first = Int64.max, last = Int64.min, future = 0
            for t in dates where t != DataTable.missingTime {
                if t < first { first = t }
                if t > last { last = t }
                if CivilDate.dayNumber(seconds: t) > options.today { future += 1 }
            }
            if first <= last {
                let d0 = CivilDate.dayNumber(seconds: first), d1 = CivilDate.dayNumber(seconds: last)
                dateSpan = DateSpan(first: CivilDate.isoDate(days: d0), last: CivilDate.isoDate(days: d1), days: Int(d1 - d0))
            }
            counts.futureDates = future
            if future > 0 {
                checks.append(QualityCheck(id: "future-dates", severity: .warning,
                                           message: "\(future) date\(future == 1 ? " is" : "s are") after today (\(CivilDate.isoDate(days: options.today))); check the date column and its format.",
                                           penalty: 1))
            }
        }

        // Amounts.
        if let amounts = column(.amount)?.numbers {
            let negative = amounts.reduce(0) { $0 + ($1 < 0 ? 1 : 0) }
            counts.negativeAmounts = negative
            if negative > 0 {
                let rate = Double(negative) / Double(max(rows, 1))
                checks.append(QualityCheck(id: "negative-amounts", severity: rate > 0.05 ? .warning : .info,
                                           message: "\(negative) amount\(negative == 1 ? " is" : "s are") negative (\(percent(rate))); refunds or returns are counted as negative spend.",
                                           penalty: min(1, rate * 5)))
            }
            if let p = columns.first(where: { $0.role == .amount }), let sigma = p.outliersSigma, rows > 0,
               Double(sigma) / Double(rows) > 0.01 {
                checks.append(QualityCheck(id: "amount-outliers", severity: .info,
                                           message: "\(sigma) amounts are more than 3 standard deviations from the mean; very large orders weigh heavily in spend features.",
                                           penalty: 0.5))
            }
        }

        // Missing values.
        for p in columns where p.missingRate > 0.2 {
            if let role = p.role {
                let all = p.missing == rows
                checks.append(QualityCheck(id: "missing-values", severity: all ? .error : .warning,
                                           message: "Column \"\(p.name)\" (\(role.rawValue)) is \(percent(p.missingRate)) empty (\(p.missing) of \(rows) rows).",
                                           penalty: all ? 4 : 2))
            } else if p.missingRate > 0.5 {
                checks.append(QualityCheck(id: "missing-values", severity: .info,
                                           message: "Column \"\(p.name)\" is \(percent(p.missingRate)) empty.", penalty: 0.25))
            }
        }

        // Duplicates.
        counts.duplicateRows = duplicateCounts[0]
        if counts.duplicateRows > 0 {
            let rate = Double(counts.duplicateRows) / Double(max(rows, 1))
            checks.append(QualityCheck(id: "duplicate-rows", severity: .warning,
                                       message: "\(counts.duplicateRows) row\(counts.duplicateRows == 1 ? " repeats" : "s repeat") an earlier row exactly (\(percent(rate))); exported twice?",
                                       penalty: min(2, 0.5 + 10 * rate)))
        }
        if data.shape == .transactions {
            if countTransactions {
                counts.duplicateTransactions = duplicateCounts[1]
                if counts.duplicateTransactions > 0 {
                    let rate = Double(counts.duplicateTransactions) / Double(max(rows, 1))
                    checks.append(QualityCheck(id: "duplicate-transactions", severity: .warning,
                                               message: "\(counts.duplicateTransactions) transaction\(counts.duplicateTransactions == 1 ? " has" : "s have") the same customer, time and amount as an earlier one (\(percent(rate))).",
                                               penalty: min(1.5, 0.5 + 10 * rate)))
                }
            }
        }

        // Shape-specific checks.
        var classBalance: ClassBalance?
        if data.shape == .transactions {
            if let n = customers, n > 0 {
                let single = purchasesPerCustomer.reduce(0) { $0 + ($1 == 1 ? 1 : 0) }
                if single == n {
                    checks.append(QualityCheck(id: "single-purchase", severity: .error,
                                               message: "Every customer has a single purchase, so there is no repeat behaviour to learn from (expected several purchases per customer).",
                                               penalty: 4))
                } else if Double(single) / Double(n) > 0.8 {
                    checks.append(QualityCheck(id: "mostly-single-purchase", severity: .warning,
                                               message: "\(percent(Double(single) / Double(n))) of customers bought only once; churn is hard to tell from a single purchase.",
                                               penalty: 1))
                }
            }
            if let span = dateSpan, span.days < 60 {
                checks.append(QualityCheck(id: "short-history", severity: .warning,
                                           message: "The log covers only \(span.days) days; churn horizons need a longer history (ideally a year or more).",
                                           penalty: 1))
            }
            checks.append(QualityCheck(id: "labels-from-horizon", severity: .info,
                                       message: "Churn labels come from the horizon: a customer counts as churned when they make no purchase within the horizon after the cutoff date.",
                                       penalty: 0))
        } else {
            if let target = column(.target), let values = target.numbers {
                var positives = 0, negatives = 0
                for v in values where !v.isNaN { if v > 0.5 { positives += 1 } else { negatives += 1 } }
                let labels = target.booleanLabels ?? ("1", "0")
                let balance = ClassBalance(positiveLabel: labels.positive, negativeLabel: labels.negative,
                                           positives: positives, negatives: negatives)
                classBalance = balance
                if positives == 0 || negatives == 0 {
                    let only = positives == 0 ? labels.negative : labels.positive
                    checks.append(QualityCheck(id: "one-outcome", severity: .error,
                                               message: "The outcome column \"\(target.name)\" only holds \"\(only)\"; a model needs both churned and retained customers.",
                                               penalty: 4))
                } else if min(positives, negatives) < minimumPerClass {
                    checks.append(QualityCheck(id: "too-few-outcomes", severity: .error,
                                               message: "Needs at least \(minimumPerClass) churned and \(minimumPerClass) retained customers, found \(positives) churned and \(negatives) retained.",
                                               penalty: 4))
                } else if balance.positiveRate < 0.05 || balance.positiveRate > 0.95 {
                    checks.append(QualityCheck(id: "class-imbalance", severity: .warning,
                                               message: "Only \(percent(min(balance.positiveRate, 1 - balance.positiveRate))) of customers are in the smaller outcome class; models will be weighted to compensate.",
                                               penalty: 1))
                }
            }
            if let n = customers, let idRows = column(.customer)?.strings?.codes.count, n < idRows {
                checks.append(QualityCheck(id: "duplicate-customers", severity: .warning,
                                           message: "\(idRows - n) rows repeat a customer id seen earlier; a customer table should have one row per customer.",
                                           penalty: 2))
            }
        }

        checks = checks.enumerated().sorted { a, b in
            a.element.severity != b.element.severity ? a.element.severity > b.element.severity : a.offset < b.offset
        }.map(\.element)
        let penalty = checks.reduce(0) { $0 + $1.penalty }
        let score = (max(0, min(10, 10 - penalty)) * 10).rounded() / 10
        var roles: [String: String] = [:]
        for (role, name) in data.mapping.columns { roles[role.rawValue] = name }
        return DataProfile(file: table.source, encoding: data.encoding, delimiter: data.delimiter, rows: rows,
                           shape: data.shape, shapeReason: data.shapeReason, roles: roles, customers: customers,
                           dateSpan: dateSpan, columns: columns, classBalance: classBalance, counts: counts,
                           checks: checks, qualityScore: score, usable: !checks.contains { $0.severity == .error },
                           preview: data.preview)
    }

    /// Rows whose values in `columns` equal those of an earlier row.
    static func duplicates(_ table: DataTable, columns: [Int]) -> Int {
        let rows = table.rowCount
        guard rows > 1 else { return 0 }
        var hashes = [UInt64](repeating: 0x9E37_79B9_7F4A_7C15, count: rows)
        hashes.withUnsafeMutableBufferPointer { h in
            for c in columns {
                switch table.columns[c].values {
                case .number(let v):
                    for i in 0..<rows { h[i] = ByteInterner.mix(h[i] ^ (v[i].isNaN ? 0x7FF8_0000_0000_0001 : v[i].bitPattern)) }
                case .time(let v):
                    for i in 0..<rows { h[i] = ByteInterner.mix(h[i] ^ UInt64(bitPattern: v[i])) }
                case .strings(let codes, _):
                    for i in 0..<rows { h[i] = ByteInterner.mix(h[i] ^ UInt64(bitPattern: Int64(codes[i]))) }
                }
            }
        }
        RadixSort.sort(&hashes)
        var duplicates = 0
        for i in 1..<rows where hashes[i] == hashes[i - 1] { duplicates += 1 }
        return duplicates
    }

    static func percent(_ rate: Double) -> String {
        let p = rate * 100
        return p < 1 && p > 0 ? String(format: "%.2f%%", p) : String(format: "%.1f%%", p)
    }
}
