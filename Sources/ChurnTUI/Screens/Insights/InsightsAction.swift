/// What can happen on the Model insights tab: the leaderboard, ROC and PR curves, confusion matrix, importance, calibration and lift.
public enum InsightsAction: Sendable, Equatable {
    /// Show the next (+1) or previous (-1) view.
    case cycleSection(Int)
    /// Show a view.
    case showSection(InsightsSection)
    /// The curves of the out-of-fold scores are ready.
    case curvesReady(Shared<InsightsCurves>)
    /// The model has no curves (the message says why); `modelID` names the model it is about.
    case curvesUnavailable(modelID: Int64, String)
    /// The SHAP importance is ready.
    case shapReady(Shared<ShapImportance>)
    /// The SHAP importance could not be computed (the message says why).
    case shapUnavailable(modelID: Int64, String)
}
