/// A dense feature matrix for training and scoring: one contiguous `[Double]` per feature column.
///
/// Missing values are NaN. Feature order is fixed by `names`; a model fitted on one matrix scores any
/// matrix with the same names in the same order.
public struct TrainingMatrix: Sendable {
    /// Number of rows (customers).
    public var rows: Int
    /// Feature names, one per column.
    public var names: [String]
    /// Column-major values: `columns[j][i]` is feature j of row i.
    public var columns: [[Double]]
    /// Features holding small integer category codes (0, 1, 2, ...; NaN missing) that trees may split on
    /// natively. Empty means none.
    public var categorical: Set<Int>

    public init(names: [String], columns: [[Double]], categorical: Set<Int> = []) {
        precondition(names.count == columns.count, "one name per column")
        self.names = names
        self.columns = columns
        self.rows = columns.first?.count ?? 0
        self.categorical = categorical
        precondition(columns.allSatisfy { $0.count == rows }, "columns of equal length")
    }

    /// Number of feature columns.
    public var featureCount: Int { columns.count }

    /// The rows at `indices`, in that order (used for folds and bootstraps).
    public func subset(_ indices: [Int]) -> TrainingMatrix {
        TrainingMatrix(names: names, columns: columns.map { col in indices.map { col[$0] } }, categorical: categorical)
    }

    /// One row as an array of feature values.
    public func row(_ i: Int) -> [Double] { columns.map { $0[i] } }
}
