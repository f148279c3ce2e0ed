/// The state of training in the background: the progress panel and the run's results so far.
public struct TrainingState: Sendable {
    public init() {}
}
