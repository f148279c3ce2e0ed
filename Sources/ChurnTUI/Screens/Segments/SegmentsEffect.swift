/// Work outside the state that the Segments tab asks for (carried out by `EffectRunner.performSegments`).
public enum SegmentsEffect: Sendable, Equatable {
}
