import Foundation

/// A thread-safe queue of actions: background work and signal handlers post, the UI thread drains it
/// in its event loop (ncurses and the state stay on that one thread).
public final class ActionQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var pending: [Action] = []

    public init() {}

    /// Adds an action from any thread.
    public func post(_ action: Action) {
        lock.lock()
        pending.append(action)
        lock.unlock()
    }

    /// Removes and returns every action posted so far, oldest first.
    public func drain() -> [Action] {
        lock.lock()
        defer { lock.unlock() }
        let actions = pending
        pending.removeAll(keepingCapacity: true)
        return actions
    }
}
