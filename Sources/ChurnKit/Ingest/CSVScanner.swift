/// Where one field lies in the bytes: `start..<end` is its content without surrounding quotes.
struct FieldSpan {
    var start: Int
    var end: Int
    /// The field contains doubled quotes (`""`) that stand for one quote.
    var escaped: Bool

    static let empty = FieldSpan(start: 0, end: 0, escaped: false)
}

/// Why a record could not be read.
enum ScanFailure: Equatable {
    /// A quoted field opened at `quoteOffset` never closes.
    case unterminatedQuote(quoteOffset: Int)
    /// Text follows the closing quote of field `field` (0-based) at `offset`.
    case textAfterQuote(offset: Int, field: Int)
}

/// An RFC 4180 record scanner over raw bytes: quoted fields with delimiters, doubled quotes and newlines
/// inside, LF or CRLF line ends. It allocates nothing: each record's fields are written as byte spans.
struct CSVScanner {
    static let quote: UInt8 = 0x22
    static let lf: UInt8 = 0x0A
    static let cr: UInt8 = 0x0D

    let base: UnsafePointer<UInt8>
    let end: Int
    let delimiter: UInt8
    /// Offset of the next unread byte.
    var position: Int
    /// Offset where the record last returned by `next` starts.
    var recordStart: Int = 0
    /// Set when `next` returns -2.
    var failure: ScanFailure?

    init(base: UnsafePointer<UInt8>, start: Int, end: Int, delimiter: UInt8) {
        self.base = base; self.end = end; self.delimiter = delimiter; self.position = start
    }

    /// Reads one record. Stores up to `capacity` field spans and returns the number of fields in the record,
    /// -1 at the end of the data, or -2 when the record is malformed (see `failure`).
    @inline(__always)
    mutating func next(into fields: UnsafeMutablePointer<FieldSpan>, capacity: Int) -> Int {
        var pos = position
        if pos >= end { return -1 }
        recordStart = pos
        let base = self.base, end = self.end, delimiter = self.delimiter
        let delimiterWord = UInt64(delimiter) &* 0x0101_0101_0101_0101
        var count = 0
        while true {
            var span: FieldSpan
            if pos < end && base[pos] == CSVScanner.quote {
                let opened = pos
                pos += 1
                let contentStart = pos
                var escaped = false
                while true {
                    while pos < end && base[pos] != CSVScanner.quote { pos += 1 }
                    if pos >= end {
                        failure = .unterminatedQuote(quoteOffset: opened)
                        position = end
                        return -2
                    }
                    if pos + 1 < end && base[pos + 1] == CSVScanner.quote { escaped = true; pos += 2; continue }
                    break
                }
                span = FieldSpan(start: contentStart, end: pos, escaped: escaped)
                pos += 1
                // Spaces between the closing quote and the delimiter are tolerated.
                while pos < end && base[pos] == 0x20 { pos += 1 }
                if pos < end {
                    let c = base[pos]
                    if c != delimiter && c != CSVScanner.lf && c != CSVScanner.cr {
                        failure = .textAfterQuote(offset: pos, field: count)
                        position = pos
                        return -2
                    }
                }
            } else {
                let fieldStart = pos
                // Eight bytes at a time: the lowest byte equal to the delimiter, LF or CR ends the field.
                while pos + 8 <= end {
                    let w = UnsafeRawPointer(base + pos).loadUnaligned(as: UInt64.self)
                    let hits = CSVScanner.zeroBytes(w ^ delimiterWord) | CSVScanner.zeroBytes(w ^ CSVScanner.lfWord)
                        | CSVScanner.zeroBytes(w ^ CSVScanner.crWord)
                    if hits != 0 { pos += hits.trailingZeroBitCount >> 3; break }
                    pos += 8
                }
                while pos < end {
                    let c = base[pos]
                    if c == delimiter || c == CSVScanner.lf || c == CSVScanner.cr { break }
                    pos += 1
                }
                span = FieldSpan(start: fieldStart, end: pos, escaped: false)
            }
            if count < capacity { fields[count] = span }
            count += 1
            if pos >= end { position = pos; return count }
            let c = base[pos]
            pos += 1
            if c == delimiter { continue }
            if c == CSVScanner.cr && pos < end && base[pos] == CSVScanner.lf { pos += 1 }
            position = pos
            return count
        }
    }

    static let lfWord: UInt64 = 0x0A0A_0A0A_0A0A_0A0A
    static let crWord: UInt64 = 0x0D0D_0D0D_0D0D_0D0D

    /// High bit set in the bytes of `x` that are zero; exact for the lowest zero byte (higher ones may be
    /// false positives after a borrow, which does not matter when only the first is used).
    @inline(__always)
    static func zeroBytes(_ x: UInt64) -> UInt64 {
        (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080
    }

    /// Copies a field's text, turning doubled quotes into single ones.
    static func text(_ base: UnsafePointer<UInt8>, _ span: FieldSpan) -> String {
        let buffer = UnsafeBufferPointer(start: base + span.start, count: span.end - span.start)
        if !span.escaped { return String(decoding: buffer, as: UTF8.self) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(buffer.count)
        var i = 0
        while i < buffer.count {
            bytes.append(buffer[i])
            if buffer[i] == quote && i + 1 < buffer.count && buffer[i + 1] == quote { i += 2 } else { i += 1 }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Writes a field's bytes with doubled quotes made single into `out` and returns the length.
    @inline(__always)
    static func unescape(_ base: UnsafePointer<UInt8>, _ span: FieldSpan, into out: UnsafeMutablePointer<UInt8>) -> Int {
        var i = span.start
        var o = 0
        while i < span.end {
            out[o] = base[i]; o += 1
            if base[i] == quote && i + 1 < span.end && base[i + 1] == quote { i += 2 } else { i += 1 }
        }
        return o
    }

    /// Whether a record is a blank line (one empty unquoted field).
    @inline(__always)
    static func isBlankRecord(_ count: Int, _ first: FieldSpan, _ base: UnsafePointer<UInt8>) -> Bool {
        guard count == 1 else { return false }
        var i = first.start
        while i < first.end { if base[i] != 0x20 && base[i] != 0x09 { return false }; i += 1 }
        // A quoted empty field `""` is a value, not a blank line.
        return first.start == 0 || base[first.start - 1] != quote || first.end > first.start
    }
}

/// Whether `base[start..<end]` holds only spaces and tabs.
@inline(__always)
func isBlankBytes(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
    var i = start
    while i < end { let c = base[i]; if c != 0x20 && c != 0x09 { return false }; i += 1 }
    return true
}

/// Counts physical lines: the 1-based line number of the byte at `offset`.
func lineNumber(_ base: UnsafePointer<UInt8>, _ offset: Int) -> Int {
    var lines = 1
    var i = 0
    let raw = UnsafeRawPointer(base)
    while i + 8 <= offset {
        let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ 0x0A0A_0A0A_0A0A_0A0A
        // Count zero bytes of w (positions holding '\n').
        let t = (w & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F
        let nonZero = (t | w) & 0x8080_8080_8080_8080
        lines += 8 - nonZero.nonzeroBitCount
        i += 8
    }
    while i < offset { if base[i] == 0x0A { lines += 1 }; i += 1 }
    return lines
}
