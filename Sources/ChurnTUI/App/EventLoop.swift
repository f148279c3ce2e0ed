/// Runs an app on a terminal: reads keys, drains posted actions, reduces, carries out requested
/// effects, and draws when something changed, until the state asks to quit.
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
    /// - Parameters:
    ///   - initial: the state before the first frame; `initialActions` are reduced before it is drawn.
    ///   - perform: carries out each effect a reduced action requested (on the UI thread; it may hand
    ///     work to a background queue and post the outcome to `queue`).
    public static func run(_ initial: AppState, terminal: CursesTerminal, queue: ActionQueue,
                           perform: ((Effect, AppState) -> Void)? = nil) -> AppState {
        var state = reduce(initial, .resize(terminal.size))
        var dirty = true
        func apply(_ action: Action) {
            state = reduce(state, action)
            if !state.effects.isEmpty {
                let effects = state.effects
                state.effects.removeAll()
                for effect in effects { perform?(effect, state) }
            }
            dirty = true
        }
        while !state.shouldQuit {
            for action in queue.drain() {
                apply(action)
            }
            if state.shouldQuit { break }
            if dirty {
                terminal.draw(render(state, size: terminal.size))
                dirty = false
            }
            var timeout = state.isBusy ? busyTimeout : idleTimeout
            var handled = 0
            while handled < 256, let key = terminal.readKey(timeout: timeout) {
                apply(key == .resize ? .resize(terminal.size) : .key(key))
                handled += 1
                timeout = 0
                if state.shouldQuit { break }
            }
        }
        return state
    }
}
