import Foundation

/// Live progress of training runs in the `runs` table, so that another process (a second terminal,
/// `churn models`, a later dashboard) can see how far a run is.
extension Workspace {
    /// Writes the stage and the share done (0...1) of a training event into its run's row; a run that
    /// already ended (succeeded, failed, cancelled) is left alone.
    ///
    /// - Throws: `StoreError` or a database error when the write fails.
    public func recordRunProgress(_ runID: Int64, event: TrainingEvent) throws {
        let fraction = event.fraction.isFinite ? min(1, max(0, event.fraction)) : 0
        try updateRun(runID, stage: event.stage.rawValue, progress: fraction)
    }

    /// A recorder that writes a run's progress at most every `interval` seconds (see `RunProgressRecorder`).
    public func runProgressRecorder(runID: Int64, interval: TimeInterval = RunProgressRecorder.defaultInterval)
        -> RunProgressRecorder {
        RunProgressRecorder(workspace: self, runID: runID, interval: interval)
    }
}

/// Throttles the progress writes of one run: training emits an event per fitted fold (hundreds a
/// second on small data), the store gets at most one write per `interval` plus one at every change
/// of stage, and `flush()` writes the last event held back.
///
/// Thread-safe (events arrive from the engine's worker threads). Progress is best effort: a failed
/// write does not stop training; the first error is kept in `lastError`.
public final class RunProgressRecorder: @unchecked Sendable {
    /// At most two writes a second.
    public static let defaultInterval: TimeInterval = 0.5

    private let workspace: Workspace
    private let runID: Int64
    private let interval: TimeInterval
    private let clock: @Sendable () -> TimeInterval
    private let lock = NSLock()
    private var lastWrite: TimeInterval?
    private var lastStage: TrainingStage?
    private var pending: TrainingEvent?
    private var error: Error?
    private var writeCount = 0

    /// - Parameter clock: seconds on a monotonic clock (injected by tests).
    public init(workspace: Workspace, runID: Int64, interval: TimeInterval = RunProgressRecorder.defaultInterval,
                clock: @escaping @Sendable () -> TimeInterval = { ProcessInfo.processInfo.systemUptime }) {
        self.workspace = workspace
        self.runID = runID
        self.interval = interval
        self.clock = clock
    }

    /// Takes one event: written now when the stage changed or `interval` passed since the last write,
    /// otherwise held until the next write or `flush()`.
    public func record(_ event: TrainingEvent) {
        lock.lock(); defer { lock.unlock() }
        let now = clock()
        if event.stage == lastStage, let last = lastWrite, now - last < interval {
            pending = event
            return
        }
        write(event, at: now)
    }

    /// Writes the newest event held back, if any.
    public func flush() {
        lock.lock(); defer { lock.unlock() }
        if let event = pending { write(event, at: clock()) }
    }

    /// The first write that failed, if one did.
    public var lastError: Error? {
        lock.lock(); defer { lock.unlock() }
        return error
    }

    /// How many writes reached the store (for tests and diagnostics).
    public var writes: Int {
        lock.lock(); defer { lock.unlock() }
        return writeCount
    }

    /// Called with the lock held.
    private func write(_ event: TrainingEvent, at now: TimeInterval) {
        pending = nil
        lastWrite = now
        lastStage = event.stage
        do {
            try workspace.recordRunProgress(runID, event: event)
            writeCount += 1
        } catch {
            if self.error == nil { self.error = error }
        }
    }
}
