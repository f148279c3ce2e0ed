/// Runs an app on a terminal: reads keys, drains posted actions, reduces, and draws when something
/// changed, until the state asks to quit.
///
/// Keys are read with a timeout (short while background work runs) so posted actions and signals
/// are handled promptly; all keys already typed are reduced before the next frame is drawn, so key
/// repeat over a slow link does not queue up frames.
public enum EventLoop {
    /// How long to wait for a key when idle and when background work runs (milliseconds).
    static let idleTimeout: Int32 = 200
    static let busyTimeout: Int32 = 50

    /// Runs until `shouldQuit`; returns the final state.
    ///
    /// - Parameter changed: called on the UI thread after each reduced action with the state before
    ///   and after it, for effects outside the state (e.g. saving a changed setting).
    public static func run(_ initial: AppState, terminal: CursesTerminal, queue: ActionQueue,
                           changed: ((AppState, AppState) -> Void)? = nil) -> AppState {
        var state = reduce(initial, .resize(terminal.size))
        var dirty = true
        while !state.shouldQuit {
            for action in queue.drain() {
                let before = state
                state = reduce(state, action)
                changed?(before, state)
                dirty = true
            }
            if state.shouldQuit { break }
            if dirty {
                terminal.draw(render(state, size: terminal.size))
                dirty = false
            }
            var timeout = state.isBusy ? busyTimeout : idleTimeout
            var handled = 0
            while handled < 256, let key = terminal.readKey(timeout: timeout) {
                let before = state
                state = key == .resize ? reduce(state, .resize(terminal.size)) : reduce(state, .key(key))
                changed?(before, state)
                dirty = true
                handled += 1
                timeout = 0
                if state.shouldQuit { break }
            }
        }
        return state
    }
}
