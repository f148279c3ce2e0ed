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
    /// the most recent import's preview, else how to start.
    mutating func run() throws {
        let workspace = self.workspace
        let display = self.display
        try CommandLineErrors.guarded {
            let store = try Workspace(path: workspace.resolvedPath)
            if try ScoreReader(workspace: store).hasScores() {
                try WorkspaceApp.run(workspace: store, options: display.terminalOptions)
                return
            }
            guard let last = try store.imports().first else {
                Console.error("""
                This workspace (\(store.path)) has no imports yet.
                Start with the bundled sample data:  churn open sample-data/subscription.csv
                or import your own file:             churn open FILE.csv [--map customer=COLUMN ...]
                """)
                throw CommandLineFailure(exitCode: ExitCode.noInput)
            }
            var open = OpenCommand()
            let mapArguments = ColumnRole.allCases.compactMap { role in last.mapping[role].map { "--map=\(role.rawValue)=\($0)" } }
            open.data = try DataOptions.parse([last.file] + mapArguments)
            open.workspace = workspace
            open.display = display
            try open.execute()
        }
    }
}
