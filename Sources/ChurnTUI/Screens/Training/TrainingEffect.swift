/// Work a training run needs (carried out by `EffectRunner.performTraining`).
public enum TrainingEffect: Sendable, Equatable {
    /// Prepare, train, save the champion and score the customers, in the background, posting progress.
    case start(Shared<TrainingPlan>, Shared<TrainingRun>)
    /// Ask a run to stop.
    case cancel(Shared<TrainingRun>)
}
