import ChurnKit
import Foundation

/// The full-screen workspace app (`churn` with no arguments once a model has scored customers):
/// Overview, High-risk and the import preview as tabs over the latest stored scores.
public enum WorkspaceApp {
    /// The setting holding the churn threshold.
    public static let thresholdSetting = "threshold"

    /// Loads what the app shows from the workspace: the latest scores (nil when there are none), the
    /// newest import's profile and the saved threshold.
    ///
    /// - Throws: `StoreError` when the workspace cannot be read.
    public static func load(workspace: Workspace) throws -> (data: WorkspaceData, threshold: Double)? {
        guard let snapshot = try ScoreReader(workspace: workspace).latest() else { return nil }
        // The Import tab is a bonus: an import whose stored profile cannot be read just has no tab.
        let profile = (try? workspace.imports())?.first?.profile
        let data = WorkspaceData(workspacePath: workspace.path, snapshot: snapshot, importProfile: profile)
        let threshold = try workspace.setting(thresholdSetting).flatMap(Double.init) ?? AppState.defaultThreshold
        return (data, threshold)
    }

    /// Runs the app until q (or Ctrl+C, SIGTERM, SIGHUP), then restores the terminal. Effects of the
    /// keys (a changed threshold saved in the workspace's settings, exports, notes) are carried out by
    /// an `EffectRunner`; the workspace analysis loads in the background after the first frame.
    ///
    /// - Throws: `WorkspaceAppError.noScores` when nothing was scored yet, `StoreError` when the
    ///   workspace cannot be read, `ThemeError` or `TerminalError` (before the screen changes).
    ///
    /// - Parameter training: what `:train` searches when it trains again on the data of the scores shown.
    public static func run(workspace: Workspace, options: TerminalOptions,
                           training: TrainingConfiguration = TrainingConfiguration()) throws {
        guard let (data, threshold) = try load(workspace: workspace) else {
            throw WorkspaceAppError.noScores(path: workspace.path)
        }
        // Settings saved on the Settings tab; a saved theme is used unless --theme names another.
        let saved = (try? SettingsValues.load(from: workspace)) ?? SettingsValues()
        var themeName = options.theme
        if themeName == TerminalOptions().theme, let savedTheme = saved.theme, (try? ThemeLoader.load(savedTheme)) != nil {
            themeName = savedTheme
        }
        let theme = try ThemeLoader.load(themeName)
        let terminal = try CursesTerminal(options: options, theme: theme)
        let queue = ActionQueue()
        let signals = SignalWatcher(queue: queue)
        defer {
            terminal.close()
            signals.stop()
        }
        let glyphs: Glyphs = options.ascii || !terminal.unicode ? .ascii : .unicode
        var state = AppState.workspace(data, threshold: threshold, size: terminal.size, user: LoginName.current(),
                                       glyphs: glyphs, asciiOnly: !terminal.unicode)
        SettingsReducer.restore(&state, values: saved, themes: ThemeLoader.available(), theme: themeName, colors: terminal.colors)
        state.training.retrainPlan = retrainPlan(data, workspace: workspace, configuration: training).map(Shared.init)
        let runner = EffectRunner(workspace: workspace, queue: queue)
        runner.applyTheme = { terminal.apply(theme: $0) }
        // The first frame comes from the stored scores; the features and explainer load behind it.
        queue.post(.requestAnalysis)
        let final = EventLoop.run(state, terminal: terminal, queue: queue) { effect, state in
            runner.perform(effect, state: state)
        }
        runner.stopTraining(final)
    }

    /// What `:train` trains on: the data file of the scores shown, read with the roles of its import.
    /// Nil when the file is unknown or gone.
    static func retrainPlan(_ data: WorkspaceData, workspace: Workspace, configuration: TrainingConfiguration) -> TrainingPlan? {
        guard let dataset = data.snapshot.dataset, FileManager.default.fileExists(atPath: dataset.file) else { return nil }
        let record = (try? workspace.imports())?.first { $0.id == dataset.importID }
        let ingest = IngestOptions(mapping: record?.mapping ?? ColumnMapping(), shape: record?.shape)
        return TrainingPlan(file: dataset.file, ingest: ingest, configuration: configuration)
    }
}

/// Why the workspace app cannot start.
public enum WorkspaceAppError: UserFacingError, Equatable {
    /// No model of the workspace has scored customers yet.
    case noScores(path: String)

    public var message: String {
        switch self {
        case .noScores(let path):
            return "the workspace \(path) has no scored customers yet. Train a model first (churn train), or open a file with churn open FILE."
        }
    }

    public var exitCode: Int32 { ExitCode.noInput }
}
