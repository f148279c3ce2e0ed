import ArgumentParser
import ChurnKit
import ChurnTUI
import Foundation

/// `churn open FILE`: imports a file into the workspace and shows it full screen.
struct OpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Import a data file into the workspace and explore it full screen.",
        discussion: "Shows the first rows, the detected shape and column roles, and the validation report."
    )

    @OptionGroup var data: DataOptions
    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var display: DisplayOptions

    mutating func run() throws {
        let command = self
        try CommandLineErrors.guarded { try command.execute() }
    }

    /// Loads, profiles and records the import, then runs the screen until the user quits.
    func execute() throws {
        let options = try data.ingestOptions()
        // The workspace remembers the absolute path, so that `churn` alone reopens it from anywhere.
        let path = URL(fileURLWithPath: data.file).standardizedFileURL.path
        let loaded = try DataLoader.load(path: path, options: options)
        let profile = DataProfiler.profile(loaded, options: options)
        let store = try Workspace(path: workspace.resolvedPath)
        let hash = try FileHasher.sha256Hex(path: path)
        _ = try store.recordImport(profile, fileHash: hash, mapping: loaded.mapping)
        try ImportPreviewApp.run(profile: profile, options: display.terminalOptions)
    }
}
