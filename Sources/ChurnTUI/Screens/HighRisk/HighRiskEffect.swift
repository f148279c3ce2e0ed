/// Work outside the state that the High-risk table asks for (carried out by `EffectRunner.performHighRisk`).
public enum HighRiskEffect: Sendable, Equatable {
}
