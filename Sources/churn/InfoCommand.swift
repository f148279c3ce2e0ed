import ArgumentParser
import ChurnKit
import Foundation

/// `churn info`: the paths and versions in use.
struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Print the workspace, configuration and theme paths in use."
    )

    @OptionGroup var workspace: WorkspaceOptions

    @Flag(help: "Print as JSON.")
    var json = false

    mutating func run() throws {
        let command = self
        try CommandLineErrors.guarded {
            let config = UserConfig.current
            let directory = ChurnConfig.directory()
            var info: [String: String] = [
                "version": Churn.configuration.version,
                "workspace": command.workspace.resolvedPath,
                "config_dir": directory,
                "config_file": config.path + (config.exists ? "" : " (not present; optional)"),
                "user_themes": directory + "/themes",
                "user": LoginName.current(),
            ]
            if FileManager.default.fileExists(atPath: command.workspace.resolvedPath) {
                let store = try Workspace(path: command.workspace.resolvedPath)
                info["imports"] = String(try store.imports().count)
            } else {
                info["imports"] = "0 (workspace not created yet)"
            }
            if command.json {
                Console.out(try JSONOutput.encode(info))
            } else {
                for key in ["version", "workspace", "imports", "config_dir", "config_file", "user_themes", "user"] {
                    Console.out(key.padding(toLength: 12, withPad: " ", startingAt: 0) + (info[key] ?? ""))
                }
            }
        }
    }
}
