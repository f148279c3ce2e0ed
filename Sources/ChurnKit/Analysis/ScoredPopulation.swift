import Foundation

/// The latest scoring of a model joined with the scored customers' features, as a `CustomerTable`
/// with the fields `risk`, `tier` and `value` added: what every insight (filters, segments, ROI,
/// explanations) reads, from the CLI and the terminal app alike.
///
/// Features are recomputed from the scored import's file with `DatasetFeatures.scoring` (the same
/// features `churn score` used), after checking that the file still exists and has the same SHA-256 as
/// when it was scored, so the rows line up with the stored predictions. A moved or changed file is a
/// clear error asking to score again. Customer values come from a number field (default `total_spend`,
/// historical spend, for transaction logs), or with the CLV source from the expected future spend of
/// `CustomerValue.estimate(log:settings:)` within the model's horizon (transaction logs only); customers
/// without one use the choice's fallback.
public struct ScoredPopulation: Sendable {
    public var model: ModelRecord
    public var scoring: StoredScoring
    public var importRecord: ImportRecord
    public var table: CustomerTable
    /// The scored file as loaded (its shape and table, e.g. to rebuild the training table for explanations).
    public var loaded: LoadedDataset
    /// The scored customers' features, row for row with the scoring.
    public var features: FeatureMatrix
    /// One value per customer (NaN where unknown: the fallback value applies).
    public var values: [Double]
    /// Where the values came from, in words.
    public var valueSource: String

    public var customerIDs: [String] { scoring.customerIDs }
    public var probabilities: [Double] { scoring.probabilities }

    /// Loads the latest scoring of `model` with its features and values.
    ///
    /// - Throws: `ScoredPopulationError` (not scored, file moved or changed, bad value choice),
    ///   `StoreError`, and the ingest and feature errors of reading the scored file.
    public static func load(store: Workspace, model: ModelRecord, values choice: CustomerValueChoice = CustomerValueChoice()) throws -> ScoredPopulation {
        guard choice.fallback.isFinite, choice.fallback >= 0 else { throw ScoredPopulationError.invalidFallback(choice.fallback) }
        guard let scoring = try store.latestScoring(modelID: model.id) else { throw ScoredPopulationError.notScored(version: model.version) }
        guard let importID = scoring.importID, let record = try store.importRecord(id: importID) else {
            throw ScoredPopulationError.noImport(scoringID: scoring.id)
        }
        let path = record.file
        guard FileManager.default.fileExists(atPath: path) else { throw ScoredPopulationError.fileMissing(path: path) }
        guard try FileHasher.sha256Hex(path: path) == record.fileHash else { throw ScoredPopulationError.fileChanged(path: path) }
        var options = IngestOptions(mapping: record.mapping)
        options.shape = record.shape
        let loaded = try DataLoader.load(path: path, options: options)
        let features = try DatasetFeatures.scoring(loaded)
        guard features.customerIDs == scoring.customerIDs else {
            throw ScoredPopulationError.customersChanged(path: path, scoringID: scoring.id)
        }
        var table = try CustomerTable(matrix: features, source: loaded.shape == .customerTable ? loaded.table : nil)
        table = try table.addingRisk(scoring.probabilities)

        let (values, source) = try customerValues(choice, model: model, loaded: loaded, table: table, customerIDs: scoring.customerIDs)
        try table.set(.number(CustomerTable.valueField, values.map { $0.isNaN ? choice.fallback : $0 }))
        return ScoredPopulation(model: model, scoring: scoring, importRecord: record, table: table, loaded: loaded, features: features,
                                values: values, valueSource: source)
    }

    /// One value per scored customer (NaN where unknown) and where the values came from, in words.
    private static func customerValues(_ choice: CustomerValueChoice, model: ModelRecord, loaded: LoadedDataset, table: CustomerTable,
                                       customerIDs: [String]) throws -> (values: [Double], source: String) {
        let fallback = choice.fallback
        func withoutNote(_ values: [Double]) -> String {
            let missing = values.filter(\.isNaN).count
            return missing > 0 ? " (\(missing) without it valued at \(fallback))" : ""
        }
        switch choice.source {
        case .clv:
            guard loaded.shape == .transactions else { throw ScoredPopulationError.clvNeedsTransactions }
            if let field = choice.field { throw ScoredPopulationError.fieldAndCLV(field: field) }
            let settings = CustomerValueSettings(horizonDays: model.horizonDays ?? CustomerValueSettings().horizonDays)
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
            guard let fieldName = choice.field ?? (loaded.shape == .transactions ? "total_spend" : nil) else {
                return ([Double](repeating: .nan, count: table.rowCount), "every customer valued at \(fallback) (--value)")
            }
            guard let numbers = table.numbers(named: fieldName) else {
                throw ScoredPopulationError.unknownValueField(fieldName, suggestion: Suggestion.closest(to: fieldName, in: table.fieldNames))
            }
            let values = numbers.map { $0.isFinite && $0 >= 0 ? $0 : .nan }
            return (values, "\(fieldName) per customer" + withoutNote(values))
        }
    }

    /// Evaluates a filter expression over the scored customers.
    ///
    /// - Throws: `FilterError` with the position of what is wrong.
    public func select(_ expression: String) throws -> RowSelection {
        try CustomerFilter(expression).evaluate(on: table)
    }

    /// The row of a customer id, or nil.
    public func row(of customerID: String) -> Int? { customerIDs.firstIndex(of: customerID) }
}

extension ModelRecord {
    /// The churn horizon (days) a transaction model was trained with, from `feature_schema_json`.
    public var horizonDays: Int? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(featureSchemaJSON.utf8)) as? [String: Any],
              let days = (object["horizonDays"] as? NSNumber)?.intValue, days > 0 else { return nil }
        return days
    }

    /// The feature cutoff day (days since 1970) a transaction model was trained at, from `feature_schema_json`.
    public var cutoffDay: Int64? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(featureSchemaJSON.utf8)) as? [String: Any] else { return nil }
        return (object["cutoff"] as? String).flatMap { CivilDate.parseISODate($0) }
    }
}
