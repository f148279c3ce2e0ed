/// Work outside the state that the What-if tab asks for (carried out by `EffectRunner.performWhatIf`).
public enum WhatIfEffect: Sendable, Equatable {
}
