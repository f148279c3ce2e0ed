/// Turns a customer table (one row per customer) into a feature matrix.
///
/// - The customer id column (role `.customer`) becomes the row ids; without one, rows are numbered 1, 2, ...
/// - The target column (role `.target`) becomes the label: 1 for the value meaning churn (yes, true, 1,
///   churned, left, cancelled, ...), 0 for the other (no, false, 0, retained, active, ...). A blank target
///   is NaN (kept for scoring, unusable for training). Without a target the matrix has no label.
/// - Numeric and boolean columns pass through as they are; blank cells stay missing (NaN).
/// - Text columns whose values are yes/no (or true/false) become 0/1.
/// - Categorical columns with at most `oneHotLimit` levels become one 0/1 column per level, named
///   `column=level` (a blank cell is 0 in all of them). With more levels they become an integer code
///   (levels in alphabetical order, blank = missing), which tree models can split on, plus
///   `column_frequency`, the share of rows with the same level.
/// - Date columns become `column_days_before_latest` (days before the column's latest date).
/// - Identifier, free-text and empty columns are dropped; `notes` lists them.
public enum CustomerTableFeatures {
    /// Categorical columns with at most this many levels are one-hot encoded.
    public static let oneHotLimit = 10

    public static func build(table: DataTable, mapping: ColumnMapping) throws -> FeatureMatrix {
        let idIndex = try mapping[.customer].map { name -> Int in
            guard let i = table.columnIndex(named: name) else { throw FeatureError.unknownColumn(name, role: .customer, table: table) }
            return i
        }
        let targetIndex = try mapping[.target].map { name -> Int in
            guard let i = table.columnIndex(named: name) else { throw FeatureError.unknownColumn(name, role: .target, table: table) }
            return i
        }
        if let i = idIndex, i == targetIndex {
            throw FeatureError("\(table.source): column \"\(table.columns[i].name)\" cannot be both the customer id and the target.",
                               exitCode: ExitCode.usage)
        }
        let rows = table.rowCount
        var notes: [String] = []

        // Ids.
        var ids: [String]
        if let i = idIndex {
            let column = table.columns[i]
            ids = (0..<rows).map { column.text(at: $0) }
            if let bad = ids.firstIndex(where: { $0.isEmpty }) {
                let blanks = ids.reduce(0) { $0 + ($1.isEmpty ? 1 : 0) }
                throw FeatureError("\(table.source) \(FeatureError.line(ofRow: bad)), column \"\(column.name)\": the customer id is blank "
                    + "(\(blanks) row\(blanks == 1 ? "" : "s") in all). Every row needs a customer id; fill or remove those rows.")
            }
            let distinct = Set(ids).count
            if distinct < rows {
                notes.append("\(rows - distinct) row\(rows - distinct == 1 ? " repeats" : "s repeat") a customer id already seen; each row is kept.")
            }
        } else {
            ids = (0..<rows).map { String($0 + 1) }
            notes.append("No customer id column; rows are numbered from 1 in file order.")
        }

        // Label.
        var label: [Double]?
        if let t = targetIndex {
            let outcome = try TargetReader.read(table.columns[t], source: table.source)
            label = outcome.label
            notes.append(outcome.note)
        } else {
            notes.append("No target column, so the table has no churned label (usable for scoring only).")
        }

        // Features.
        var features: [FeatureColumn] = []
        var dropped: [String] = []
        for (index, column) in table.columns.enumerated() where index != idIndex && index != targetIndex {
            switch column.kind {
            case .identifier, .text, .empty:
                dropped.append("\"\(column.name)\" (\(column.kind.rawValue))")
                continue
            default:
                break
            }
            switch column.values {
            case .number(let values):
                let description = column.kind == .boolean
                    ? "\(column.name) from the file: 1 = yes/true, 0 = no/false (blank = missing)"
                    : "\(column.name) from the file (blank = missing)"
                features.append(FeatureColumn(name: column.name, description: description, values: values))
            case .time(let times):
                features.append(daysBeforeLatest(column.name, times))
            case .strings(let codes, let levels):
                let encoded = encodeStrings(column.name, codes: codes, levels: levels)
                features += encoded.columns
                if let note = encoded.note { notes.append(note) }
            }
        }
        if !dropped.isEmpty {
            notes.append("Dropped (identifiers, free text or empty, which carry no pattern a model can reuse): "
                + dropped.joined(separator: ", ") + ".")
        }
        return FeatureMatrix(customerIDs: ids, features: features, label: label, labelName: "churned", notes: notes)
    }

    /// Days before the column's latest date; missing dates stay missing.
    private static func daysBeforeLatest(_ name: String, _ times: [Int64]) -> FeatureColumn {
        var latest = Int64.min
        for t in times where t != DataTable.missingTime { latest = max(latest, CivilDate.dayNumber(seconds: t)) }
        let values = times.map { t -> Double in
            t == DataTable.missingTime ? .nan : Double(latest - CivilDate.dayNumber(seconds: t))
        }
        let suffix = latest == Int64.min ? "" : " (\(CivilDate.isoDate(days: latest)))"
        return FeatureColumn(name: "\(name)_days_before_latest",
                             description: "Days from \(name) to its latest date in the file\(suffix)", values: values)
    }

    /// Yes/no as 0/1, few levels one-hot, many levels as an ordinal code plus frequency.
    private static func encodeStrings(_ name: String, codes: [Int32], levels: [String]) -> (columns: [FeatureColumn], note: String?) {
        var counts = [Int](repeating: 0, count: levels.count)
        for c in codes where c >= 0 && Int(c) < levels.count { counts[Int(c)] += 1 }
        let used = levels.indices.filter { counts[$0] > 0 }

        // Yes/no text.
        let normalized = used.map { OutcomeVocabulary.normalize(levels[$0]) }
        if !used.isEmpty, used.count <= 2,
           normalized.allSatisfy({ OutcomeVocabulary.yes.contains($0) || OutcomeVocabulary.no.contains($0) }),
           Set(normalized.map { OutcomeVocabulary.yes.contains($0) }).count == used.count {
            var map = [Double](repeating: .nan, count: levels.count)
            for (k, text) in zip(used, normalized) { map[k] = OutcomeVocabulary.yes.contains(text) ? 1 : 0 }
            let values = codes.map { c -> Double in c >= 0 && Int(c) < map.count ? map[Int(c)] : .nan }
            let yesText = zip(used, normalized).first { OutcomeVocabulary.yes.contains($0.1) }.map { levels[$0.0] } ?? "yes"
            return ([FeatureColumn(name: name, description: "\(name): 1 = \(yesText), 0 = otherwise (blank = missing)", values: values)], nil)
        }

        let ordered = used.sorted { levels[$0] < levels[$1] }
        if ordered.count <= oneHotLimit {
            var columns: [FeatureColumn] = []
            for k in ordered {
                let code = Int32(k)
                let values = codes.map { $0 == code ? 1.0 : 0.0 }
                columns.append(FeatureColumn(name: "\(name)=\(levels[k])",
                                             description: "1 when \(name) is \(levels[k]), else 0", values: values))
            }
            return (columns, nil)
        }
        var rank = [Double](repeating: .nan, count: levels.count)
        var share = [Double](repeating: .nan, count: levels.count)
        let present = Double(counts.reduce(0, +))
        for (position, k) in ordered.enumerated() {
            rank[k] = Double(position)
            share[k] = Double(counts[k]) / present
        }
        let lookup = { (table: [Double]) in codes.map { c -> Double in c >= 0 && Int(c) < table.count ? table[Int(c)] : .nan } }
        return ([
            FeatureColumn(name: name, description: "\(name) as a code 0-\(ordered.count - 1) in alphabetical order of its "
                + "\(ordered.count) levels (trees can split on it; not a quantity)", values: lookup(rank)),
            FeatureColumn(name: "\(name)_frequency", description: "Share of rows with the same \(name)", values: lookup(share)),
        ], "\"\(name)\" has \(ordered.count) levels (more than \(oneHotLimit)), so it is encoded as an alphabetical code plus its frequency.")
    }
}

/// Reads a churn outcome column into 1 (churned) / 0 (retained) / NaN (blank).
enum TargetReader {
    static func read(_ column: DataColumn, source: String) throws -> (label: [Double], note: String) {
        let where_ = "\(source), target column \"\(column.name)\""
        switch column.values {
        case .time:
            throw FeatureError("\(where_) holds dates; a churn outcome has two values such as Yes/No or 1/0.", exitCode: ExitCode.usage)
        case .number(let values):
            var distinct = Set<Double>()
            for v in values where !v.isNaN { distinct.insert(v); if distinct.count > 8 { break } }
            guard distinct.isSubset(of: [0, 1]) else {
                let shown = distinct.sorted().prefix(5).map { column.kind == .decimal ? String($0) : String(Int64($0)) }
                throw FeatureError("\(where_) has the values \(shown.joined(separator: ", "))\(distinct.count > 5 ? ", ..." : ""); "
                    + "a churn outcome must be 1 (churned) or 0 (retained).")
            }
            let blanks = values.reduce(0) { $0 + ($1.isNaN ? 1 : 0) }
            return (values, note(positive: "1", negative: "0", blanks: blanks, name: column.name))
        case .strings(let codes, let levels):
            var counts = [Int](repeating: 0, count: levels.count)
            for c in codes where c >= 0 && Int(c) < levels.count { counts[Int(c)] += 1 }
            let used = levels.indices.filter { counts[$0] > 0 }
            if used.count > 2 {
                let shown = used.prefix(5).map { "\"\(levels[$0])\"" }.joined(separator: ", ")
                throw FeatureError("\(where_) has \(used.count) different values (\(shown)\(used.count > 5 ? ", ..." : "")); "
                    + "a churn outcome has exactly two, such as Yes/No or 1/0. Recode it or choose another column with --map target=COLUMN.")
            }
            if used.isEmpty {
                throw FeatureError("\(where_) is blank in every row; there is no outcome to learn from.")
            }
            enum Meaning { case churned, retained, unknown }
            func meaning(_ k: Int) -> Meaning {
                let t = OutcomeVocabulary.normalize(levels[k])
                if OutcomeVocabulary.churned.contains(t) { return .churned }
                if OutcomeVocabulary.retained.contains(t) { return .retained }
                return .unknown
            }
            var positive: Int?
            var negative: Int?
            let meanings = used.map(meaning)
            if used.count == 1 {
                switch meanings[0] {
                case .churned: positive = used[0]
                case .retained: negative = used[0]
                case .unknown: break
                }
            } else {
                switch (meanings[0], meanings[1]) {
                case (.churned, .retained), (.churned, .unknown), (.unknown, .retained): positive = used[0]; negative = used[1]
                case (.retained, .churned), (.unknown, .churned), (.retained, .unknown): positive = used[1]; negative = used[0]
                default: break
                }
            }
            if positive == nil && negative == nil {
                let shown = used.map { "\"\(levels[$0])\"" }.joined(separator: " and ")
                throw FeatureError("\(where_): cannot tell which of \(shown) means churned. "
                    + "Use values such as Yes/No, 1/0, true/false or churned/retained.")
            }
            var map = [Double](repeating: .nan, count: levels.count)
            if let p = positive { map[p] = 1 }
            if let n = negative { map[n] = 0 }
            let label = codes.map { c -> Double in c >= 0 && Int(c) < map.count ? map[Int(c)] : .nan }
            let blanks = codes.reduce(0) { $0 + ($1 < 0 ? 1 : 0) }
            return (label, note(positive: positive.map { levels[$0] } ?? "(none present)",
                                negative: negative.map { levels[$0] } ?? "(none present)", blanks: blanks, name: column.name))
        }
    }

    private static func note(positive: String, negative: String, blanks: Int, name: String) -> String {
        var text = "Target \"\(name)\": churned = 1 for \"\(positive)\", 0 for \"\(negative)\"."
        if blanks > 0 {
            text += " \(blanks) row\(blanks == 1 ? " has" : "s have") no outcome (label left blank; usable for scoring, not training)."
        }
        return text
    }
}
