/// Transactions as flat columns, customers interned to 0..<customerCount.
///
/// `init(table:mapping:)` orders the rows by customer and then by day (stable, so rows of one day keep
/// their file order), which lets feature building read each customer's history as one contiguous slice.
/// The properties stay mutable; code that reads slices checks the order and re-sorts if it was changed.
public struct TransactionLog: Sendable {
    /// The customer identifiers; the index is the customer code used in `customer`.
    public var customerIDs: [String]
    /// The customer code of each transaction.
    public var customer: [Int32]
    /// The day of each transaction, as days since 1970-01-01 (see `CivilDate`).
    public var day: [Int32]
    /// The amount of each transaction.
    public var amount: [Double]
    /// The quantity of each transaction, when the data has a quantity column (NaN = missing).
    public var quantity: [Double]?
    /// The category code of each transaction (index into `categoryNames`, -1 = missing), when the data has one.
    public var category: [Int32]?
    /// The category names, indexed by category code.
    public var categoryNames: [String]
    /// The earliest and latest transaction days.
    public var firstDay: Int32, lastDay: Int32

    /// Number of customer codes (some may have no transaction if the log was edited).
    public var customerCount: Int { customerIDs.count }
    /// Number of transactions.
    public var count: Int { customer.count }

    /// Reads the customer, date and amount columns (and quantity and category when mapped) of a table.
    ///
    /// Throws a `FeatureError` naming the missing role and the available columns when a needed role is not
    /// mapped, and naming the column and first line when a needed value is blank or has the wrong type.
    public init(table: DataTable, mapping: ColumnMapping) throws {
        let purpose = "a transaction log"
        let customerColumn = try Self.requiredColumn(.customer, table: table, mapping: mapping, purpose: purpose)
        let dateColumn = try Self.requiredColumn(.date, table: table, mapping: mapping, purpose: purpose)
        let amountColumn = try Self.requiredColumn(.amount, table: table, mapping: mapping, purpose: purpose)
        let quantityColumn = try Self.optionalColumn(.quantity, table: table, mapping: mapping)
        let categoryColumn = try Self.optionalColumn(.category, table: table, mapping: mapping)
        let n = table.rowCount
        guard n > 0 else {
            throw FeatureError("\(table.source): the file has no transactions (only a header). Add rows with a customer, a date and an amount.")
        }

        let (customerCodes, ids) = try Self.internCustomers(customerColumn, source: table.source)
        let (days, lo, hi) = try Self.readDays(dateColumn, source: table.source)
        let amounts = try Self.readNumbers(amountColumn, source: table.source, role: .amount, blanksAllowed: false)
        let quantities = try quantityColumn.map {
            try Self.readNumbers($0, source: table.source, role: .quantity, blanksAllowed: true)
        }
        var categories: (codes: [Int32], names: [String])?
        if let c = categoryColumn { categories = Self.internCategories(c) }

        let grouped = CustomerOrder.group(customer: customerCodes, day: days, amount: amounts, quantity: quantities,
                                          category: categories?.codes, customerCount: ids.count)
        customerIDs = ids
        customer = grouped.customer
        day = grouped.day
        amount = grouped.amount
        quantity = grouped.quantity
        category = grouped.category
        categoryNames = categories?.names ?? []
        firstDay = lo
        lastDay = hi
    }

    // MARK: - Reading columns

    private static func requiredColumn(_ role: ColumnRole, table: DataTable, mapping: ColumnMapping,
                                       purpose: String) throws -> DataColumn {
        guard let column = try optionalColumn(role, table: table, mapping: mapping) else {
            throw FeatureError.missingRole(role, table: table, purpose: purpose)
        }
        return column
    }

    private static func optionalColumn(_ role: ColumnRole, table: DataTable, mapping: ColumnMapping) throws -> DataColumn? {
        guard let name = mapping[role] else { return nil }
        guard let column = table.column(named: name) else {
            throw FeatureError.unknownColumn(name, role: role, table: table)
        }
        return column
    }

    /// Customer codes and identifiers; string columns keep their interning, numbers are interned here.
    private static func internCustomers(_ column: DataColumn, source: String) throws -> ([Int32], [String]) {
        switch column.values {
        case .strings(let codes, let levels):
            if let bad = codes.firstIndex(where: { $0 < 0 }) {
                let blanks = codes.reduce(0) { $0 + ($1 < 0 ? 1 : 0) }
                throw FeatureError("\(source) \(FeatureError.line(ofRow: bad)), column \"\(column.name)\": the customer id is blank "
                    + "(\(blanks) row\(blanks == 1 ? "" : "s") in all). Every transaction needs a customer id; fill or remove those rows.")
            }
            return (codes, levels)
        case .number(let values):
            var lookup: [UInt64: Int32] = [:]
            var ids: [String] = []
            var codes = [Int32](repeating: 0, count: values.count)
            for (row, v) in values.enumerated() {
                if v.isNaN {
                    let blanks = values.reduce(0) { $0 + ($1.isNaN ? 1 : 0) }
                    throw FeatureError("\(source) \(FeatureError.line(ofRow: row)), column \"\(column.name)\": the customer id is blank "
                        + "(\(blanks) row\(blanks == 1 ? "" : "s") in all). Every transaction needs a customer id; fill or remove those rows.")
                }
                let key = v.bitPattern
                if let code = lookup[key] {
                    codes[row] = code
                } else {
                    let code = Int32(ids.count)
                    lookup[key] = code
                    ids.append(column.text(at: row))
                    codes[row] = code
                }
            }
            return (codes, ids)
        case .time:
            throw FeatureError("\(source): column \"\(column.name)\" holds dates, so it cannot be the customer id. "
                + "Name the id column with --map customer=COLUMN.", exitCode: ExitCode.usage)
        }
    }

    /// Day numbers of a time column, with the first and last day.
    private static func readDays(_ column: DataColumn, source: String) throws -> (days: [Int32], first: Int32, last: Int32) {
        guard let times = column.times else {
            throw FeatureError("\(source): column \"\(column.name)\" was read as \(column.kind.rawValue), not as dates, "
                + "so it cannot be the transaction date. Use a column of dates such as 2024-03-31 (--map date=COLUMN).",
                exitCode: ExitCode.usage)
        }
        if let row = times.firstIndex(of: DataTable.missingTime) {
            let blanks = times.reduce(0) { $0 + ($1 == DataTable.missingTime ? 1 : 0) }
            throw FeatureError("\(source) \(FeatureError.line(ofRow: row)), column \"\(column.name)\": the date is blank "
                + "(\(blanks) row\(blanks == 1 ? "" : "s") in all). Every transaction needs a date; fill or remove those rows.")
        }
        var lo = Int32.max, hi = Int32.min
        let days = [Int32](unsafeUninitializedCapacity: times.count) { out, count in
            times.withUnsafeBufferPointer { t in
                for i in 0..<t.count {
                    let d = Int32(clamping: CivilDate.dayNumber(seconds: t[i]))
                    out.initializeElement(at: i, to: d)
                    lo = min(lo, d); hi = max(hi, d)
                }
            }
            count = times.count
        }
        return (days, lo, hi)
    }

    private static func readNumbers(_ column: DataColumn, source: String, role: ColumnRole, blanksAllowed: Bool) throws -> [Double] {
        guard let values = column.numbers else {
            throw FeatureError("\(source): column \"\(column.name)\" was read as \(column.kind.rawValue), not as numbers, "
                + "so it cannot be the \(role.rawValue). Use a numeric column (--map \(role.rawValue)=COLUMN).",
                exitCode: ExitCode.usage)
        }
        if !blanksAllowed, let bad = values.firstIndex(where: { $0.isNaN }) {
            let blanks = values.reduce(0) { $0 + ($1.isNaN ? 1 : 0) }
            throw FeatureError("\(source) \(FeatureError.line(ofRow: bad)), column \"\(column.name)\": the \(role.rawValue) is blank "
                + "(\(blanks) row\(blanks == 1 ? "" : "s") in all). Every transaction needs an \(role.rawValue); fill or remove those rows.")
        }
        return values
    }

    /// Category codes and names; non-string columns are interned by their text.
    private static func internCategories(_ column: DataColumn) -> ([Int32], [String]) {
        if let s = column.strings { return (s.codes, s.levels) }
        var lookup: [String: Int32] = [:]
        var names: [String] = []
        var codes = [Int32](repeating: -1, count: column.count)
        for row in 0..<column.count {
            let text = column.text(at: row)
            if text.isEmpty { continue }
            if let code = lookup[text] {
                codes[row] = code
            } else {
                let code = Int32(names.count)
                lookup[text] = code
                names.append(text)
                codes[row] = code
            }
        }
        return (codes, names)
    }
}
