/// Runs a checked `FilterPlan` over whole columns, one condition at a time, into row bitsets.
///
/// Each leaf condition is one tight loop over a column buffer that sets 64 rows' bits per word;
/// `and`, `or` and `not` combine whole bitsets. Nothing is looked up per row by name.
enum FilterEvaluator {
    /// The rows of `table` the plan selects.
    static func evaluate(_ plan: FilterPlan, table: CustomerTable) -> RowSelection {
        let n = table.rowCount
        switch plan {
        case .and(let a, let b):
            var left = evaluate(a, table: table)
            if left.isEmpty { return left }
            left.formIntersection(evaluate(b, table: table))
            return left
        case .or(let a, let b):
            var left = evaluate(a, table: table)
            left.formUnion(evaluate(b, table: table))
            return left
        case .not(let a):
            var inner = evaluate(a, table: table)
            inner.formComplement()
            return inner
        case .numberConstant(let f, let op, let x):
            return numbers(table, f) { compare($0, n, op, x) }
        case .numberFields(let f, let op, let g):
            return numbers(table, f) { a in numbers(table, g) { b in compare(a, b, n, op) } }
        case .numberMembership(let f, let values, let negated):
            return numbers(table, f) { membership($0, n, Set(values), negated: negated) }
        case .textLevels(let f, let levels):
            return codes(table, f) { lookup($0, n, levels) }
        case .textFields(let f, let g, let equal):
            return textFields(table, f, g, n, equal: equal)
        case .missing(let f, let negated):
            switch table.fields[f].values {
            case .number(let values):
                return values.withUnsafeBufferPointer { p in
                    negated ? select(n) { p[$0] == p[$0] } : select(n) { p[$0] != p[$0] }
                }
            case .text(let codes, _):
                return codes.withUnsafeBufferPointer { p in
                    negated ? select(n) { p[$0] >= 0 } : select(n) { p[$0] < 0 }
                }
            }
        case .truth(let f):
            // |y| > 0 is false for 0 and for NaN.
            return numbers(table, f) { p in select(n) { abs(p[$0]) > 0 } }
        }
    }

    // MARK: Kernels

    /// `a && b` without a branch (random data would mispredict a short-circuit on every other row).
    @inline(__always)
    static func both(_ a: Bool, _ b: Bool) -> Bool {
        (a ? 1 as UInt8 : 0) & (b ? 1 : 0) != 0
    }

    /// Bits for rows 0..<n from a per-row test, 64 rows per word.
    @inline(__always)
    static func select(_ n: Int, _ test: (Int) -> Bool) -> RowSelection {
        var words = [UInt64](repeating: 0, count: (n + 63) / 64)
        words.withUnsafeMutableBufferPointer { w in
            var row = 0
            for wi in 0..<w.count {
                let end = min(row + 64, n)
                var bits: UInt64 = 0
                var shift: UInt64 = 0
                while row < end {
                    bits |= (test(row) ? 1 : 0) << shift
                    shift &+= 1
                    row &+= 1
                }
                w[wi] = bits
            }
        }
        return RowSelection(rowCount: n, words: words)
    }

    /// Calls `body` with the buffer of a number field (an empty selection for a text field, which a
    /// checked plan never passes).
    @inline(__always)
    private static func numbers(_ table: CustomerTable, _ f: Int,
                                _ body: (UnsafeBufferPointer<Double>) -> RowSelection) -> RowSelection {
        guard case .number(let values) = table.fields[f].values else { return RowSelection(rowCount: table.rowCount) }
        return values.withUnsafeBufferPointer(body)
    }

    /// Calls `body` with the codes of a text field (an empty selection for a number field).
    @inline(__always)
    private static func codes(_ table: CustomerTable, _ f: Int,
                              _ body: (UnsafeBufferPointer<Int32>) -> RowSelection) -> RowSelection {
        guard case .text(let codes, _) = table.fields[f].values else { return RowSelection(rowCount: table.rowCount) }
        return codes.withUnsafeBufferPointer(body)
    }

    /// A column against a constant; NaN never matches (not even `!=`).
    private static func compare(_ p: UnsafeBufferPointer<Double>, _ n: Int, _ op: FilterComparison, _ x: Double) -> RowSelection {
        switch op {
        case .equal: return select(n) { p[$0] == x }
        case .notEqual: return select(n) { let y = p[$0]; return both(y == y, y != x) }
        case .less: return select(n) { p[$0] < x }
        case .lessOrEqual: return select(n) { p[$0] <= x }
        case .greater: return select(n) { p[$0] > x }
        case .greaterOrEqual: return select(n) { p[$0] >= x }
        }
    }

    /// Two columns row by row; a row with either value missing never matches.
    private static func compare(_ a: UnsafeBufferPointer<Double>, _ b: UnsafeBufferPointer<Double>, _ n: Int,
                                _ op: FilterComparison) -> RowSelection {
        switch op {
        case .equal: return select(n) { a[$0] == b[$0] }
        case .notEqual: return select(n) { let x = a[$0], y = b[$0]; return both(both(x == x, y == y), x != y) }
        case .less: return select(n) { a[$0] < b[$0] }
        case .lessOrEqual: return select(n) { a[$0] <= b[$0] }
        case .greater: return select(n) { a[$0] > b[$0] }
        case .greaterOrEqual: return select(n) { a[$0] >= b[$0] }
        }
    }

    /// Present values in (or, when `negated`, not in) the set.
    private static func membership(_ p: UnsafeBufferPointer<Double>, _ n: Int, _ values: Set<Double>,
                                   negated: Bool) -> RowSelection {
        if values.count <= 16 {
            // One branch-free equality pass per listed value, combined as bitsets.
            var hits = RowSelection(rowCount: n)
            for v in values { hits.formUnion(select(n) { p[$0] == v }) }
            guard negated else { return hits }
            var present = select(n) { p[$0] == p[$0] }
            hits.formComplement()
            present.formIntersection(hits)
            return present
        }
        return negated
            ? select(n) { let y = p[$0]; return y == y && !values.contains(y) }
            : select(n) { values.contains(p[$0]) }
    }

    /// Codes whose level is flagged; missing (-1) and unknown codes never match.
    private static func lookup(_ p: UnsafeBufferPointer<Int32>, _ n: Int, _ levels: [Bool]) -> RowSelection {
        // Slot 0 is the missing code -1 and the last slot catches codes past the levels; both read 0.
        // Indexing with code + 1 clamped to the last slot keeps the loop free of branches.
        let table: [UInt8] = [0] + levels.map { $0 ? 1 : 0 } + [0]
        return table.withUnsafeBufferPointer { t in
            let last = UInt32(t.count - 1)
            return select(n) { t[Int(min(UInt32(bitPattern: p[$0] &+ 1), last))] != 0 }
        }
    }

    /// Two text fields compared by their text, both present.
    private static func textFields(_ table: CustomerTable, _ f: Int, _ g: Int, _ n: Int, equal: Bool) -> RowSelection {
        guard case .text(let a, let levelsA) = table.fields[f].values,
              case .text(let b, let levelsB) = table.fields[g].values else { return RowSelection(rowCount: n) }
        var position: [String: Int32] = [:]
        for (k, level) in levelsA.enumerated() where position[level] == nil { position[level] = Int32(k) }
        // Level k of b as a code of a (-2 when a has no such level); slot 0 is b's missing code.
        let bInA: [Int32] = [-3] + levelsB.map { position[$0] ?? -2 }
        let countA = Int32(levelsA.count)
        return a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                bInA.withUnsafeBufferPointer { map in
                    select(n) { row in
                        let ca = pa[row], cb = pb[row]
                        guard ca >= 0, ca < countA, cb >= 0, Int(cb) + 1 < map.count else { return false }
                        return (map[Int(cb) + 1] == ca) == equal
                    }
                }
            }
        }
    }
}
