/// What a column means to churn analysis.
public enum ColumnRole: String, Codable, Sendable, CaseIterable {
    /// The customer identifier (both shapes).
    case customer
    /// The transaction date (transaction logs).
    case date
    /// The amount spent (transaction logs).
    case amount
    /// The number of items (transaction logs, optional).
    case quantity
    /// The product or category bought (transaction logs, optional).
    case category
    /// The churn outcome (customer tables).
    case target
}

/// The two shapes of data churn understands.
public enum DatasetShape: String, Codable, Sendable {
    /// One row per purchase: customer, date, amount (and optionally quantity and category).
    case transactions
    /// One row per customer with a churn outcome column.
    case customerTable = "customer-table"
}

/// Which column plays which role, as detected or as given with `--map role=column`.
public struct ColumnMapping: Codable, Sendable, Equatable {
    /// Role to column name.
    public var columns: [ColumnRole: String]

    public init(_ columns: [ColumnRole: String] = [:]) { self.columns = columns }

    public subscript(role: ColumnRole) -> String? {
        get { columns[role] }
        set { columns[role] = newValue }
    }
}
