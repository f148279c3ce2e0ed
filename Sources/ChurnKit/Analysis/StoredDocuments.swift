import Foundation

/// One leaderboard entry as stored with a model (`models.metrics_json`) and printed by `churn train --json`.
public struct LeaderboardRow: Codable, Sendable {
    public var name: String
    public var champion: Bool
    public var championScore: Double
    public var parameters: [String: Double]
    public var metrics: [String: MetricSummary]
    public var calibration: String
    public var businessThreshold: Double
    public var trials: Int
    public var blend: [String: Double]?

    public init(_ e: LeaderboardEntry) {
        name = e.name
        champion = e.isChampion
        championScore = e.championScore
        parameters = e.parameters.values
        metrics = Dictionary(uniqueKeysWithValues: e.metrics.all.map { ($0.name, $0.summary) })
        calibration = e.calibration.method.rawValue
        businessThreshold = e.businessThreshold
        trials = e.trialsEvaluated
        blend = e.blendMembers.isEmpty ? nil : Dictionary(uniqueKeysWithValues: e.blendMembers.map { ($0.family.rawValue, $0.weight) })
    }
}

/// What a saved model needs to rebuild its inputs (`models.feature_schema_json`).
public struct FeatureSchemaDocument: Encodable, Sendable {
    public struct Member: Encodable, Sendable { public var family: String; public var view: String; public var preprocessor: Preprocessor }
    public var inputFeatures: [String]
    public var preprocessing: [Member]
    public var shape: String
    public var cutoff: String?
    public var horizonDays: Int?
    public var mapping: [String: String]
}

/// The champion's metrics as stored with it (`models.metrics_json`), with the whole leaderboard of its run.
public struct ModelMetricsDocument: Codable, Sendable {
    public var entry: LeaderboardRow
    public var trainingSeconds: Double
    public var calibration: String
    public var reliability: [CalibrationPoint]
    public var classWeighting: String
    /// Every model of the run (added in session 2; older models have none).
    public var leaderboard: [LeaderboardRow]?

    /// Decodes `models.metrics_json`, nil when it is not such a document.
    public static func decode(_ json: String) -> ModelMetricsDocument? {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try? decoder.decode(ModelMetricsDocument.self, from: Data(json.utf8))
    }
}

/// The champion's search configuration and parameters (`models.parameters_json`).
public struct ModelParametersDocument: Encodable, Sendable {
    public struct Member: Encodable, Sendable { public var family: String; public var weight: Double }
    public var configuration: TrainingConfiguration
    public var parameters: ParameterSet
    public var blend: [Member]
}

/// Compact, stable JSON for what the store keeps.
public enum StoredJSON {
    /// Encodes with sorted keys; NaN and infinities as strings.
    public static func compact<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
