/// How one column is read in the full typed pass, as decided by type inference and role detection.
struct ColumnPlan: Sendable {
    /// The storage a column's cells are parsed into.
    enum Storage: Sendable, Equatable {
        case number(decimalComma: Bool)
        /// Two spellings (lowercased) read as 1 and 0.
        case boolean(trueWord: [UInt8], falseWord: [UInt8])
        case time(DateLayout)
        case strings
        /// Not read (used when re-reading a single column).
        case skip
    }

    var name: String
    var kind: ColumnKind
    var storage: Storage
    var role: ColumnRole?
    /// How the text is read, for the profile (e.g. "DD/MM/YYYY", "decimal comma").
    var format: String?
    /// A value that does not fit is an error (role columns) instead of a reason to read the column as text.
    var strict: Bool = false
    /// Blank cells are an error (the customer id).
    var blanksForbidden: Bool = false
}

/// The first cell of a column that did not fit its plan.
struct ValueFailure {
    /// Offset where the record holding the cell starts.
    var record: Int
    var span: FieldSpan
}

/// Collects one column's parsed cells during the typed pass, in manually managed buffers.
struct ColumnWriter {
    enum Mode: UInt8 { case number, boolean, time, strings, skip }

    let mode: Mode
    let decimalComma: Bool
    let layout: DateLayout
    let trueWord: [UInt8]
    let falseWord: [UInt8]
    let blanksForbidden: Bool
    var numbers: PodBuffer<Double>
    var times: PodBuffer<Int64>
    var codes: PodBuffer<Int32>
    var interner: ByteInterner
    var failure: ValueFailure?
    /// Offset of the first record with a forbidden blank, or -1.
    var blankRecord = -1

    init(plan: ColumnPlan, expectedRows: Int) {
        var mode = Mode.skip, comma = false, layout = DateLayout.yearMonthDay
        var t: [UInt8] = [], f: [UInt8] = []
        switch plan.storage {
        case .number(let c): mode = .number; comma = c
        case .boolean(let tw, let fw): mode = .boolean; t = tw; f = fw
        case .time(let l): mode = .time; layout = l
        case .strings: mode = .strings
        case .skip: mode = .skip
        }
        self.mode = mode; decimalComma = comma; self.layout = layout; trueWord = t; falseWord = f
        blanksForbidden = plan.blanksForbidden
        numbers = PodBuffer(capacity: mode == .number || mode == .boolean ? expectedRows : 0)
        times = PodBuffer(capacity: mode == .time ? expectedRows : 0)
        codes = PodBuffer(capacity: mode == .strings ? expectedRows : 0)
        interner = ByteInterner(expected: mode == .strings ? 1024 : 1)
    }

    mutating func release() { numbers.release(); times.release(); codes.release(); interner.release() }

    /// Parses one cell and appends it (a missing value for blanks and for cells that do not fit).
    @inline(__always)
    mutating func consume(_ base: UnsafePointer<UInt8>, _ field: FieldSpan, record: Int, scratch: inout PodBuffer<UInt8>) {
        if mode == .skip { return }
        var p = base, s = field.start, e = field.end
        if field.escaped {
            scratch.reserve(e - s)
            e = CSVScanner.unescape(base, field, into: scratch.base)
            p = UnsafePointer(scratch.base); s = 0
        }
        while s < e && (p[s] == 0x20 || p[s] == 0x09) { s += 1 }
        while e > s && (p[e - 1] == 0x20 || p[e - 1] == 0x09) { e -= 1 }
        let blank = s == e
        if blank && blanksForbidden && blankRecord < 0 { blankRecord = record }
        switch mode {
        case .number:
            if blank { numbers.append(.nan); return }
            var traits = NumberTraits()
            if let v = NumberParser.parse(p, s, e, decimalComma: decimalComma, traits: &traits) {
                numbers.append(v)
            } else {
                numbers.append(.nan); fail(record, field)
            }
        case .boolean:
            if blank { numbers.append(.nan); return }
            if ColumnWriter.equalsLowercased(p, s, e, trueWord) { numbers.append(1) }
            else if ColumnWriter.equalsLowercased(p, s, e, falseWord) { numbers.append(0) }
            else { numbers.append(.nan); fail(record, field) }
        case .time:
            if blank { times.append(DataTable.missingTime); return }
            if let parts = DateParser.scan(p, s, e), let t = parts.seconds(layout) {
                times.append(t)
            } else {
                times.append(DataTable.missingTime); fail(record, field)
            }
        case .strings:
            codes.append(blank ? -1 : interner.intern(p + s, e - s))
        case .skip:
            return
        }
    }

    @inline(__always)
    private mutating func fail(_ record: Int, _ field: FieldSpan) {
        if failure == nil { failure = ValueFailure(record: record, span: field) }
    }

    /// Whether the bytes, lowercased (ASCII), equal a lowercase word.
    @inline(__always)
    static func equalsLowercased(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int, _ word: [UInt8]) -> Bool {
        guard e - s == word.count else { return false }
        var k = 0
        while k < word.count {
            var c = p[s + k]
            if c >= 0x41 && c <= 0x5A { c += 0x20 }
            if c != word[k] { return false }
            k += 1
        }
        return true
    }
}
