import ArgumentParser
import ChurnKit
import Foundation

/// Options choosing the model whose scores an insight command reads.
struct ModelOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The model version to use (default: the active one).", valueName: "version"))
    var model: Int?

    /// The chosen model record, with a clear error when the workspace has none or the version is unknown.
    func resolve(in store: Workspace) throws -> ModelRecord {
        let versions = try store.models()
        guard !versions.isEmpty else {
            throw UsageError(message: "the workspace \(store.path) has no trained model yet; run `churn train FILE` first")
        }
        if let model {
            guard let found = versions.first(where: { $0.version == model }) else {
                throw UsageError(message: "--model \(model): no such version; versions are \(versions.map { String($0.version) }.joined(separator: ", "))")
            }
            return found
        }
        return versions.first(where: \.active) ?? versions[0]
    }
}

/// Options saying what a kept customer is worth.
struct ValueOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Value of keeping a customer whose own value is unknown.", valueName: "amount"))
    var value: Double = ScoredCustomers.defaultValue

    @Option(name: .customLong("value-field"),
            help: ArgumentHelp("A number field holding each customer's value (default: total_spend for transaction logs; none for customer tables).",
                               valueName: "field"))
    var valueField: String?

    @Option(name: .customLong("value-source"),
            help: ArgumentHelp("Where customer values come from: historical (the --value-field, by default total_spend for transaction logs) "
                               + "or clv (transaction logs: BG/NBD + Gamma-Gamma expected spend within the model's horizon).",
                               valueName: "historical|clv"))
    var valueSource: CustomerValueSource = .historical
}

/// Which kind of customer value `ValueOptions` asks for.
enum CustomerValueSource: String, ExpressibleByArgument, CaseIterable {
    /// A number field of the scored customers (total spend to date for transaction logs).
    case historical
    /// Expected future value from `CustomerValue.estimate(log:settings:)` (transaction logs only).
    case clv
}

/// The CLI's view of `ScoredPopulation`: the latest scoring of the chosen model with its features and values,
/// loaded from the command's options, with filter errors shown with a caret line.
typealias ScoredCustomers = ScoredPopulation

extension ValueOptions {
    /// The library's value choice these options make.
    var choice: CustomerValueChoice {
        CustomerValueChoice(fallback: value, field: valueField,
                            source: valueSource == .clv ? .clv : .historical)
    }
}

extension ScoredPopulation {
    static let defaultValue = CustomerValueChoice.defaultFallback

    /// Opens the workspace and loads the latest scoring of the model the options choose.
    static func loadLatest(workspace: WorkspaceOptions, modelOptions: ModelOptions,
                           valueOptions: ValueOptions) throws -> (store: Workspace, scored: ScoredPopulation) {
        let store = try Workspace(path: workspace.resolvedPath)
        let model = try modelOptions.resolve(in: store)
        return (store, try load(store: store, model: model, valueOptions: valueOptions))
    }

    /// Loads the latest scoring of `model`.
    static func load(store: Workspace, model: ModelRecord, valueOptions: ValueOptions) throws -> ScoredPopulation {
        try load(store: store, model: model, values: valueOptions.choice)
    }

    /// Evaluates a filter expression, turning a parse error into the expression, a caret line and the message.
    func selectShowingErrors(_ expression: String) throws -> RowSelection {
        do {
            return try select(expression)
        } catch let error as FilterError {
            throw CommandFileError(message: "invalid filter at \(error.message)\n  \(error.expression)\n  \(error.caretLine)",
                                   exitCode: error.exitCode)
        }
    }
}

/// A command failure with its own exit code.
struct CommandFileError: UserFacingError {
    var message: String
    var exitCode: Int32
}

extension RiskTier {
    /// The tier a `--tier` option names (any case), or a usage error listing the tiers.
    static func parseOption(_ text: String) throws -> RiskTier {
        guard let tier = RiskTier(rawValue: text.lowercased()) else {
            throw UsageError(message: "--tier \(text): expected one of \(RiskTier.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return tier
    }
}
