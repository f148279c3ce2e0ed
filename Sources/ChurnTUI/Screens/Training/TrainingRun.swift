import ChurnKit
import Foundation

/// One training run started from the app: its cancellation switch, and whether its background work
/// has ended (so the app can wait for a cancelled run to be recorded before it exits).
///
/// Created by the reducer when a run is asked for, carried in `TrainingState` and in the effects
/// (wrapped in `Shared`), so a cancel pressed before the work even started still reaches it.
public final class TrainingRun: @unchecked Sendable {
    /// Cancellation seen by the training engine.
    public let control = TrainingControl()
    private let lock = NSLock()
    private let ended = DispatchSemaphore(value: 0)
    private var started = false
    private var finished = false

    public init() {}

    /// Asks the run to stop (the engine stops within about a second).
    public func cancel() { control.cancel() }

    /// Whether `cancel()` was called.
    public var isCancelled: Bool { control.isCancelled }

    /// Marks the background work as started.
    func begin() {
        lock.lock(); started = true; lock.unlock()
    }

    /// Marks the background work as ended (the store holds its outcome).
    func end() {
        lock.lock()
        let first = !finished
        finished = true
        lock.unlock()
        if first { ended.signal() }
    }

    /// Whether the background work has ended.
    public var hasEnded: Bool {
        lock.lock(); defer { lock.unlock() }
        return finished
    }

    /// Waits until the background work has ended (at once when it never started); false on timeout.
    @discardableResult
    public func waitUntilEnded(timeout: TimeInterval) -> Bool {
        lock.lock()
        let waiting = started && !finished
        lock.unlock()
        guard waiting else { return true }
        guard ended.wait(timeout: .now() + timeout) == .success else { return false }
        ended.signal()
        return true
    }
}
