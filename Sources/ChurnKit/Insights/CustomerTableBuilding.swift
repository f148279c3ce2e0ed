/// Building a `CustomerTable` from feature matrices and data tables.
extension CustomerTable {
    /// A table with every feature of `matrix` as a number field, its label (if any) under its label
    /// name, and text fields for the original categories.
    ///
    /// With `source` (the customer table the matrix was built from, row for row), every text column of
    /// the source whose name is not already a feature becomes a text field, so `contract` can be
    /// queried as `contract == "Month-to-month"` beside the one-hot `contract=Month-to-month`; source
    /// number columns not among the features (such as a numeric id) are added too. Date columns are
    /// left out (their `..._days_before_latest` feature is there). Without `source`, each group of
    /// one-hot features `name=level` whose values are 0/1 with at most one 1 per row is folded back
    /// into a text field `name` (a row with no 1 is missing).
    ///
    /// - Throws: `CustomerTableError.tableMismatch` when `source` has a different number of rows.
    public init(matrix: FeatureMatrix, source: DataTable? = nil) throws {
        self.init(customerIDs: matrix.customerIDs)
        for feature in matrix.features where field(named: feature.name)?.name != feature.name {
            try add(.number(feature.name, feature.values))
        }
        if let label = matrix.label, !fields.contains(where: { $0.name == matrix.labelName }) {
            try add(.number(matrix.labelName, label))
        }
        if let source {
            guard source.rowCount == matrix.rowCount else {
                throw CustomerTableError.tableMismatch(tableRows: source.rowCount, matrixRows: matrix.rowCount)
            }
            for column in source.columns where !fields.contains(where: { $0.name == column.name }) {
                switch column.values {
                case .strings(let codes, let levels): try add(.text(column.name, codes: codes, levels: levels))
                case .number(let values): try add(.number(column.name, values))
                case .time: continue
                }
            }
        } else {
            for folded in Self.foldedOneHotFields(matrix.features, rows: matrix.rowCount)
            where !fields.contains(where: { $0.name == folded.name }) {
                try add(folded)
            }
        }
    }

    /// A table straight from a data table: number columns as number fields, text columns as text
    /// fields (date columns are left out).
    ///
    /// - Parameter idColumn: the column holding customer ids (it stays a field too); nil numbers the
    ///   rows 1, 2, ...
    /// - Throws: `CustomerTableError.unknownColumn` when `idColumn` names no column.
    public init(table: DataTable, idColumn: String? = nil) throws {
        var ids: [String]
        if let idColumn {
            guard let column = table.column(named: idColumn) else {
                throw CustomerTableError.unknownColumn(name: idColumn, suggestion: Suggestion.closest(to: idColumn, in: table.columns.map(\.name)))
            }
            ids = (0..<table.rowCount).map { column.text(at: $0) }
        } else {
            ids = (0..<table.rowCount).map { String($0 + 1) }
        }
        self.init(customerIDs: ids)
        for column in table.columns where !fields.contains(where: { $0.name == column.name }) {
            switch column.values {
            case .strings(let codes, let levels): try add(.text(column.name, codes: codes, levels: levels))
            case .number(let values): try add(.number(column.name, values))
            case .time: continue
            }
        }
    }

    /// Text fields rebuilt from groups of one-hot features named `name=level`.
    static func foldedOneHotFields(_ features: [FeatureColumn], rows: Int) -> [CustomerField] {
        var groupOrder: [String] = []
        var groups: [String: [(level: String, values: [Double])]] = [:]
        for feature in features {
            guard let eq = feature.name.firstIndex(of: "="), eq != feature.name.startIndex else { continue }
            let base = String(feature.name[..<eq])
            let level = String(feature.name[feature.name.index(after: eq)...])
            if groups[base] == nil { groupOrder.append(base) }
            groups[base, default: []].append((level, feature.values))
        }
        var result: [CustomerField] = []
        for base in groupOrder {
            guard let members = groups[base] else { continue }
            var codes = [Int32](repeating: -1, count: rows)
            var valid = true
            check: for (k, member) in members.enumerated() {
                guard member.values.count == rows else { valid = false; break }
                for row in 0..<rows {
                    let v = member.values[row]
                    if v == 1 {
                        if codes[row] >= 0 { valid = false; break check }
                        codes[row] = Int32(k)
                    } else if v != 0, !v.isNaN {
                        valid = false
                        break check
                    }
                }
            }
            if valid { result.append(.text(base, codes: codes, levels: members.map(\.level))) }
        }
        return result
    }
}
