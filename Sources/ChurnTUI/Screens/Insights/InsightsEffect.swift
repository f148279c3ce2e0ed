/// Work outside the state that the Model insights tab asks for (carried out by `EffectRunner.performInsights`).
public enum InsightsEffect: Sendable, Equatable {
}
