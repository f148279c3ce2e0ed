/// Chooses the field delimiter among `,` `;` tab `|` by how consistent the field counts of the first
/// records are, reading quotes the way the scanner does.
enum DelimiterDetector {
    static let candidates: [UInt8] = [0x2C, 0x3B, 0x09, 0x7C]

    /// The chosen delimiter and the number of records it was judged on.
    static func detect(_ base: UnsafePointer<UInt8>, start: Int, end: Int) -> (delimiter: UInt8, records: Int) {
        let window = min(end, start + 256 * 1024)
        let truncated = window < end
        var best: (delimiter: UInt8, score: (Int, Int, Int), records: Int) = (0x2C, (0, 0, 0), 0)
        let fields = UnsafeMutablePointer<FieldSpan>.allocate(capacity: 1)
        defer { fields.deallocate() }
        for candidate in candidates {
            var scanner = CSVScanner(base: base, start: start, end: window, delimiter: candidate)
            var counts: [Int] = []
            while counts.count < 60 {
                let n = scanner.next(into: fields, capacity: 0)
                if n < 0 { break }
                if truncated && scanner.position >= window { break }  // the last record may be cut off
                counts.append(n)
            }
            guard let header = counts.first else { continue }
            // Blank lines have one field whatever the delimiter; leave them out.
            let body = counts.dropFirst().filter { $0 > 1 || header == 1 }
            let agreeing = body.filter { $0 == header }.count
            let consistent = body.isEmpty ? 1000 : agreeing * 1000 / body.count
            // Prefer: more than one field, then consistency with the header, then more fields.
            let score = (header > 1 ? 1 : 0, consistent, header)
            if score > best.score { best = (candidate, score, counts.count) }
        }
        return (best.delimiter, best.records)
    }

    /// How a delimiter is written in reports.
    static func name(_ delimiter: UInt8) -> String {
        delimiter == 0x09 ? "\t" : String(UnicodeScalar(delimiter))
    }
}
