/// The customer id search of the Customer tab: the text being typed and the ids that match it, ids
/// beginning with the text first, then ids containing it (both in the scores' order), ignoring ASCII case.
struct CustomerSearch: Sendable, Equatable {
    /// How many suggestions are kept (the list shows what fits).
    static let limit = 50

    var input = TextInput()
    /// Rows (in `WorkspaceData.customers`) of the suggested ids, best first.
    private(set) var matches: [Int] = []
    /// How many ids match in all.
    private(set) var matchCount = 0
    /// The highlighted suggestion.
    private(set) var cursor = 0

    var text: String { input.text }

    /// The highlighted suggestion's row, if any.
    var selectedRow: Int? { matches.indices.contains(cursor) ? matches[cursor] : nil }

    /// Moves the highlight by `step` suggestions (clamped).
    mutating func move(_ step: Int) {
        guard !matches.isEmpty else { return }
        cursor = min(matches.count - 1, max(0, cursor + step))
    }

    /// Recomputes the suggestions for the current text over `ids`.
    mutating func update(ids: [String]) {
        (matches, matchCount) = Self.suggestions(for: input.text, in: ids, limit: Self.limit)
        cursor = 0
    }

    /// The row whose id equals `text` exactly, else nil.
    static func exactRow(_ text: String, in ids: [String]) -> Int? { ids.firstIndex(of: text) }

    /// Rows of the ids matching `text` (prefix matches first, then other contains matches, each in row
    /// order; at most `limit` rows) and the number of matches in all. An empty text matches nothing.
    static func suggestions(for text: String, in ids: [String], limit: Int) -> (rows: [Int], count: Int) {
        let needle = Array(text.utf8).map(lowered)
        guard !needle.isEmpty else { return ([], 0) }
        var prefix: [Int] = [], inside: [Int] = []
        var count = 0
        for (row, id) in ids.enumerated() {
            var id = id
            let found: Int? = id.withUTF8 { bytes in position(of: needle, in: bytes) }
            guard let at = found else { continue }
            count += 1
            if at == 0 {
                if prefix.count < limit { prefix.append(row) }
            } else if inside.count < limit {
                inside.append(row)
            }
        }
        return (prefix + inside.prefix(max(0, limit - prefix.count)), count)
    }

    /// The first offset of `needle` (already lowered) in `bytes`, ignoring ASCII case; nil when absent.
    private static func position(of needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let n = needle.count
        guard bytes.count >= n else { return nil }
        var start = 0
        while start + n <= bytes.count {
            var k = 0
            while k < n, lowered(bytes[start + k]) == needle[k] { k += 1 }
            if k == n { return start }
            start += 1
        }
        return nil
    }

    private static func lowered(_ byte: UInt8) -> UInt8 {
        byte >= 65 && byte <= 90 ? byte + 32 : byte
    }
}
