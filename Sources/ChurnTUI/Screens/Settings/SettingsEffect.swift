/// Work outside the state that the Settings tab asks for (carried out by `EffectRunner.performSettings`).
public enum SettingsEffect: Sendable, Equatable {
}
