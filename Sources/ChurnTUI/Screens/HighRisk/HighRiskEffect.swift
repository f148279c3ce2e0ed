/// Work outside the state that the High-risk table asks for (carried out by `EffectRunner.performHighRisk`).
public enum HighRiskEffect: Sendable, Equatable {
    /// Write customers to a CSV file for a CRM.
    case export(CustomerExportRequest)
}

/// Which scored customers to write to CSV, in which order, and where.
public struct CustomerExportRequest: Sendable, Equatable {
    /// Indices into the scored customers, in the order of the rows to write.
    public var rows: Shared<[Int32]>
    /// The file as typed (relative to the current directory), or nil for `churn-export-YYYYMMDD-HHMMSS.csv` there.
    public var path: String?
    /// What the rows are, for the status message ("customers", "marked customers", "segment Long absence").
    public var what: String

    public init(rows: Shared<[Int32]>, path: String?, what: String) {
        self.rows = rows
        self.path = path
        self.what = what
    }
}
