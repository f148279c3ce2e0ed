/// Cells read as text from the head of the file and from a few places spread through it, for type
/// inference, role detection and the preview.
struct Sample {
    /// Column names from the header, cleaned (trimmed, blanks and duplicates renamed).
    var header: [String]
    /// Column-major cell text of the sampled rows.
    var columns: [[String]]
    /// Offset of each sampled row's record (for line numbers in messages).
    var records: [Int]
    /// Offset where the data (after the header) begins.
    var dataStart: Int
    /// Rows read from the start of the file; the rest of `records` come from spread probes.
    var headRows: Int
    /// Offset reached by the head read, and whether it reached the end of the file.
    var headEnd: Int
    var headReachedEnd: Bool
    /// The header and first 20 rows exactly as written (quotes removed).
    var preview: [[String]]
    /// Notes about the header (renamed columns).
    var notes: [String]
}

/// Reads the header and the sample, throwing on record-level problems in the rows it reads from the start.
enum SampleReader {
    static let headRowLimit = 20_000
    static let probeCount = 16
    static let probeRows = 400

    static func read(_ base: UnsafePointer<UInt8>, start: Int, end: Int, delimiter: UInt8, file: String) throws -> Sample {
        var scanner = CSVScanner(base: base, start: start, end: end, delimiter: delimiter)
        let capacity = 4096
        let fields = UnsafeMutablePointer<FieldSpan>.allocate(capacity: capacity)
        defer { fields.deallocate() }
        // Header (skipping leading blank lines).
        var n = scanner.next(into: fields, capacity: capacity)
        while n >= 0 && CSVScanner.isBlankRecord(n, fields[0], base) { n = scanner.next(into: fields, capacity: capacity) }
        if n == -2 { throw recordError(.scan(scanner.failure ?? .unterminatedQuote(quoteOffset: scanner.recordStart), record: scanner.recordStart), base: base, file: file, header: []) }
        guard n > 0 else {
            throw IngestError(.emptyFile, file: file, detail: "the file is empty (expected a header line and data rows)")
        }
        guard n <= capacity else {
            throw IngestError(.tooManyFields, file: file, line: lineNumber(base, scanner.recordStart),
                              detail: "the header has \(n) columns; at most \(capacity) are supported")
        }
        let rawHeader = (0..<n).map { CSVScanner.text(base, fields[$0]) }
        var notes: [String] = []
        let header = cleanHeader(rawHeader, notes: &notes)
        let ncols = header.count
        var sample = Sample(header: header, columns: Array(repeating: [], count: ncols), records: [],
                            dataStart: scanner.position, headRows: 0, headEnd: 0, headReachedEnd: false,
                            preview: [rawHeader], notes: notes)
        // Head rows: every problem here is real and reported. Wide files sample fewer rows (about two
        // million cells at most).
        let rowLimit = min(headRowLimit, max(1000, 2_000_000 / ncols))
        while sample.records.count < rowLimit {
            let count = scanner.next(into: fields, capacity: capacity)
            if count == -1 { break }
            let record = scanner.recordStart
            if count == -2 {
                throw recordError(.scan(scanner.failure ?? .unterminatedQuote(quoteOffset: record), record: record),
                                  base: base, file: file, header: header)
            }
            if count != ncols {
                if CSVScanner.isBlankRecord(count, fields[0], base) { continue }
                let extrasBlank = count > ncols && count <= capacity
                    && (ncols..<count).allSatisfy { isBlankBytes(base, fields[$0].start, fields[$0].end) }
                if !extrasBlank {
                    throw recordError(.fieldCount(record: record, found: count), base: base, file: file, header: header)
                }
            }
            for c in 0..<ncols { sample.columns[c].append(CSVScanner.text(base, fields[c])) }
            sample.records.append(record)
            if sample.preview.count <= 20 { sample.preview.append((0..<min(count, capacity)).map { CSVScanner.text(base, fields[$0]) }) }
        }
        sample.headRows = sample.records.count
        sample.headEnd = scanner.position
        sample.headReachedEnd = scanner.position >= end
        if sample.headRows == 0 {
            throw IngestError(.headerOnly, file: file, line: 1,
                              detail: "the file has a header but no data rows (expected at least one row under the header)")
        }
        // Probes spread over the rest of the file. A probe may start inside a quoted field that spans
        // lines; rows that do not split into the right number of fields are then simply not used.
        if !sample.headReachedEnd {
            let rest = end - sample.headEnd
            for k in 0..<probeCount {
                var at = sample.headEnd + rest / probeCount * k + rest / (2 * probeCount)
                while at < end && base[at - 1] != CSVScanner.lf { at += 1 }
                var probe = CSVScanner(base: base, start: at, end: end, delimiter: delimiter)
                var taken = 0
                while taken < min(probeRows, rowLimit / probeCount) {
                    let count = probe.next(into: fields, capacity: capacity)
                    if count < 0 { break }
                    guard count == ncols else { continue }
                    for c in 0..<ncols { sample.columns[c].append(CSVScanner.text(base, fields[c])) }
                    sample.records.append(probe.recordStart)
                    taken += 1
                }
            }
        }
        return sample
    }

    /// Trims names, names blank ones `column_N` and makes duplicates unique with `_2`, `_3`...
    static func cleanHeader(_ raw: [String], notes: inout [String]) -> [String] {
        var used = Set<String>()
        var result: [String] = []
        for (i, name) in raw.enumerated() {
            var clean = name.trimmingCharacters(in: .whitespaces)
            if clean.isEmpty {
                clean = "column_\(i + 1)"
                notes.append("Column \(i + 1) has no name in the header; it is called \"\(clean)\".")
            }
            var unique = clean
            var k = 2
            while used.contains(unique.lowercased()) { unique = "\(clean)_\(k)"; k += 1 }
            if unique != clean { notes.append("The header names \"\(clean)\" more than once; column \(i + 1) is called \"\(unique)\".") }
            used.insert(unique.lowercased())
            result.append(unique)
        }
        return result
    }

    /// Turns a record-level problem into a message with the line and, where known, the column.
    static func recordError(_ failure: RecordFailure, base: UnsafePointer<UInt8>, file: String, header: [String]) -> IngestError {
        switch failure {
        case .scan(.unterminatedQuote(let quote), _):
            return IngestError(.unterminatedQuote, file: file, line: lineNumber(base, quote),
                               detail: "a quoted field opens here and is never closed (expected a closing \" before the end of the file)")
        case .scan(.textAfterQuote(let offset, let field), _):
            let column = field < header.count ? header[field] : nil
            return IngestError(.textAfterQuote, file: file, line: lineNumber(base, offset), column: column,
                               detail: "unexpected text after a closing quote (inside a quoted field, write a quote as \"\")")
        case .fieldCount(let record, let found):
            let expected = header.count
            let more = found > expected
            return IngestError(more ? .tooManyFields : .tooFewFields, file: file, line: lineNumber(base, record),
                               found: "\(found) fields", expected: "\(expected) fields",
                               detail: "the row has \(found) fields but the header has \(expected) columns"
                                   + (more ? " (a value containing the delimiter must be in double quotes)" : ""))
        }
    }
}

import Foundation
