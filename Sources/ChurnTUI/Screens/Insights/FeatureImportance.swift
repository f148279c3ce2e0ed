import ChurnKit

/// One feature's importance, as drawn in a bar list.
public struct ImportanceBar: Sendable, Equatable {
    public var feature: String
    public var value: Double

    public init(feature: String, value: Double) {
        self.feature = feature
        self.value = value
    }

    /// Bars sorted largest first (ties by name, so the order is stable), non-finite values left out.
    static func sorted(names: [String], values: [Double]) -> [ImportanceBar] {
        zip(names, values).filter { $0.1.isFinite }.map { ImportanceBar(feature: $0.0, value: $0.1) }
            .sorted { $0.value != $1.value ? $0.value > $1.value : $0.feature < $1.feature }
    }
}

/// Global SHAP importance: the mean |contribution| of each feature to the model's margin over a
/// sample of the scored customers (computed in the background by `InsightsEffect.computeImportance`).
public struct ShapImportance: Sendable {
    /// The store id of the model explained.
    public let modelID: Int64
    /// Features, largest mean |SHAP| first.
    public let bars: [ImportanceBar]
    /// Customers explained, and the scored customers they were drawn from.
    public let sampleRows: Int
    public let totalRows: Int
    /// What the contributions add up to ("log-odds before calibration", ...).
    public let marginDescription: String

    public init(modelID: Int64, bars: [ImportanceBar], sampleRows: Int, totalRows: Int, marginDescription: String) {
        self.modelID = modelID
        self.bars = bars
        self.sampleRows = sampleRows
        self.totalRows = totalRows
        self.marginDescription = marginDescription
    }

    /// The rows explained: all when there are at most `limit`, otherwise `limit` rows evenly spaced
    /// over the table (row ⌊i·n/limit⌋), so the sample is the same on every run and spans the file.
    public static func sampleRows(total: Int, limit: Int) -> [Int] {
        guard total > limit, limit > 0 else { return Array(0..<max(0, total)) }
        return (0..<limit).map { $0 * total / limit }
    }

    /// Explains a sample of at most `limit` scored customers with the analysis's explainer (or a new
    /// one when the analysis has none) and averages the absolute contributions.
    ///
    /// - Throws: `ExplainError` when the model cannot be explained exactly (naive Bayes), feature
    ///   errors, and `TrainingError.cancelled` when `control` is cancelled.
    public static func compute(_ analysis: WorkspaceAnalysis, limit: Int, control: TrainingControl = .none) throws -> ShapImportance {
        let explainer = try analysis.context?.explainer ?? TrainedModelExplainer(analysis.model)
        let total = analysis.matrix.rows
        let rows = sampleRows(total: total, limit: limit)
        let input = rows.count == total ? analysis.matrix : analysis.matrix.subset(rows)
        let shap = try explainer.shapValues(input, parallel: true, control: control)
        return ShapImportance(modelID: analysis.record.id, bars: ImportanceBar.sorted(names: shap.featureNames, values: shap.meanAbsolute()),
                              sampleRows: rows.count, totalRows: total, marginDescription: explainer.marginDescription)
    }
}

/// The split-gain importance a tree model keeps (one list per tree member of a blend), as shares of
/// the member's total gain.
public struct GainImportance: Sendable, Equatable {
    /// The member's family ("gbdt", "forest", "tree").
    public var family: String
    /// The member's weight in a blend (1 for a single model).
    public var weight: Double
    /// Features by share of the total split gain, largest first (features never split on left out).
    public var bars: [ImportanceBar]

    /// The gain importance of every tree member of a model (empty for linear models).
    public static func of(_ model: TrainedModel) -> [GainImportance] {
        model.members.compactMap { member in
            let names: [String], gains: [Double]
            if let m = member.model as? GradientBoosting {
                names = m.featureNames; gains = m.gainImportance
            } else if let m = member.model as? RandomForest {
                names = m.featureNames; gains = m.gainImportance
            } else if let m = member.model as? DecisionTree {
                names = m.featureNames; gains = m.gainImportance
            } else {
                return nil
            }
            let total = gains.filter { $0.isFinite && $0 > 0 }.reduce(0, +)
            guard total > 0 else { return nil }
            let bars = ImportanceBar.sorted(names: names, values: gains.map { $0 / total }).filter { $0.value > 0 }
            return GainImportance(family: member.family.rawValue, weight: model.members.count > 1 ? member.weight : 1, bars: bars)
        }
    }
}
