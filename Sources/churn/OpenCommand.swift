import ArgumentParser
import ChurnKit
import ChurnTUI
import Foundation

/// `churn open FILE`: imports a file into the workspace, shows it full screen, and trains on it in
/// the background when asked (`t`), ending on the workspace app over the new scores.
struct OpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Import a data file, explore it full screen, and train on it in the background.",
        discussion: """
        Shows the first rows, the detected shape and column roles, the churn horizon with the churn rate each choice \
        gives (transaction logs; < and > choose), and the validation report. Press t (or Enter) to train: a progress \
        panel shows each model as it finishes (t hides and recalls it, Esc cancels); when the customers are scored the \
        app shows the Overview of the new scores.
        """
    )

    @OptionGroup var data: DataOptions
    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var display: DisplayOptions
    @OptionGroup var training: AppTrainingOptions

    @Option(help: ArgumentHelp("Cutoff date C (YYYY-MM-DD) for a transaction log.", valueName: "date"))
    var cutoff: String?

    @Option(help: ArgumentHelp("Churn horizon H in days for a transaction log (default: the suggested one).", valueName: "days"))
    var horizon: Int?

    @Flag(help: "Start training at once, as if t was pressed.")
    var train = false

    /// Shown in the status bar on the first frame (set by `churn` alone on a first run).
    var welcome: String?

    mutating func run() throws {
        let command = self
        try CommandLineErrors.guarded { try command.execute() }
    }

    /// Loads, profiles and records the import, then runs the screen until the user quits.
    func execute() throws {
        let options = try data.ingestOptions()
        let configuration = try training.configuration()
        var cutoffDay: Int64?
        if let cutoff {
            guard let day = CivilDate.parseISODate(cutoff) else { throw UsageError(message: "--cutoff \(cutoff): expected a date like 2024-06-30") }
            cutoffDay = day
        }
        if let horizon, horizon <= 0 { throw UsageError(message: "--horizon \(horizon): expected a positive number of days") }
        // The workspace remembers the absolute path, so that `churn` alone reopens it from anywhere.
        let path = URL(fileURLWithPath: data.file).standardizedFileURL.path
        let read = try PreviewReprofile.load(file: path, ingest: options)
        let profile = read.profile
        let store = try Workspace(path: workspace.resolvedPath)
        let hash = try FileHasher.sha256Hex(path: path)
        _ = try store.recordImport(profile, fileHash: hash, mapping: read.ingest.mapping)
        // The horizon choices exist for a transaction log only (a mapping that does not make a log has
        // none: training then says what is wrong).
        let advice = read.advice
        let plan = TrainingPlan(file: path, ingest: options, cutoffDay: cutoffDay, horizonDays: horizon, configuration: configuration)
        let preview = ImportPreviewState(profile: profile, layoutWidth: 100, glyphs: .unicode, plan: plan, horizon: advice)
        try ImportPreviewApp.run(preview: preview, workspace: store, options: display.terminalOptions,
                                 message: welcome, startTraining: train)
    }
}
