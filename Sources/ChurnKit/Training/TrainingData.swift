import Foundation

/// The labelled rows a training run learns from: a raw feature matrix (NaN = missing), 0/1 labels and
/// the customer of each row.
///
/// Built from a `FeatureMatrix`; rows whose label is unknown (NaN) are left out and counted. The
/// checks here are the ones every model family needs, done once with messages a user can act on:
/// both classes present, at least `minimumMinority` examples of the rarer class, and only finite or
/// missing feature values (infinity names the feature and row).
public struct TrainingData: Sendable {
    /// The raw features of the labelled rows, in the feature matrix's order (no preprocessing).
    public var matrix: TrainingMatrix
    /// 1 = churned, 0 = retained, one per row of `matrix`.
    public var labels: [Double]
    /// The customer of each row.
    public var customerIDs: [String]
    /// Rows of the feature matrix left out because their label was unknown.
    public var unlabeledRows: Int

    /// The fewest examples of the rarer class a run accepts by default (two per fold of 5-fold CV).
    public static let defaultMinimumMinority = 10

    /// Rows, labels and checks from a training feature matrix.
    ///
    /// - Throws: `TrainingError.shapeMismatch` when the matrix has no label or no features,
    ///   `.oneClass`, `.tooFewMinority`, or `.nonFinite` (an infinite feature value).
    public init(features: FeatureMatrix, minimumMinority: Int = TrainingData.defaultMinimumMinority) throws {
        guard let label = features.label else {
            throw TrainingError.shapeMismatch("the table has no churn label column ('\(features.labelName)'); training needs one")
        }
        guard !features.features.isEmpty else {
            throw TrainingError.shapeMismatch("the table has no feature columns")
        }
        let kept = label.indices.filter { !label[$0].isNaN }
        let matrix = TrainingMatrix(names: features.features.map(\.name),
                                    columns: features.features.map { f in kept.map { f.values[$0] } })
        try self.init(matrix: matrix, labels: kept.map { label[$0] > 0.5 ? 1 : 0 },
                      customerIDs: kept.map { features.customerIDs[$0] }, minimumMinority: minimumMinority)
        unlabeledRows = label.count - kept.count
    }

    /// Rows, labels and checks from a matrix built elsewhere (tests, benchmarks).
    public init(matrix: TrainingMatrix, labels: [Double], customerIDs: [String]? = nil,
                minimumMinority: Int = TrainingData.defaultMinimumMinority) throws {
        guard labels.count == matrix.rows else {
            throw TrainingError.shapeMismatch("\(labels.count) labels for \(matrix.rows) rows")
        }
        var positives = 0
        for y in labels where y > 0.5 { positives += 1 }
        let negatives = labels.count - positives
        if positives == 0 || negatives == 0 { throw TrainingError.oneClass(label: positives == 0 ? 0 : 1) }
        let minority = min(positives, negatives)
        guard minority >= minimumMinority else {
            throw TrainingError.tooFewMinority(count: minority, needed: minimumMinority)
        }
        try Self.checkFinite(matrix)
        self.matrix = matrix
        self.labels = labels.map { $0 > 0.5 ? 1 : 0 }
        self.customerIDs = customerIDs ?? (0..<matrix.rows).map { "row \($0 + 1)" }
        self.unlabeledRows = 0
    }

    /// Number of labelled rows.
    public var rows: Int { labels.count }

    /// Share of rows labelled churned.
    public var positiveRate: Double { labels.reduce(0, +) / Double(max(labels.count, 1)) }

    /// Throws `TrainingError.nonFinite` for the first infinite value (NaN is a missing value, allowed).
    public static func checkFinite(_ matrix: TrainingMatrix) throws {
        for j in 0..<matrix.featureCount {
            if let i = matrix.columns[j].firstIndex(where: { $0.isInfinite }) {
                throw TrainingError.nonFinite(feature: matrix.names[j], row: i, value: matrix.columns[j][i])
            }
        }
    }
}
