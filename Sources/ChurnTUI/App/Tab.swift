/// The tabs of the workspace app. Only tabs with something to show are listed (see `AppState.tabs`).
public enum Tab: String, CaseIterable, Sendable, Equatable {
    case overview
    case highRisk = "high-risk"
    /// The import preview of the workspace's newest import.
    case importPreview = "import"

    /// The name in the tab bar.
    public var title: String {
        switch self {
        case .overview: return "Overview"
        case .highRisk: return "High-risk"
        case .importPreview: return "Import"
        }
    }

    /// The name used by the command palette (`:tab high-risk`).
    public var commandName: String { rawValue }
}
