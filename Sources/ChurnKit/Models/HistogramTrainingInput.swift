/// Checks shared by the tree families before any work starts.
enum HistogramTrainingInput {
    /// Validates labels (0 or 1, one per row), weights (finite, >= 0, one per row) and that `rows`
    /// hold both classes with positive weight. Returns the weighted positive and negative totals.
    static func check(labels: [Double], weights: [Double]?, rows: [Int], rowCount: Int) throws -> (positive: Double, negative: Double) {
        guard labels.count == rowCount else {
            throw TrainingError.shapeMismatch("\(labels.count) labels for \(rowCount) rows")
        }
        if let weights {
            guard weights.count == rowCount else {
                throw TrainingError.shapeMismatch("\(weights.count) sample weights for \(rowCount) rows")
            }
        }
        guard !rows.isEmpty else { throw TrainingError.shapeMismatch("there are no rows to train on") }
        var positive = 0.0, negative = 0.0
        for r in rows {
            guard r >= 0, r < rowCount else {
                throw TrainingError.shapeMismatch("row \(r + 1) is outside the \(rowCount) rows")
            }
            let y = labels[r]
            guard y == 0 || y == 1 else {
                throw TrainingError.shapeMismatch("label of row \(r + 1) is \(y); labels must be 0 or 1")
            }
            let w = weights?[r] ?? 1
            guard w.isFinite, w >= 0 else {
                throw TrainingError.shapeMismatch("sample weight of row \(r + 1) is \(w); weights must be finite and not negative")
            }
            if y == 1 { positive += w } else { negative += w }
        }
        if positive == 0 || negative == 0 {
            throw TrainingError.oneClass(label: positive == 0 ? 0 : 1)
        }
        return (positive, negative)
    }
}
