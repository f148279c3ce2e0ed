/// The views of the Model insights tab, in the order `v` cycles through them.
public enum InsightsSection: String, CaseIterable, Sendable, Equatable {
    case leaderboard
    case curves
    case importance
    case calibration

    /// The name in the view bar.
    public var title: String {
        switch self {
        case .leaderboard: return "Leaderboard"
        case .curves: return "ROC & PR"
        case .importance: return "Importance"
        case .calibration: return "Calibration & lift"
        }
    }

    /// The name in a narrow view bar.
    public var shortTitle: String {
        switch self {
        case .leaderboard: return "Board"
        case .curves: return "Curves"
        case .importance: return "Import."
        case .calibration: return "Calib."
        }
    }
}

/// The state of the Model insights tab: which view is shown, the leaderboard row selected, how far the
/// lists are scrolled, and the curves and importances computed in the background (nil until ready).
public struct InsightsState: Sendable {
    /// The view shown.
    public var section: InsightsSection = .leaderboard
    /// The leaderboard row selected (its details are shown under the table).
    public var selectedModel = 0
    /// The metric column picked with h/l: highlighted, kept in view, and compared across models.
    public var selectedMetric = 0
    /// The first feature shown in the importance lists.
    public var importanceTop = 0
    /// ROC, PR, calibration and lift from the out-of-fold scores; nil until computed.
    public var curves: Shared<InsightsCurves>?
    /// Why the curves are missing (no out-of-fold scores stored), when known.
    public var curvesNote: String?
    /// Mean |SHAP| per feature over a sample of the scored customers; nil until computed.
    public var shap: Shared<ShapImportance>?
    /// Why there is no SHAP importance (model not explainable), when known.
    public var shapNote: String?
    /// The split-gain importance of the model's tree members (empty for linear models).
    public var gain: [GainImportance] = []

    public init() {}
}
