import ArgumentParser
import ChurnKit
import ChurnTUI
import Foundation

/// The `churn` command: the terminal application and its scriptable subcommands.
@main
struct Churn: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "churn",
        abstract: "Find the customers about to leave, understand why, and decide whom to contact.",
        discussion: "With no subcommand, churn opens the workspace full screen. Start with `churn open FILE` (a transaction log or a customer table), then `churn train FILE` and `churn score FILE`. Every subcommand that reports data takes --json: stdout then carries only the JSON document, and messages go to stderr.",
        version: "churn 0.1.0",
        subcommands: [
            OpenCommand.self, ProfileCommand.self, FeaturesCommand.self,
            TrainCommand.self, ScoreCommand.self, ModelsCommand.self,
            ExplainCommand.self, WhatIfCommand.self, ImportanceCommand.self, ScriptCommand.self,
            ThresholdCommand.self, ROICommand.self, SegmentCommand.self, SegmentsCommand.self, ExportCommand.self,
            SampleCommand.self, InfoCommand.self, BenchCommand.self,
        ]
    )

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var display: DisplayOptions

    /// With no subcommand: the workspace app on Overview when a model has scored customers, else
    /// the most recent import's preview (t trains on it), else, on a first run, the bundled sample data.
    mutating func run() throws {
        let workspace = self.workspace
        let display = self.display
        try CommandLineErrors.guarded {
            // What the app trains (`:train`, or t on a first run): CHURN_TRAIN_MODELS/FOLDS/TRIALS, else the
            // defaults. Not options of `churn` itself: they would shadow `churn train --models` and the like.
            let training = try AppTrainingOptions.parse([])
            let store = try Workspace(path: workspace.resolvedPath)
            if try ScoreReader(workspace: store).hasScores() {
                try WorkspaceApp.run(workspace: store, options: display.terminalOptions, training: try training.configuration())
                return
            }
            // OpenCommand's own options (cutoff, horizon, --train) take their defaults from parsing.
            var open: OpenCommand
            if let last = try store.imports().first {
                let mapArguments = ColumnRole.allCases.compactMap { role in last.mapping[role].map { "--map=\(role.rawValue)=\($0)" } }
                open = try OpenCommand.parse([last.file] + mapArguments)
                open.welcome = "no scores yet: t trains on this file, the last one opened"
            } else {
                // First run: offer the sample data instead of an empty screen.
                open = try OpenCommand.parse([try BundledSample.locate(workspacePath: store.path)])
                open.welcome = "first run: this is the bundled sample data. t trains on it; q, then churn open FILE for yours"
            }
            open.workspace = workspace
            open.display = display
            open.training = training
            try open.execute()
        }
    }
}
