import Foundation

/// The stages of a training run, in order.
public enum TrainingStage: String, Codable, Sendable {
    case preparing, searching, blending, calibrating, refitting, finished
}

/// One progress report of a training run, sent through the run's single event channel
/// (the `onEvent` callback of `TrainingEngine`) to the command line and the TUI alike.
public struct TrainingEvent: Sendable, Equatable {
    public var stage: TrainingStage
    /// The family being searched, when the stage is per family.
    public var family: ModelFamily?
    /// 1-based number of the current model family, and how many there are.
    public var modelIndex: Int
    public var modelCount: Int
    /// 1-based fold just finished (nil outside cross-validation), and the number of folds.
    public var fold: Int?
    public var foldCount: Int
    /// 1-based trial just finished and the family's number of trials.
    public var trial: Int?
    public var trialCount: Int?
    /// Share of the run's work done, 0...1.
    public var fraction: Double
    /// Seconds since the run started.
    public var elapsed: Double
    /// Estimated seconds left (nil until there is something to extrapolate from).
    public var eta: Double?
    /// A short log line.
    public var message: String
    /// On the event that ends a family's search: the cross-validated mean ROC-AUC of its best trial
    /// (nil on every other event), so watchers can show each model's result as soon as it is known.
    public var searchAUC: Double?

    public init(stage: TrainingStage, family: ModelFamily? = nil, modelIndex: Int = 0, modelCount: Int = 0, fold: Int? = nil,
                foldCount: Int = 0, trial: Int? = nil, trialCount: Int? = nil, fraction: Double, elapsed: Double,
                eta: Double? = nil, message: String, searchAUC: Double? = nil) {
        self.stage = stage; self.family = family; self.modelIndex = modelIndex; self.modelCount = modelCount
        self.fold = fold; self.foldCount = foldCount; self.trial = trial; self.trialCount = trialCount
        self.fraction = fraction; self.elapsed = elapsed; self.eta = eta; self.message = message
        self.searchAUC = searchAUC
    }
}

/// Counts finished work units and turns them into events (thread-safe).
final class ProgressMeter: @unchecked Sendable {
    private let lock = NSLock()
    private let start = Date()
    private var done = 0.0
    private var total: Double
    private let sink: @Sendable (TrainingEvent) -> Void

    init(total: Double, sink: @escaping @Sendable (TrainingEvent) -> Void) {
        self.total = max(total, 1)
        self.sink = sink
    }

    /// Adds `units` of finished work and sends `event` with the fraction, elapsed time and ETA filled in.
    func advance(_ units: Double, _ event: TrainingEvent) {
        lock.lock()
        done = min(done + units, total)
        let fraction = done / total
        let elapsed = Date().timeIntervalSince(start)
        lock.unlock()
        var e = event
        e.fraction = fraction
        e.elapsed = elapsed
        e.eta = fraction > 0.02 ? elapsed * (1 - fraction) / fraction : nil
        sink(e)
    }

    /// Seconds since the meter started.
    var elapsed: Double { Date().timeIntervalSince(start) }
}
