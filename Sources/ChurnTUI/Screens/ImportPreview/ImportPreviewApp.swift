import ChurnKit

/// The full-screen import preview (`churn open FILE`): the first rows, the detected shape and
/// roles, and the profile report, until the user quits.
public enum ImportPreviewApp {
    /// Shows the preview of a profile until q (or Ctrl+C, SIGTERM, SIGHUP), then restores the terminal.
    ///
    /// - Throws: `ThemeError` when the theme cannot be loaded, `TerminalError` when the terminal
    ///   cannot be used (TERM unset or unknown, not a terminal). Both are thrown before the screen changes.
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
