import ChurnKit

/// The full-screen import preview (`churn open FILE`): the first rows, the detected shape and
/// roles, the churn horizon and the profile report; `t` trains on the file in the background, and
/// when the customers are scored the app becomes the workspace app over the new scores.
public enum ImportPreviewApp {
    /// Shows the preview until q (or Ctrl+C, SIGTERM, SIGHUP), then restores the terminal. A run still
    /// working at exit is cancelled and recorded as cancelled before this returns.
    ///
    /// - Parameters:
    ///   - message: shown in the status bar on the first frame (e.g. why this file is shown).
    ///   - startTraining: start training at once, as if `t` was pressed.
    /// - Throws: `ThemeError` when the theme cannot be loaded, `TerminalError` when the terminal
    ///   cannot be used (TERM unset or unknown, not a terminal). Both are thrown before the screen changes.
    public static func run(preview: ImportPreviewState, workspace: Workspace, options: TerminalOptions,
                           message: String? = nil, startTraining: Bool = false) throws {
        let theme = try ThemeLoader.load(options.theme)
        let terminal = try CursesTerminal(options: options, theme: theme)
        let queue = ActionQueue()
        let signals = SignalWatcher(queue: queue)
        defer {
            terminal.close()
            signals.stop()
        }
        let glyphs: Glyphs = options.ascii || !terminal.unicode ? .ascii : .unicode
        var state = reduce(AppState(preview: preview, size: terminal.size, user: LoginName.current(), glyphs: glyphs,
                                    asciiOnly: !terminal.unicode), .resize(terminal.size))
        state.message = message
        let runner = EffectRunner(workspace: workspace, queue: queue)
        if startTraining { queue.post(.training(.trainOrShow)) }
        let final = EventLoop.run(state, terminal: terminal, queue: queue) { effect, state in
            runner.perform(effect, state: state)
        }
        runner.stopTraining(final)
    }

    /// Shows the preview of a profile alone, as a report (nothing to train, no workspace), until q.
    ///
    /// - Throws: `ThemeError`, `TerminalError` (before the screen changes).
    public static func run(profile: DataProfile, options: TerminalOptions) throws {
        let theme = try ThemeLoader.load(options.theme)
        let terminal = try CursesTerminal(options: options, theme: theme)
        let queue = ActionQueue()
        let signals = SignalWatcher(queue: queue)
        defer {
            terminal.close()
            signals.stop()
        }
        let glyphs: Glyphs = options.ascii || !terminal.unicode ? .ascii : .unicode
        let state = AppState.importPreview(profile, size: terminal.size, user: LoginName.current(),
                                           glyphs: glyphs, asciiOnly: !terminal.unicode)
        _ = EventLoop.run(state, terminal: terminal, queue: queue)
    }
}
