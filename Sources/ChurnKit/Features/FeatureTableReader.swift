import Foundation

/// Reads back a numeric feature table, as `FeatureTableWriter` (`churn features`) writes it, into
/// training rows: an optional id column, number columns as features (blank = missing) and a 0/1
/// label column.
///
/// Unlike a customer table, nothing is encoded or dropped: every column other than the id and the
/// label must hold numbers, so that another tool reading the same file sees exactly the same features
/// (the side-by-side model benchmark relies on this).
public enum FeatureTableReader {
    /// The training rows of the table in `loaded`.
    ///
    /// - Parameters:
    ///   - label: the name of the 0/1 label column.
    ///   - id: the name of the id column; when the table has no such column, rows are numbered from 1.
    ///   - minimumMinority: passed on to `TrainingData`.
    /// - Throws: `FeatureError` naming the file, column and line of the first value that is not a
    ///   number (or, in the label, not 0 or 1), then `TrainingData`'s own checks.
    public static func trainingData(_ loaded: LoadedDataset, label: String = "churned", id: String = "customer_id",
                                    minimumMinority: Int = TrainingData.defaultMinimumMinority) throws -> TrainingData {
        let table = loaded.table
        guard let labelIndex = table.columnIndex(named: label) else {
            let names = table.columns.map { "\"\($0.name)\"" }.joined(separator: ", ")
            throw FeatureError("\(table.source): no label column \"\(label)\"; the columns are \(names). Name it with --label.",
                               exitCode: ExitCode.usage)
        }
        let idIndex = table.columnIndex(named: id)
        let labels = try labelValues(table.columns[labelIndex], source: table.source)
        var names: [String] = []
        var columns: [[Double]] = []
        for (index, column) in table.columns.enumerated() where index != labelIndex && index != idIndex {
            names.append(column.name)
            columns.append(try numbers(column, source: table.source))
        }
        guard !columns.isEmpty else {
            throw FeatureError("\(table.source): no feature columns besides the id and the label")
        }
        let ids = idIndex.map { i in (0..<table.rowCount).map { table.columns[i].text(at: $0) } }
        return try TrainingData(matrix: TrainingMatrix(names: names, columns: columns), labels: labels, customerIDs: ids,
                                minimumMinority: minimumMinority)
    }

    /// The values of a feature column; a column of blanks only is all missing.
    static func numbers(_ column: DataColumn, source: String) throws -> [Double] {
        switch column.values {
        case .number(let values):
            return values
        case .strings(let codes, let levels):
            // Type inference may keep a column of numbers as categories (e.g. a one-hot 0/1 column):
            // read its levels as numbers, or name the first cell that is not one.
            let parsed = levels.map { Double($0.trimmingCharacters(in: .whitespaces)) }
            if let row = codes.firstIndex(where: { $0 >= 0 && parsed[Int($0)] == nil }) {
                throw FeatureError("\(source) \(FeatureError.line(ofRow: row)), column \"\(column.name)\": \"\(levels[Int(codes[row])])\" "
                    + "is not a number; every feature column of a feature table must hold numbers (blank = missing)")
            }
            return codes.map { $0 >= 0 ? parsed[Int($0)] ?? .nan : .nan }
        case .time(let times):
            let row = times.firstIndex { $0 != DataTable.missingTime } ?? 0
            throw FeatureError("\(source) \(FeatureError.line(ofRow: row)), column \"\(column.name)\": \"\(column.text(at: row))\" "
                + "is a date; every feature column of a feature table must hold numbers (write dates as days, as `churn features` does)")
        }
    }

    /// The 0/1 values of the label column.
    static func labelValues(_ column: DataColumn, source: String) throws -> [Double] {
        var values: [Double]
        switch column.values {
        case .number(let numbers):
            values = numbers
        case .strings(let codes, let levels):
            let parsed = levels.map { Double($0.trimmingCharacters(in: .whitespaces)) }
            values = codes.map { $0 >= 0 ? parsed[Int($0)] ?? -1 : .nan }  // -1: text, reported below
        case .time(let times):
            values = times.map { _ in -1 }
        }
        if let row = values.firstIndex(where: { $0 != 0 && $0 != 1 }) {
            let shown = values[row].isNaN ? "a blank" : "\"\(column.text(at: row))\""
            throw FeatureError("\(source) \(FeatureError.line(ofRow: row)), column \"\(column.name)\": \(shown) is not a label; "
                + "expected 1 (churned) or 0 (retained) on every row")
        }
        return values
    }
}
