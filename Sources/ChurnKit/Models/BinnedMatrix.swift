/// A feature matrix binned by a `FeatureBinner`: one contiguous `[UInt8]` of bin indices per feature.
///
/// Binned once per data set and shared by every tree model and every fold: models train on a list
/// of row indices into it instead of copying rows.
public struct BinnedMatrix: Sendable {
    /// The binner that produced the bins (its edges turn bin thresholds back into values).
    public let binner: FeatureBinner
    /// Number of rows.
    public let rows: Int
    /// `columns[j][i]` is the bin of feature j in row i; `binner.binCounts[j]` marks missing.
    public let columns: [[UInt8]]

    /// Wraps already binned columns.
    public init(binner: FeatureBinner, rows: Int, columns: [[UInt8]]) {
        precondition(columns.count == binner.featureCount && columns.allSatisfy { $0.count == rows },
                     "one bin column per feature, one bin per row")
        self.binner = binner
        self.rows = rows
        self.columns = columns
    }

    /// Number of features.
    public var featureCount: Int { columns.count }
}
