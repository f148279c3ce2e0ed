/// What can happen on the High-risk table beyond moving, sorting, searching and tier filters
/// (those are the shared `Action` cases): the filter language, score ranges, opening and exporting.
public enum HighRiskAction: Sendable, Equatable {
    /// Start typing a filter expression (prefilled with the filter in force).
    case startFilter
    /// Remove the typed filter (quick filters stay).
    case clearFilter
    /// The next (+1) or previous (-1) score-range quick filter.
    case stepScoreRange(Int)
    /// Open the customer under the cursor on the Customer tab.
    case openUnderCursor
    /// Start typing the file name to export the view (or only the marked customers) to.
    case startExport(markedOnly: Bool)
}
