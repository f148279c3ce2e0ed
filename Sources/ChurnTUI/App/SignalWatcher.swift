import Foundation

/// Turns SIGINT, SIGTERM and SIGHUP into actions on an `ActionQueue`, so the event loop can restore
/// the terminal and leave cleanly instead of dying with the terminal in raw mode.
public final class SignalWatcher {
    private var sources: [DispatchSourceSignal] = []
    private let signals: [(Int32, Action)] = [(SIGINT, .interrupt), (SIGTERM, .terminate), (SIGHUP, .terminate)]

    /// Starts watching; the default handlers are replaced until `stop()`.
    public init(queue: ActionQueue) {
        for (number, action) in signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global(qos: .userInteractive))
            source.setEventHandler { @Sendable in queue.post(action) }
            source.resume()
            sources.append(source)
        }
    }

    /// Stops watching and restores the default handlers.
    public func stop() {
        for source in sources { source.cancel() }
        sources.removeAll()
        for (number, _) in signals { signal(number, SIG_DFL) }
    }

    deinit { stop() }
}
