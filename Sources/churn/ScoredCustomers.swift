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

/// The latest scoring of a model joined with the scored customers' features, as a `CustomerTable`
/// with the fields `risk`, `tier` and `value` added.
///
/// Features are recomputed from the scored import's file with `DatasetFeatures.scoring` (the same
/// features `churn score` used), after checking that the file still exists and has the same SHA-256 as
/// when it was scored, so the rows line up with the stored predictions. A moved or changed file is a
/// clear error asking to score again. Customer values come from `--value-field` (default `total_spend`,
/// historical spend, for transaction logs), or with `--value-source clv` from the expected future spend of
/// `CustomerValue.estimate(log:settings:)` within the model's horizon (transaction logs only); customers
/// without one use `--value` (default 500).
struct ScoredCustomers {
    static let defaultValue = 500.0

    var model: ModelRecord
    var scoring: StoredScoring
    var importRecord: ImportRecord
    var table: CustomerTable
    /// The scored file as loaded (its shape and table, e.g. to rebuild the training table for explanations).
    var loaded: LoadedDataset
    /// The scored customers' features, row for row with the scoring.
    var features: FeatureMatrix
    /// One value per customer (NaN where unknown: the default value applies).
    var values: [Double]
    /// Where the values came from, in words.
    var valueSource: String

    var customerIDs: [String] { scoring.customerIDs }
    var probabilities: [Double] { scoring.probabilities }

    /// Opens the workspace and loads the latest scoring of the model the options choose.
    static func loadLatest(workspace: WorkspaceOptions, modelOptions: ModelOptions,
                           valueOptions: ValueOptions) throws -> (store: Workspace, scored: ScoredCustomers) {
        let store = try Workspace(path: workspace.resolvedPath)
        let model = try modelOptions.resolve(in: store)
        return (store, try load(store: store, model: model, valueOptions: valueOptions))
    }

    /// Loads the latest scoring of `model`.
    static func load(store: Workspace, model: ModelRecord, valueOptions: ValueOptions) throws -> ScoredCustomers {
        guard valueOptions.value.isFinite, valueOptions.value >= 0 else {
            throw UsageError(message: "--value \(valueOptions.value): expected a number of at least 0")
        }
        guard let scoring = try store.latestScoring(modelID: model.id) else {
            throw UsageError(message: "model version \(model.version) has not scored any customers yet; run `churn score FILE --out scores.csv` first")
        }
        guard let importID = scoring.importID, let record = try store.importRecord(id: importID) else {
            throw UsageError(message: "scoring \(scoring.id) does not say which file it scored; run `churn score FILE --out scores.csv` again")
        }
        let path = record.file
        guard FileManager.default.fileExists(atPath: path) else {
            throw CommandFileError(message: "the scored file \(path) is no longer there (it was moved or deleted); the customers' features are read from it. "
                                   + "Run `churn score NEW_PATH --out scores.csv` again", exitCode: ExitCode.noInput)
        }
        guard try FileHasher.sha256Hex(path: path) == record.fileHash else {
            throw CommandFileError(message: "the scored file \(path) has changed since it was scored; run `churn score \(path) --out scores.csv` again",
                                   exitCode: ExitCode.dataError)
        }
        var options = IngestOptions(mapping: record.mapping)
        options.shape = record.shape
        let loaded = try DataLoader.load(path: path, options: options)
        let features = try DatasetFeatures.scoring(loaded)
        guard features.customerIDs == scoring.customerIDs else {
            throw CommandFileError(message: "the customers of \(path) no longer match scoring \(scoring.id); run `churn score \(path) --out scores.csv` again",
                                   exitCode: ExitCode.dataError)
        }
        var table = try CustomerTable(matrix: features, source: loaded.shape == .customerTable ? loaded.table : nil)
        table = try table.addingRisk(scoring.probabilities)

        let (values, source) = try customerValues(valueOptions: valueOptions, model: model, loaded: loaded, table: table,
                                                  customerIDs: scoring.customerIDs)
        try table.set(.number(CustomerTable.valueField, values.map { $0.isNaN ? valueOptions.value : $0 }))
        return ScoredCustomers(model: model, scoring: scoring, importRecord: record, table: table, loaded: loaded, features: features, values: values, valueSource: source)
    }

    /// One value per scored customer (NaN where unknown) and where the values came from, in words.
    private static func customerValues(valueOptions: ValueOptions, model: ModelRecord, loaded: LoadedDataset, table: CustomerTable,
                                       customerIDs: [String]) throws -> (values: [Double], source: String) {
        let fallback = valueOptions.value
        func withoutNote(_ values: [Double]) -> String {
            let missing = values.filter(\.isNaN).count
            return missing > 0 ? " (\(missing) without it valued at \(fallback))" : ""
        }
        switch valueOptions.valueSource {
        case .clv:
            guard loaded.shape == .transactions else {
                throw UsageError(message: "--value-source clv needs a transaction log (the purchase models learn from repeat purchases); "
                                 + "this scoring is of a customer table: use --value-field or --value")
            }
            if let field = valueOptions.valueField {
                throw UsageError(message: "--value-field \(field) and --value-source clv both say where values come from; give one of them")
            }
            let settings = CustomerValueSettings(horizonDays: modelHorizonDays(model) ?? CustomerValueSettings().horizonDays)
            let estimate = try CustomerValue.estimate(log: try TransactionLog(table: loaded.table, mapping: loaded.mapping), settings: settings)
            var position: [String: Int] = [:]
            for (i, id) in estimate.customerIDs.enumerated() { position[id] = i }
            let values = customerIDs.map { id -> Double in
                guard let i = position[id] else { return .nan }
                let v = estimate.futureValue[i]
                return v.isFinite && v >= 0 ? v : .nan
            }
            return (values, "clv: expected spend in the next \(settings.horizonDays) days (\(estimate.method.rawValue)) per customer" + withoutNote(values))
        case .historical:
            guard let fieldName = valueOptions.valueField ?? (loaded.shape == .transactions ? "total_spend" : nil) else {
                return ([Double](repeating: .nan, count: table.rowCount), "every customer valued at \(fallback) (--value)")
            }
            guard let numbers = table.numbers(named: fieldName) else {
                let hint = Suggestion.closest(to: fieldName, in: table.fieldNames).map { "; did you mean \($0)?" } ?? ""
                throw UsageError(message: "--value-field \(fieldName): no number field of that name in the scored customers\(hint)")
            }
            let values = numbers.map { $0.isFinite && $0 >= 0 ? $0 : .nan }
            return (values, "\(fieldName) per customer" + withoutNote(values))
        }
    }

    /// The churn horizon (days) a transaction model was trained with, from `models.feature_schema_json`.
    private static func modelHorizonDays(_ model: ModelRecord) -> Int? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(model.featureSchemaJSON.utf8)) as? [String: Any],
              let days = (object["horizonDays"] as? NSNumber)?.intValue, days > 0 else { return nil }
        return days
    }

    /// Evaluates a filter expression, turning a parse error into the expression, a caret line and the message.
    func select(_ expression: String) throws -> RowSelection {
        do {
            return try CustomerFilter(expression).evaluate(on: table)
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
