import ChurnKit

/// What can happen to a training run in the background: keys that start, show or cancel it, and the
/// progress its work posts (through the `ActionQueue`).
public enum TrainingAction: Sendable, Equatable {
    /// `t` or Enter in the import preview: start training on the file, or show/hide the running one.
    case trainOrShow
    /// `:train` in the workspace app: train again on the data of the scores shown, while they stay usable.
    case retrain
    /// Show or hide the progress panel.
    case togglePanel
    /// Esc or Ctrl+C in the panel: stop the run (it is recorded as cancelled).
    case cancel
    /// `<` / `>` in the import preview: a shorter or longer churn horizon.
    case shiftHorizon(Int)
    /// The answer to "training is running: quit?" (y, or anything else).
    case answerQuit(Bool)

    // Posted by the background work.
    /// A progress event of the training engine (or of the preparing step).
    case progress(TrainingEvent)
    /// The champion is saved as model `version`; the leaderboard is final; scoring starts.
    case trained(Shared<[LeaderboardRow]>, version: Int)
    /// Customers are scored: the app shows the new scores (`threshold` is the workspace's saved one).
    case finished(Shared<WorkspaceData>, threshold: Double, summary: String)
    /// The run failed (the message says why); the store records it as failed.
    case failed(String)
    /// The run stopped after a cancel; the store records it as cancelled.
    case cancelled
}
