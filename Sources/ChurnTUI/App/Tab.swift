/// The tabs of the workspace app. Only tabs with something to show are listed (see `AppState.tabs`).
public enum Tab: String, CaseIterable, Sendable, Equatable {
    case overview
    case highRisk = "high-risk"
    case segments
    /// Model insights: the leaderboard and the model's curves.
    case insights = "model"
    case customer
    case whatIf = "what-if"
    case settings
    /// The import preview of the workspace's newest import.
    case importPreview = "import"

    /// The name in the tab bar.
    public var title: String {
        switch self {
        case .overview: return "Overview"
        case .highRisk: return "High-risk"
        case .segments: return "Segments"
        case .insights: return "Model"
        case .customer: return "Customer"
        case .whatIf: return "What-if"
        case .settings: return "Settings"
        case .importPreview: return "Import"
        }
    }

    /// The name in a narrow tab bar.
    public var shortTitle: String {
        switch self {
        case .overview: return "Over"
        case .highRisk: return "Risk"
        case .segments: return "Segs"
        case .insights: return "Model"
        case .customer: return "Cust"
        case .whatIf: return "What-if"
        case .settings: return "Set"
        case .importPreview: return "Imp"
        }
    }

    /// The name used by the command palette (`:tab high-risk`).
    public var commandName: String { rawValue }
}
