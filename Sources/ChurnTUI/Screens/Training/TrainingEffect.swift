/// Work a training run needs (carried out by `EffectRunner.performTraining`).
public enum TrainingEffect: Sendable, Equatable {
}
