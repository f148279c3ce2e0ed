/// What can happen to a training run in the background (progress events are posted as these).
public enum TrainingAction: Sendable, Equatable {
}
