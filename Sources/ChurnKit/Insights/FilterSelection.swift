/// A set of row numbers out of `rowCount` rows, stored as a bitset (one bit per row).
///
/// What a filter returns: `count` says how many rows match, `indices` lists them in order, and the
/// set operations combine selections without touching rows one by one.
public struct RowSelection: Equatable, Sendable {
    /// The number of rows the selection is drawn from.
    public let rowCount: Int
    /// Bit `r % 64` of word `r / 64` is set when row `r` is selected; bits past `rowCount` are 0.
    public internal(set) var words: [UInt64]

    /// No rows (or every row when `selectingAll`).
    public init(rowCount: Int, selectingAll: Bool = false) {
        self.rowCount = rowCount
        self.words = [UInt64](repeating: selectingAll ? ~0 : 0, count: (rowCount + 63) / 64)
        clearTail()
    }

    /// The rows whose flag is true.
    public init(_ flags: [Bool]) {
        self.init(rowCount: flags.count)
        for (row, flag) in flags.enumerated() where flag { words[row >> 6] |= 1 << UInt64(row & 63) }
    }

    /// The listed rows (each must be in 0..<rowCount; others are ignored).
    public init(rowCount: Int, indices: [Int]) {
        self.init(rowCount: rowCount)
        for row in indices where row >= 0 && row < rowCount { words[row >> 6] |= 1 << UInt64(row & 63) }
    }

    init(rowCount: Int, words: [UInt64]) {
        self.rowCount = rowCount
        self.words = words
        clearTail()
    }

    /// Whether `row` is selected.
    public subscript(row: Int) -> Bool {
        guard row >= 0, row < rowCount else { return false }
        return words[row >> 6] & (1 << UInt64(row & 63)) != 0
    }

    /// The number of selected rows.
    public var count: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

    /// Whether no row is selected.
    public var isEmpty: Bool { words.allSatisfy { $0 == 0 } }

    /// The selected rows in increasing order.
    public var indices: [Int] {
        var result: [Int] = []
        result.reserveCapacity(count)
        for (w, word) in words.enumerated() {
            var bits = word
            while bits != 0 {
                result.append(w << 6 + bits.trailingZeroBitCount)
                bits &= bits - 1
            }
        }
        return result
    }

    /// One flag per row.
    public var flags: [Bool] { (0..<rowCount).map { self[$0] } }

    /// Rows in both selections (which must have the same `rowCount`).
    public func intersection(_ other: RowSelection) -> RowSelection {
        precondition(rowCount == other.rowCount, "selections over different tables")
        var copy = self
        copy.formIntersection(other)
        return copy
    }

    /// Rows in either selection (which must have the same `rowCount`).
    public func union(_ other: RowSelection) -> RowSelection {
        precondition(rowCount == other.rowCount, "selections over different tables")
        var copy = self
        copy.formUnion(other)
        return copy
    }

    /// Rows not selected.
    public func complement() -> RowSelection {
        var copy = self
        copy.formComplement()
        return copy
    }

    mutating func formIntersection(_ other: RowSelection) {
        words.withUnsafeMutableBufferPointer { a in
            other.words.withUnsafeBufferPointer { b in
                for i in 0..<a.count { a[i] &= b[i] }
            }
        }
    }

    mutating func formUnion(_ other: RowSelection) {
        words.withUnsafeMutableBufferPointer { a in
            other.words.withUnsafeBufferPointer { b in
                for i in 0..<a.count { a[i] |= b[i] }
            }
        }
    }

    mutating func formComplement() {
        words.withUnsafeMutableBufferPointer { a in
            for i in 0..<a.count { a[i] = ~a[i] }
        }
        clearTail()
    }

    /// Zeroes the bits past `rowCount` in the last word.
    private mutating func clearTail() {
        let extra = rowCount & 63
        if extra != 0, !words.isEmpty { words[words.count - 1] &= (1 << UInt64(extra)) - 1 }
    }
}
