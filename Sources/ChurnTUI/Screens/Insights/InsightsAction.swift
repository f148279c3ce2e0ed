/// What can happen on the Model insights tab: the leaderboard, ROC and PR curves, confusion matrix, importance, calibration and lift.
public enum InsightsAction: Sendable, Equatable {
}
