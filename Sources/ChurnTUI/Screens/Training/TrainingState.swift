import ChurnKit

/// The state of training in the background: where the run is, each model's progress and result, the
/// log, and whether the user is being asked to confirm quitting while it runs.
public struct TrainingState: Sendable {
    /// Where a run is.
    public enum Phase: Sendable, Equatable {
        /// No run yet.
        case idle
        /// Reading, validating and featurising the file.
        case preparing
        /// Cross-validated search, blend, calibration and refit.
        case running
        /// The champion is saved; customers are being scored.
        case scoring
        /// Scores are in the workspace and shown.
        case finished
        case failed(String)
        case cancelled
    }

    /// One model family's search, for its bar in the panel.
    public struct ModelProgress: Sendable, Equatable {
        public var family: ModelFamily
        /// Fold fits finished and planned.
        public var fitsDone: Int
        public var fitsPlanned: Int
        /// Whether its search is over.
        public var done: Bool
        /// The best trial's cross-validated mean ROC-AUC, once known.
        public var auc: Double?

        /// Share of the search done (0...1).
        public var fraction: Double {
            done ? 1 : fitsPlanned > 0 ? min(1, Double(fitsDone) / Double(fitsPlanned)) : 0
        }
    }

    /// The most log lines kept.
    public static let logLimit = 200

    public var phase: Phase = .idle
    /// The run going on (or the last one).
    public var run: Shared<TrainingRun>?
    /// The file trained on and what the search covers, for the panel's title.
    public var fileName = ""
    public var summary = ""
    /// The newest progress event.
    public var event: TrainingEvent?
    public var models: [ModelProgress] = []
    /// The final leaderboard, once the champion is saved.
    public var leaderboard: Shared<[LeaderboardRow]>?
    /// The model version saved by the run.
    public var savedVersion: Int?
    public var log: [String] = []
    /// Esc or Ctrl+C was pressed; the run stops within a second.
    public var cancelRequested = false
    /// `q` was pressed while the run works: the next key answers "quit?".
    public var confirmingQuit = false
    /// What `:train` trains on in the workspace app (the data of the scores shown), when known.
    public var retrainPlan: Shared<TrainingPlan>?

    public init() {}

    /// Whether a run is working in the background.
    public var isRunning: Bool {
        switch phase {
        case .preparing, .running, .scoring: return true
        case .idle, .finished, .failed, .cancelled: return false
        }
    }

    /// The run's share done (0...1), scoring counted as done.
    public var fraction: Double {
        switch phase {
        case .idle, .preparing: return event?.fraction ?? 0
        case .running, .failed, .cancelled: return event?.fraction ?? 0
        case .scoring, .finished: return 1
        }
    }

    /// Resets the state for a new run of `plan`.
    mutating func begin(_ plan: TrainingPlan, run: TrainingRun) {
        phase = .preparing
        self.run = Shared(run)
        fileName = plan.fileName
        summary = plan.summary
        event = nil
        let planned = plan.configuration.plannedFitsPerFamily
        models = plan.configuration.families.map { ModelProgress(family: $0, fitsDone: 0, fitsPlanned: planned, done: false, auc: nil) }
        leaderboard = nil
        savedVersion = nil
        log = ["training on \(plan.fileName): \(plan.summary)"]
        cancelRequested = false
        confirmingQuit = false
    }

    /// Takes a progress event: the overall figures, the model's bar, and the log line.
    mutating func take(_ e: TrainingEvent) {
        event = e
        if phase == .preparing, e.stage != .preparing { phase = .running }
        if let family = e.family, e.stage == .searching, let i = models.firstIndex(where: { $0.family == family }) {
            if e.fold != nil {
                models[i].fitsDone += 1
            } else {
                // The event that ends the family's search.
                models[i].done = true
                models[i].auc = e.searchAUC
            }
        }
        // Per-fold lines would flood the log: keep trial ends, stage changes and everything outside the search.
        if e.fold == nil || e.fold == e.foldCount {
            append(e.message)
        }
    }

    /// Adds a log line, dropping the oldest beyond `logLimit`.
    mutating func append(_ line: String) {
        guard log.last != line else { return }
        log.append(line)
        if log.count > Self.logLimit { log.removeFirst(log.count - Self.logLimit) }
    }

    /// The status bar's words for the work ("training 43%"), nil when idle.
    var statusText: String? {
        switch phase {
        case .preparing: return "training: preparing"
        case .running: return "training \(Int((fraction * 100).rounded(.down)))%" + (cancelRequested ? " (cancelling)" : "")
        case .scoring: return "scoring"
        case .idle, .finished, .failed, .cancelled: return nil
        }
    }
}
