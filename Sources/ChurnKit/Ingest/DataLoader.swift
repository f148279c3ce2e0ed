#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a CSV file into a typed `DataTable`: checks the file, detects encoding and delimiter, infers
/// column kinds and roles from a sample, parses every cell in one parallel pass over the memory-mapped
/// bytes, and tells a transaction log from a customer table.
///
/// Columns without a role whose later cells do not fit the kind seen in the sample (e.g. "n/a" in a
/// numeric column) are re-read as text and a note says so; role columns raise an `IngestError` instead.
public enum DataLoader {
    public static func load(path: String, options: IngestOptions = IngestOptions()) throws -> LoadedDataset {
        var input = try InputBytes.map(path: path)
        var notes: [String] = []
        var start = 0
        var encoding = "UTF-8"
        if input.count == 0 {
            throw IngestError(.emptyFile, file: path, detail: "the file is empty (expected a header line and data rows)")
        }
        let probe = min(input.count, 65_536)
        if let nul = memchr(input.base, 0, probe) {
            let at = UnsafePointer<UInt8>(nul.assumingMemoryBound(to: UInt8.self)) - input.base
            let b0 = input.base[0], b1 = input.count > 1 ? input.base[1] : 0
            let utf16 = (b0 == 0xFF && b1 == 0xFE) || (b0 == 0xFE && b1 == 0xFF)
            throw IngestError(.binaryFile, file: path, line: lineNumber(input.base, at),
                              detail: utf16 ? "the file is UTF-16 text; save it as UTF-8 CSV and try again"
                                            : "this is a binary file, not CSV text (it contains NUL bytes; expected a .csv text file)")
        }
        if input.count >= 3 && input.base[0] == 0xEF && input.base[1] == 0xBB && input.base[2] == 0xBF {
            start = 3
            encoding = "UTF-8 (BOM)"
        }
        if let bad = TextEncoding.firstInvalidUTF8Parallel(input.base, start, input.count) {
            let line = lineNumber(input.base, bad)
            input = TextEncoding.transcodeWindows1252(input.base, start, input.count)
            start = 0
            encoding = "Windows-1252"
            notes.append("The file is not valid UTF-8 (first at line \(line)); it was read as Windows-1252 (Latin-1). Save it as UTF-8 if accented letters look wrong.")
        }
        let base = input.base, end = input.count
        if isBlankOrNewlines(base, start, end) {
            throw IngestError(.emptyFile, file: path, detail: "the file has no text (expected a header line and data rows)")
        }
        let (delimiter, judged) = DelimiterDetector.detect(base, start: start, end: end)
        let delimiterName = DelimiterDetector.name(delimiter)
        notes.append("Fields are separated by \(delimiter == 0x09 ? "tabs" : "'\(delimiterName)'") (judged on the first \(judged) lines).")

        let sample = try SampleReader.read(base, start: start, end: end, delimiter: delimiter, file: path)
        notes.append(contentsOf: sample.notes)
        let header = sample.header
        let evidence = ColumnEvidence.gather(header: header, columns: sample.columns)
        let fileDecimalComma = evidence.contains { !$0.allNumbersDot && $0.allNumbersComma && $0.traitsComma.fraction }
        let roles = try RoleDetector.assign(header: header, evidence: evidence, overrides: options.mapping, file: path)
        var roleOf: [Int: ColumnRole] = [:]
        for (role, index) in roles { roleOf[index] = role }

        var inference = TypeInference(file: path, base: base, sample: sample, fileDecimalComma: fileDecimalComma,
                                      dateOrder: options.dateOrder)
        inference.lenientLogRoles = roles[.target] != nil && options.shape != .transactions
        var decisions: [TypeInference.Decision] = []
        for c in header.indices {
            var columnInference = inference
            if let role = roleOf[c], options.mapping[role] != nil { columnInference.lenientLogRoles = false }
            decisions.append(try columnInference.decide(column: c, evidence: evidence[c], role: roleOf[c]))
        }
        // Date columns whose order the sample could not tell: look through the whole column.
        for c in header.indices where decisions[c].dateOrderUnresolved {
            guard let (layout, record, text) = resolveDateOrder(base, start: sample.dataStart, end: end,
                                                                 delimiter: delimiter, columns: header.count, column: c) else {
                throw IngestError(.ambiguousDate, file: path, line: lineNumber(base, sample.records[0]), column: header[c],
                                  found: sample.columns[c][0], expected: "DD/MM/YYYY or MM/DD/YYYY",
                                  detail: "the dates are ambiguous: every value could be DD/MM/YYYY or MM/DD/YYYY (no day is over 12); pass --date-format DD/MM/YYYY or --date-format MM/DD/YYYY")
            }
            let e = evidence[c]
            let pattern = layout.pattern(separator: e.separator, withTime: e.withTime > 0)
            decisions[c].plan.storage = .time(layout)
            decisions[c].plan.format = pattern
            decisions[c].dateOrderUnresolved = false
            decisions[c].notes.append("Column \"\(header[c])\": dates read as \(pattern) because line \(lineNumber(base, record)) has \(IngestError.quote(text)) (the day is over 12).")
        }
        for d in decisions { notes.append(contentsOf: d.notes) }

        var plans = decisions.map(\.plan)
        let headBytes = max(1, sample.headEnd - sample.dataStart)
        let estimatedRows = sample.headReachedEnd ? sample.headRows
            : Int(Double(end - sample.dataStart) / Double(headBytes) * Double(sample.headRows) * 1.05) + 16
        let pass = TypedPass.run(base: base, start: sample.dataStart, end: end, delimiter: delimiter, plans: plans,
                                 estimatedRows: estimatedRows, mappedFile: input.isMapped)
        if let failure = pass.recordFailure {
            throw SampleReader.recordError(failure, base: base, file: path, header: header)
        }
        var values = pass.values
        var demoted: [Int: (line: Int, text: String)] = [:]
        for c in header.indices {
            if pass.blankRecords[c] >= 0 {
                throw IngestError(.blankIdentifier, file: path, line: lineNumber(base, pass.blankRecords[c]), column: header[c],
                                  expected: "a customer id", detail: "the customer id is blank (every row needs one)")
            }
            guard let failure = pass.failures[c] else { continue }
            let text = CSVScanner.text(base, failure.span)
            let line = lineNumber(base, failure.record)
            let plan = plans[c]
            if plan.role == .target {
                let levels = readStrings(base, start: sample.dataStart, end: end, delimiter: delimiter, plans: plans, column: c).levels
                var distinct: [String] = []
                for v in levels where !distinct.contains(where: { $0.lowercased() == v.lowercased() }) { distinct.append(v) }
                throw TypeInference.tooManyOutcomes(file: path, line: line, column: header[c], values: distinct)
            }
            if plan.strict {
                switch plan.storage {
                case .number(let comma):
                    throw TypeInference.notANumber(file: path, line: line, column: header[c], value: text, decimalComma: comma)
                default:
                    let pattern = plan.format ?? "YYYY-MM-DD"
                    throw IngestError(.notADate, file: path, line: line, column: header[c], found: text, expected: pattern,
                                      detail: "\(IngestError.quote(trimmedCell(text))) is not a date in the format \(pattern) used by the rest of this column")
                }
            }
            // Not a strict column: read it again as text (and remember why, in case it is needed after all).
            demoted[c] = (line, text)
            let strings = readStrings(base, start: sample.dataStart, end: end, delimiter: delimiter, plans: plans, column: c)
            values[c] = .strings(codes: strings.codes, levels: strings.levels)
            let nonBlank = strings.codes.reduce(0) { $0 + ($1 >= 0 ? 1 : 0) }
            let kind = TypeInference.stringKind(name: header[c], distinct: strings.levels.count, nonBlank: nonBlank,
                                                withSpaces: evidence[c].withSpaces, totalLength: evidence[c].totalLength)
            notes.append("Column \"\(header[c])\" looked like \(plan.kind.rawValue) values in the first rows, but line \(line) has \(IngestError.quote(trimmedCell(text))); the column is read as \(kind.rawValue) text.")
            plans[c].kind = kind
            plans[c].storage = .strings
            plans[c].format = nil
            decisions[c].booleanLabels = nil
        }
        if pass.blankLines > 0 { notes.append("\(pass.blankLines) blank line\(pass.blankLines == 1 ? " was" : "s were") skipped.") }
        if pass.rowsWithTrailingEmptyFields > 0 {
            notes.append("\(pass.rowsWithTrailingEmptyFields) row\(pass.rowsWithTrailingEmptyFields == 1 ? " has" : "s have") empty fields after the last column; they were ignored.")
        }

        var columns: [DataColumn] = []
        for c in header.indices {
            var kind = plans[c].kind
            let stored = values[c] ?? .strings(codes: [Int32](repeating: -1, count: pass.rows), levels: [])
            switch stored {
            case .number(let v) where kind == .integer:
                if v.contains(where: { !$0.isNaN && $0 != $0.rounded() }) { kind = .decimal }
            case .time(let v) where kind == .date:
                if v.contains(where: { $0 != DataTable.missingTime && $0 % CivilDate.secondsPerDay != 0 }) { kind = .datetime }
            default: break
            }
            columns.append(DataColumn(name: header[c], kind: kind, values: stored, format: plans[c].format,
                                      booleanLabels: decisions[c].booleanLabels))
        }
        let table = DataTable(source: path, columns: columns, rowCount: pass.rows)
        let (shape, reason, mapping) = try decideShape(table: table, roles: roles, options: options, file: path)
        if shape == .transactions && inference.lenientLogRoles {
            // The log's columns were read leniently: now they must hold what their role needs.
            for role in [ColumnRole.date, .amount, .quantity] {
                guard let c = roles[role] else { continue }
                if let (line, text) = demoted[c] {
                    if role == .date {
                        throw IngestError(.notADate, file: path, line: line, column: header[c], found: text,
                                          detail: "\(IngestError.quote(trimmedCell(text))) is not a date in the format \(decisions[c].plan.format ?? "YYYY-MM-DD") used by the rest of this column")
                    }
                    throw TypeInference.notANumber(file: path, line: line, column: header[c], value: text,
                                                   decimalComma: decisions[c].plan.storage == .number(decimalComma: true))
                }
                if plans[c].role != role {
                    var strictInference = inference
                    strictInference.lenientLogRoles = false
                    _ = try strictInference.decide(column: c, evidence: evidence[c], role: role)
                    throw IngestError(.missingRole, file: path, column: header[c],
                                      detail: "the column cannot be read as the \(role.rawValue) of a transaction log; say which column it is with --map \(role.rawValue)=COLUMN")
                }
            }
        }
        return LoadedDataset(table: table, encoding: encoding, delimiter: delimiterName, shape: shape, shapeReason: reason,
                             mapping: mapping, preview: sample.preview, notes: notes)
    }

    /// The roles each shape needs, with what they mean for messages.
    static let neededRoles: [DatasetShape: [(ColumnRole, String)]] = [
        .transactions: [(.customer, "customer id"), (.date, "purchase date"), (.amount, "amount spent")],
        .customerTable: [(.customer, "customer id"), (.target, "churn outcome (e.g. Churn = Yes/No)")],
    ]

    /// Tells a transaction log from a customer table, says why, and checks the needed roles are there.
    static func decideShape(table: DataTable, roles: [ColumnRole: Int], options: IngestOptions, file: String) throws
        -> (DatasetShape, String, ColumnMapping) {
        let name = { (role: ColumnRole) -> String? in roles[role].map { table.columns[$0].name } }
        var distinctCustomers: Int?
        if let c = roles[.customer], let s = table.columns[c].strings { distinctCustomers = s.levels.count }
        let repeats = distinctCustomers.map { $0 < table.rowCount } ?? false
        let shape: DatasetShape
        let reason: String
        if let forced = options.shape {
            shape = forced
            reason = forced == .transactions ? "transaction log, as requested" : "customer table, as requested"
        } else if let customer = name(.customer), let date = name(.date), repeats || roles[.target] == nil {
            shape = .transactions
            reason = repeats
                ? "transaction log: customer ids in '\(customer)' repeat (\(table.rowCount) rows for \(distinctCustomers ?? 0) customers) and '\(date)' holds dates"
                : "transaction log: a date column '\(date)' and no outcome column, although each customer in '\(customer)' appears only once"
        } else if let target = name(.target) {
            shape = .customerTable
            if let customer = name(.customer) {
                reason = repeats
                    ? "customer table: an outcome column '\(target)' (but customer ids in '\(customer)' repeat)"
                    : "customer table: one row per \(customer) and an outcome column '\(target)'"
            } else {
                reason = "customer table: an outcome column '\(target)'"
            }
        } else {
            throw IngestError(.unknownShape, file: file, expected: "a transaction log or a customer table",
                              detail: "cannot tell what this file holds: a transaction log needs customer id, date and amount columns, a customer table needs a customer id and a churn outcome column. Columns: \(table.columns.map(\.name).joined(separator: ", ")). Name them with --map role=column (roles: customer, date, amount, quantity, category, target).")
        }
        for (role, meaning) in neededRoles[shape] ?? [] where roles[role] == nil {
            let kind = shape == .transactions ? "a transaction log" : "a customer table"
            throw IngestError(.missingRole, file: file, expected: meaning,
                              detail: "\(kind) needs a \(meaning) column and none was recognised. Columns: \(table.columns.map(\.name).joined(separator: ", ")). Say which one with --map \(role.rawValue)=COLUMN.")
        }
        var mapping = ColumnMapping()
        let kept: Set<ColumnRole> = shape == .transactions ? [.customer, .date, .amount, .quantity, .category] : [.customer, .target]
        for (role, index) in roles where kept.contains(role) || options.mapping[role] != nil {
            mapping[role] = table.columns[index].name
        }
        return (shape, reason, mapping)
    }

    /// Re-reads one column as interned text.
    static func readStrings(_ base: UnsafePointer<UInt8>, start: Int, end: Int, delimiter: UInt8, plans: [ColumnPlan],
                            column: Int) -> (codes: [Int32], levels: [String]) {
        var only = plans.map { p -> ColumnPlan in var q = p; q.storage = .skip; q.blanksForbidden = false; return q }
        only[column].storage = .strings
        let pass = TypedPass.run(base: base, start: start, end: end, delimiter: delimiter, plans: only, estimatedRows: 1024)
        if case .strings(let codes, let levels)? = pass.values[column] { return (codes, levels) }
        return ([], [])
    }

    /// Finds the first date in a column that only fits one order (a day over 12), scanning the whole file.
    static func resolveDateOrder(_ base: UnsafePointer<UInt8>, start: Int, end: Int, delimiter: UInt8, columns: Int,
                                 column: Int) -> (DateLayout, Int, String)? {
        var scanner = CSVScanner(base: base, start: start, end: end, delimiter: delimiter)
        let capacity = columns + 1
        let fields = UnsafeMutablePointer<FieldSpan>.allocate(capacity: capacity)
        defer { fields.deallocate() }
        while true {
            let n = scanner.next(into: fields, capacity: capacity)
            if n < 0 { return nil }
            guard n >= columns else { continue }
            let f = fields[column]
            guard let parts = DateParser.scan(base, f.start, f.end), !parts.yearFirst else { continue }
            let dayFirst = parts.seconds(.dayMonthYear) != nil
            let monthFirst = parts.seconds(.monthDayYear) != nil
            if dayFirst != monthFirst {
                return (dayFirst ? .dayMonthYear : .monthDayYear, scanner.recordStart, trimmedCell(CSVScanner.text(base, f)))
            }
        }
    }

    private static func isBlankOrNewlines(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var i = start
        while i < end {
            let c = base[i]
            if c != 0x20 && c != 0x09 && c != 0x0A && c != 0x0D { return false }
            i += 1
        }
        return true
    }
}
