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
            // A column with some text is stored as strings: name the first cell that is not a number.
            let isNumber = levels.map { Double($0.trimmingCharacters(in: .whitespaces)) != nil }
            if let row = codes.firstIndex(where: { $0 >= 0 && !isNumber[Int($0)] }) ?? codes.firstIndex(where: { $0 >= 0 }) {
                throw FeatureError("\(source) \(FeatureError.line(ofRow: row)), column \"\(column.name)\": \"\(levels[Int(codes[row])])\" "
                    + "is not a number; every feature column of a feature table must hold numbers (blank = missing)")
            }
            return [Double](repeating: .nan, count: codes.count)
        case .time(let times):
            let row = times.firstIndex { $0 != DataTable.missingTime } ?? 0
            throw FeatureError("\(source) \(FeatureError.line(ofRow: row)), column \"\(column.name)\": \"\(column.text(at: row))\" "
                + "is a date; every feature column of a feature table must hold numbers (write dates as days, as `churn features` does)")
        }
    }

    /// The 0/1 values of the label column.
    static func labelValues(_ column: DataColumn, source: String) throws -> [Double] {
        guard case .number(let values) = column.values else {
            let row = (0..<column.count).first { !column.text(at: $0).isEmpty } ?? 0
            throw FeatureError("\(source) \(FeatureError.line(ofRow: row)), column \"\(column.name)\": \"\(column.text(at: row))\" "
                + "is not a label; expected 1 (churned) or 0 (retained)")
        }
        if let row = values.firstIndex(where: { $0 != 0 && $0 != 1 }) {
            let shown = values[row].isNaN ? "a blank" : "\"\(column.text(at: row))\""
            throw FeatureError("\(source) \(FeatureError.line(ofRow: row)), column \"\(column.name)\": \(shown) is not a label; "
                + "expected 1 (churned) or 0 (retained) on every row")
        }
        return values
    }
}
