/// Decides how each column is read (its kind and storage) from the sampled evidence and its role.
///
/// Role columns are strict: a cell that does not fit is an error naming its line. Other columns are
/// read as what every sampled cell fits; if a later cell does not fit, the loader re-reads that column
/// as text (see `DataLoader`).
struct TypeInference {
    let file: String
    let base: UnsafePointer<UInt8>
    let sample: Sample
    /// Some column in the file is written with a decimal comma only ("12,50").
    let fileDecimalComma: Bool
    let dateOrder: DateOrder?
    /// The file may turn out to be a customer table (it has an outcome column), where date, amount and
    /// quantity do not matter: such columns are read leniently and only checked strictly once the shape
    /// is known to be a transaction log.
    var lenientLogRoles = false

    /// The outcome for one column.
    struct Decision {
        var plan: ColumnPlan
        /// The `NN/NN/YYYY` order could not be told from the sample; the whole column must be checked.
        var dateOrderUnresolved = false
        var notes: [String] = []
        var booleanLabels: (positive: String, negative: String)?
    }

    /// Words that mean "churned" / "stayed" in an outcome column.
    static let positiveWords: Set<String> = ["yes", "y", "true", "t", "1", "churn", "churned", "exited", "left",
                                             "cancelled", "canceled", "attrited", "attrited customer", "lost",
                                             "inactive", "closed", "terminated", "gone", "lapsed", "1.0"]
    static let negativeWords: Set<String> = ["no", "n", "false", "f", "0", "stayed", "retained", "active", "existing",
                                             "existing customer", "current", "open", "loyal", "0.0", "renewed"]
    static let booleanPairs: [(String, String)] = [("yes", "no"), ("true", "false"), ("y", "n"), ("t", "f")]

    func line(_ sampleIndex: Int) -> Int { lineNumber(base, sample.records[sampleIndex]) }

    func decide(column c: Int, evidence e: ColumnEvidence, role: ColumnRole?) throws -> Decision {
        let name = sample.header[c]
        switch role {
        case .customer:
            var plan = ColumnPlan(name: name, kind: .identifier, storage: .strings, role: .customer)
            plan.strict = true; plan.blanksForbidden = true
            return Decision(plan: plan)
        case .category:
            return Decision(plan: ColumnPlan(name: name, kind: stringKind(e), storage: .strings, role: .category))
        case .amount, .quantity:
            if !lenientLogRoles { return try numberDecision(c, e, role: role, strict: true) }
            if numberStyle(e) != nil, let d = try? numberDecision(c, e, role: role, strict: false) { return d }
        case .date:
            if !lenientLogRoles { return try dateDecision(c, e, role: .date, strict: true) }
            if let d = try? dateDecision(c, e, role: .date, strict: false) { return d }
        case .target:
            return try targetDecision(c, e)
        case nil:
            break
        }
        return try generalDecision(c, e)
    }

    /// Reads a column without a role as what all its sampled cells fit.
    private func generalDecision(_ c: Int, _ e: ColumnEvidence) throws -> Decision {
        let name = sample.header[c]
        if e.nonBlank == 0 {
            return Decision(plan: ColumnPlan(name: name, kind: .empty, storage: .strings))
        }
        if let d = booleanDecision(c, e) { return d }
        if numberStyle(e) != nil, !leadingZeros(e) { return try numberDecision(c, e, role: nil, strict: false) }
        if e.allDates, let d = try? dateDecision(c, e, role: nil, strict: false) { return d }
        return Decision(plan: ColumnPlan(name: name, kind: stringKind(e), storage: .strings))
    }

    /// The decimal style every sampled cell fits (true = decimal comma), or nil.
    func numberStyle(_ e: ColumnEvidence) -> Bool? {
        if e.allNumbersDot && e.allNumbersComma { return fileDecimalComma }
        if e.allNumbersComma { return true }
        if e.allNumbersDot { return false }
        return nil
    }

    private func leadingZeros(_ e: ColumnEvidence) -> Bool {
        (numberStyle(e) == true ? e.traitsComma : e.traitsDot).leadingZero
    }

    private func numberDecision(_ c: Int, _ e: ColumnEvidence, role: ColumnRole?, strict: Bool) throws -> Decision {
        let name = sample.header[c]
        let comma = numberStyle(e) ?? (e.numbersComma > e.numbersDot)
        if strict, let bad = comma ? e.firstNonNumberComma : e.firstNonNumberDot {
            throw TypeInference.notANumber(file: file, line: line(bad), column: name,
                                           value: sample.columns[c][bad], decimalComma: comma)
        }
        let traits = comma ? e.traitsComma : e.traitsDot
        var formats: [String] = []
        var notes: [String] = []
        if comma && traits.fraction {
            formats.append("decimal comma")
            notes.append("Column \"\(name)\": numbers are written with a decimal comma (\"12,50\" is 12.5).")
        }
        if traits.grouping { formats.append("thousands separator '\(comma ? "." : ",")'") }
        if traits.currency {
            formats.append("currency symbols")
            notes.append("Column \"\(name)\": currency symbols ($ € £ ¥) are ignored.")
        }
        let kind: ColumnKind = traits.fraction || traits.exponent ? .decimal : .integer
        var plan = ColumnPlan(name: name, kind: kind, storage: .number(decimalComma: comma), role: role)
        plan.strict = strict
        plan.format = formats.isEmpty ? nil : formats.joined(separator: ", ")
        return Decision(plan: plan, notes: notes)
    }

    private func dateDecision(_ c: Int, _ e: ColumnEvidence, role: ColumnRole?, strict: Bool) throws -> Decision {
        let name = sample.header[c]
        let cells = sample.columns[c]
        let expected = "expected a date such as 2024-03-31, 31/03/2024 or 03/31/2024"
        if let bad = e.firstNonDate {
            throw IngestError(.notADate, file: file, line: line(bad), column: name, found: cells[bad],
                              expected: expected, detail: "\(IngestError.quote(trimmedCell(cells[bad]))) is not a date (\(expected))")
        }
        let withTime = e.withTime > 0
        var layout: DateLayout
        var unresolved = false
        var notes: [String] = []
        if e.yearFirst == e.dates {
            layout = .yearMonthDay
            notes.append("Column \"\(name)\": dates read as \(layout.pattern(separator: e.separator, withTime: withTime)).")
        } else if e.yearFirst > 0 {
            let odd = cells.indices.first { i in
                let v = trimmedCell(cells[i]); return !v.isEmpty && DateParser.scan(v)?.yearFirst == false
            } ?? 0
            throw IngestError(.notADate, file: file, line: line(odd), column: name, found: cells[odd], expected: "YYYY-MM-DD",
                              detail: "\(IngestError.quote(trimmedCell(cells[odd]))) is written differently from the other dates in this column, which are YYYY-MM-DD")
        } else if let d = e.firstOnlyDayFirst, let m = e.firstOnlyMonthFirst {
            throw IngestError(.mixedDateOrder, file: file, line: line(max(d, m)), column: name, found: cells[max(d, m)],
                              detail: "dates are written both day-first (line \(line(d)): \(IngestError.quote(trimmedCell(cells[d])))) and month-first (line \(line(m)): \(IngestError.quote(trimmedCell(cells[m])))); make them consistent")
        } else if let d = e.firstOnlyDayFirst {
            layout = .dayMonthYear
            if let o = dateOrder, o == .monthFirst { layout = .monthDayYear }
            notes.append("Column \"\(name)\": dates read as \(layout.pattern(separator: e.separator, withTime: withTime)) because line \(line(d)) has \(IngestError.quote(trimmedCell(cells[d]))) (the day is over 12).")
        } else if let m = e.firstOnlyMonthFirst {
            layout = .monthDayYear
            if let o = dateOrder, o == .dayFirst { layout = .dayMonthYear }
            notes.append("Column \"\(name)\": dates read as \(layout.pattern(separator: e.separator, withTime: withTime)) because line \(line(m)) has \(IngestError.quote(trimmedCell(cells[m]))) (the day is over 12).")
        } else if let order = dateOrder {
            layout = order == .dayFirst ? .dayMonthYear : .monthDayYear
            notes.append("Column \"\(name)\": dates read as \(layout.pattern(separator: e.separator, withTime: withTime)) as requested with --date-format.")
        } else {
            layout = .dayMonthYear
            unresolved = true
        }
        // Every sampled cell must be a real date in the chosen layout (e.g. no 31/02/2024).
        if let bad = cells.indices.first(where: { i in
            let v = trimmedCell(cells[i]); return !v.isEmpty && DateParser.scan(v)?.seconds(layout) == nil
        }), !unresolved {
            let pattern = layout.pattern(separator: e.separator, withTime: false)
            throw IngestError(.notADate, file: file, line: line(bad), column: name, found: cells[bad], expected: pattern,
                              detail: "\(IngestError.quote(trimmedCell(cells[bad]))) is not a real date in the format \(pattern)")
        }
        var plan = ColumnPlan(name: name, kind: withTime ? .datetime : .date, storage: .time(layout), role: role)
        plan.strict = strict
        plan.format = layout.pattern(separator: e.separator, withTime: withTime)
        return Decision(plan: plan, dateOrderUnresolved: unresolved, notes: notes)
    }

    private func targetDecision(_ c: Int, _ e: ColumnEvidence) throws -> Decision {
        let name = sample.header[c]
        var labels: [String] = []
        for v in e.distinctOrder where !labels.contains(where: { $0.lowercased() == v.lowercased() }) { labels.append(v) }
        if labels.count >= 3 {
            let third = sample.columns[c].firstIndex { trimmedCell($0).lowercased() == labels[2].lowercased() } ?? 0
            throw TypeInference.tooManyOutcomes(file: file, line: line(third), column: name, values: labels)
        }
        let (positive, negative) = TypeInference.outcomeLabels(labels, counts: labels.map { e.distinct[$0] ?? 0 })
        var plan = ColumnPlan(name: name, kind: .boolean, role: .target, positive: positive, negative: negative)
        plan.strict = true
        var notes: [String] = []
        if labels.count == 2, !TypeInference.positiveWords.contains(positive.lowercased()),
           !TypeInference.negativeWords.contains(negative.lowercased()) {
            notes.append("Column \"\(name)\": \"\(positive)\" is taken as the churn outcome (the rarer value); the other value \"\(negative)\" means the customer stayed.")
        }
        return Decision(plan: plan, notes: notes, booleanLabels: (positive, negative))
    }

    /// Which of (at most two) outcome values means "churned".
    static func outcomeLabels(_ labels: [String], counts: [Int]) -> (positive: String, negative: String) {
        if labels.isEmpty { return ("1", "0") }
        if labels.count == 1 {
            let v = labels[0]
            return negativeWords.contains(v.lowercased()) ? ("", v) : (v, "")
        }
        let a = labels[0], b = labels[1]
        if positiveWords.contains(a.lowercased()) && !positiveWords.contains(b.lowercased()) { return (a, b) }
        if positiveWords.contains(b.lowercased()) && !positiveWords.contains(a.lowercased()) { return (b, a) }
        if negativeWords.contains(a.lowercased()) { return (b, a) }
        if negativeWords.contains(b.lowercased()) { return (a, b) }
        return counts[0] <= counts[1] ? (a, b) : (b, a)
    }

    private func booleanDecision(_ c: Int, _ e: ColumnEvidence) -> Decision? {
        let lower = e.distinctLowercased
        guard lower.count <= 2 else { return nil }
        var pairs = TypeInference.booleanPairs
        if ColumnNames.isBooleanLike(sample.header[c]) { pairs.append(("1", "0")) }
        guard let pair = pairs.first(where: { lower.isSubset(of: [$0.0, $0.1]) }),
              lower.count == 2 || pair.0.count > 1 else { return nil }
        let positive = e.distinctOrder.first { $0.lowercased() == pair.0 } ?? pair.0
        let negative = e.distinctOrder.first { $0.lowercased() == pair.1 } ?? pair.1
        let plan = ColumnPlan(name: sample.header[c], kind: .boolean, role: nil, positive: positive, negative: negative)
        return Decision(plan: plan, booleanLabels: (positive, negative))
    }

    /// Categorical (few levels), identifier (mostly unique or id-like name) or free text.
    func stringKind(_ e: ColumnEvidence) -> ColumnKind {
        TypeInference.stringKind(name: e.name, distinct: e.distinct.count, nonBlank: e.nonBlank,
                                 withSpaces: e.withSpaces, totalLength: e.totalLength)
    }

    static func stringKind(name: String, distinct d: Int, nonBlank n: Int, withSpaces: Int, totalLength: Int) -> ColumnKind {
        if n == 0 { return .empty }
        if ColumnNames.isIdentifierLike(name) && d * 2 > n { return .identifier }
        if d <= 50 || d * 5 <= n { return .categorical }
        if withSpaces * 2 > n || totalLength / n > 40 { return .text }
        return .identifier
    }

    static func notANumber(file: String, line: Int, column: String, value: String, decimalComma: Bool) -> IngestError {
        let example = decimalComma ? "12,34" : "12.34"
        return IngestError(.notANumber, file: file, line: line, column: column, found: value, expected: "a number",
                           detail: "\(IngestError.quote(trimmedCell(value))) is not a number (expected a decimal like \(example))")
    }

    static func tooManyOutcomes(file: String, line: Int, column: String, values: [String]) -> IngestError {
        let shown = values.prefix(10).map { "\"\($0)\"" }.joined(separator: ", ") + (values.count > 10 ? ", ..." : "")
        return IngestError(.tooManyOutcomes, file: file, line: line, column: column, found: shown,
                           expected: "two values",
                           detail: "the outcome column has \(values.count) different values (\(shown)); expected two, such as Yes/No or 1/0")
    }
}

extension ColumnPlan {
    /// A boolean plan reading `positive` as 1 and `negative` as 0 (case-insensitive).
    init(name: String, kind: ColumnKind, role: ColumnRole?, positive: String, negative: String) {
        let t = Array(positive.lowercased().utf8)
        let f = negative.isEmpty ? [0xFF] : Array(negative.lowercased().utf8)
        self.init(name: name, kind: kind, storage: .boolean(trueWord: t.isEmpty ? [0xFF] : t, falseWord: f), role: role)
        format = "\(positive.isEmpty ? "-" : positive) = 1, \(negative.isEmpty ? "-" : negative) = 0"
    }
}
