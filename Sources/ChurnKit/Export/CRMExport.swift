import Foundation

/// The CSV file a retention team loads into its CRM: one row per customer with id, churn probability,
/// tier, value and top reasons, plus any extra columns.
///
/// Columns, in order: `customer_id`, `churn_probability` (4 decimals), `risk_tier` (when tiers are given),
/// `customer_value` (2 decimals, when values are given), `top_reason_1` ... `top_reason_N` (when reasons are
/// given; N = `reasonColumns`, blank when a customer has fewer), then the extra columns. Cell encoding and
/// formula neutralisation follow `CSVField`; ids and reasons are text cells, so an id such as "=1+1" is
/// written as "'=1+1".
public struct CRMExport: Sendable {
    public var customerIDs: [String]
    public var probabilities: [Double]
    public var tiers: [String]?
    public var values: [Double]?
    /// Reasons per customer in plain words, most important first.
    public var reasons: [[String]]?
    /// How many reason columns to write.
    public var reasonColumns: Int
    /// Further columns (e.g. a segment name, a feature, the recommended action), one cell per customer.
    public var extraColumns: [CSVColumn]

    public init(customerIDs: [String], probabilities: [Double], tiers: [String]? = nil, values: [Double]? = nil,
                reasons: [[String]]? = nil, reasonColumns: Int = 3, extraColumns: [CSVColumn] = []) {
        self.customerIDs = customerIDs
        self.probabilities = probabilities
        self.tiers = tiers
        self.values = values
        self.reasons = reasons
        self.reasonColumns = reasonColumns
        self.extraColumns = extraColumns
    }

    /// The table, checking that every input has one entry per customer.
    public func table() throws -> CSVTable {
        let n = customerIDs.count
        func check(_ count: Int?, _ what: String) throws {
            if let count, count != n {
                throw CSVExportError("The export has \(n) customers but \(count) \(what); give one per customer.")
            }
        }
        try check(probabilities.count, "probabilities")
        try check(tiers?.count, "tiers")
        try check(values?.count, "values")
        try check(reasons?.count, "reason lists")
        var columns = [CSVColumn(name: "customer_id", cells: customerIDs.map { .text($0) }),
                       CSVColumn(name: "churn_probability", cells: probabilities.map { .number($0, decimals: 4) })]
        if let tiers { columns.append(CSVColumn(name: "risk_tier", cells: tiers.map { $0.isEmpty ? .empty : .text($0) })) }
        if let values { columns.append(CSVColumn(name: "customer_value", cells: values.map { .number($0, decimals: 2) })) }
        if let reasons, reasonColumns > 0 {
            for k in 0..<reasonColumns {
                columns.append(CSVColumn(name: "top_reason_\(k + 1)",
                                         cells: reasons.map { k < $0.count ? .text($0[k]) : .empty }))
            }
        }
        let taken = Set(columns.map(\.name))
        if let clash = extraColumns.first(where: { taken.contains($0.name) }) {
            throw CSVExportError("The extra column \"\(clash.name)\" has the same name as a standard export column; rename it.",
                                 exitCode: ExitCode.usage)
        }
        return try CSVTable(columns: columns + extraColumns)
    }
}
