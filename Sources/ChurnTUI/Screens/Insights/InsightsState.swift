/// The state of the Model insights tab: the leaderboard, ROC and PR curves, confusion matrix, importance, calibration and lift.
public struct InsightsState: Sendable {
    public init() {}
}
