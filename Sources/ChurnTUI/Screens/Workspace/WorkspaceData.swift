import ChurnKit

/// What the workspace app shows, loaded once from the store: the latest scores and their summary,
/// where they come from, and the profile of the newest import (for the Import tab).
public struct WorkspaceData: Sendable {
    /// The workspace file.
    public var workspacePath: String
    public var snapshot: ScoreSnapshot
    public var summary: RiskSummary
    /// The customers in ascending order of risk (shared with the table's risk sort).
    public var riskOrder: [Int32]
    /// The profile of the newest import, when there is one.
    public var importProfile: DataProfile?
    /// The widest customer id in columns, at most 24 (measured once, so the table does not jump).
    public var idWidth: Int

    public init(workspacePath: String, snapshot: ScoreSnapshot, importProfile: DataProfile? = nil) {
        self.workspacePath = workspacePath
        self.snapshot = snapshot
        riskOrder = SortPermutation.ascending(.risk, of: snapshot.customers)
        summary = RiskSummary(snapshot.customers, riskOrder: riskOrder)
        self.importProfile = importProfile
        var widest = 0
        for id in snapshot.customers.ids where widest < 24 {
            widest = max(widest, min(24, DisplayWidth.of(TextSanitizer.sanitize(id))))
        }
        idWidth = widest
    }

    public var customers: ScoredCustomers { snapshot.customers }

    /// The data set's file name as titles show it.
    public var datasetName: String? {
        snapshot.dataset.map { $0.file.split(separator: "/").last.map(String.init) ?? $0.file }
    }

    /// "v3 gradient-boosting" for the status bar.
    public var modelLabel: String { "v\(snapshot.model.version) \(snapshot.model.family)" }
}
