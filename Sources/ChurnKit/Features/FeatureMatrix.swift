/// One feature: a readable name, a one-line description and one value per customer (NaN = missing).
public struct FeatureColumn: Sendable {
    /// A snake_case name a retention person can read, e.g. `days_since_last_purchase`,
    /// or the source column's name (and `column=level` for one-hot columns) for customer tables.
    public var name: String
    /// One line saying what the value means.
    public var description: String
    /// One value per row of the matrix; `Double.nan` marks a missing value.
    public var values: [Double]

    public init(name: String, description: String, values: [Double]) {
        self.name = name
        self.description = description
        self.values = values
    }
}

/// One row per customer: the features, and (for training tables) the churn label.
public struct FeatureMatrix: Sendable {
    /// The customer of each row.
    public var customerIDs: [String]
    /// The features in a stable order, each with one value per row.
    public var features: [FeatureColumn]
    /// 1 = churned, 0 = retained, NaN = unknown; nil for scoring tables.
    public var label: [Double]?
    /// The name of the label column in written tables.
    public var labelName: String
    /// For transaction logs: the day number (days since 1970) the features are computed at.
    public var cutoffDay: Int64?
    /// For training tables from transaction logs: the horizon H of the label, in days.
    public var horizonDays: Int?
    /// Plain sentences about how the table was built: dropped columns, encodings, rows without a label.
    public var notes: [String]

    public init(customerIDs: [String], features: [FeatureColumn], label: [Double]?, labelName: String = "churned",
                cutoffDay: Int64? = nil, horizonDays: Int? = nil, notes: [String] = []) {
        self.customerIDs = customerIDs
        self.features = features
        self.label = label
        self.labelName = labelName
        self.cutoffDay = cutoffDay
        self.horizonDays = horizonDays
        self.notes = notes
    }

    /// Number of rows (customers).
    public var rowCount: Int { customerIDs.count }

    /// The feature with this name, if any.
    public func feature(named name: String) -> FeatureColumn? {
        features.first { $0.name == name }
    }
}
