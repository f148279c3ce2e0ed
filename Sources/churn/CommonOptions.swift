import ArgumentParser
import ChurnKit
import ChurnTUI
import Foundation

/// Options naming an input file and how to read it, shared by every command that reads data.
struct DataOptions: ParsableArguments {
    @Argument(help: "The CSV file: a transaction log or a customer table.")
    var file: String

    @Option(name: .customLong("map"), parsing: .singleValue,
            help: ArgumentHelp("Say which column plays a role, e.g. --map customer=user_id --map target=Churn.",
                               discussion: "Roles: customer, date, amount, quantity, category, target.",
                               valueName: "role=column"))
    var map: [String] = []

    @Option(help: ArgumentHelp("Force the shape instead of detecting it.", valueName: "transactions|customer-table"))
    var shape: String?

    @Option(name: .customLong("date-format"),
            help: ArgumentHelp("Read ambiguous slash dates as DD/MM/YYYY or MM/DD/YYYY.", valueName: "format"))
    var dateFormat: String?

    /// The ingest options these arguments describe.
    func ingestOptions() throws -> IngestOptions {
        var options = IngestOptions(mapping: try ColumnMapping.parse(arguments: map))
        if let shape {
            guard let parsed = DatasetShape(rawValue: shape.lowercased()) else {
                throw UsageError(message: "--shape \(shape): expected 'transactions' or 'customer-table'")
            }
            options.shape = parsed
        }
        if let dateFormat {
            guard let order = DateOrder(formatText: dateFormat) else {
                throw UsageError(message: "--date-format \(dateFormat): expected DD/MM/YYYY or MM/DD/YYYY")
            }
            options.dateOrder = order
        }
        return options
    }
}

/// Where the workspace database lives.
struct WorkspaceOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The workspace database (default: $XDG_DATA_HOME/churn/workspace.sqlite).",
                               valueName: "path"))
    var db: String?

    /// The database path in use: --db, else `workspace` of the config file, else the default.
    var resolvedPath: String { db ?? UserConfig.current.workspace ?? Workspace.defaultPath() }
}

/// How the full-screen application draws.
struct DisplayOptions: ParsableArguments {
    @Flag(name: .customLong("no-color"), help: "Draw without colours (also when NO_COLOR is set).")
    var noColor = false

    @Flag(help: "Draw bars and borders with ASCII characters only.")
    var ascii = false

    @Option(help: ArgumentHelp("Colour theme: default, light, high-contrast, monochrome, or a theme file.", valueName: "name"))
    var theme: String?

    @Flag(help: "Report mouse clicks (off by default: it disables the terminal's own copy and paste).")
    var mouse = false

    /// Terminal options for the TUI, honouring NO_COLOR; flags win over the config file.
    var terminalOptions: TerminalOptions {
        let config = UserConfig.current
        return TerminalOptions.resolve(ascii: ascii || config.ascii == true, noColor: noColor || config.color == false,
                                       theme: theme ?? config.theme, mouse: mouse || config.mouse == true)
    }
}

/// The config file, read once per process; its mistakes are printed once on stderr.
enum UserConfig {
    static let current: ChurnConfig = {
        let config = ChurnConfig.load()
        for problem in config.problems { Console.error("churn: ignoring \(problem)") }
        return config
    }()
}

/// A mistake in how a command was called.
struct UsageError: UserFacingError {
    var message: String
    var exitCode: Int32 { ExitCode.usage }
}
