/// Work outside the state that the Customer tab asks for (carried out by `EffectRunner.performCustomer`).
public enum CustomerEffect: Sendable, Equatable {
}
