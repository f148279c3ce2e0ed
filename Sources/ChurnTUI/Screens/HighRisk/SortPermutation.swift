import ChurnKit

/// Ascending orders of the customers by one column, as index permutations. Computed once per column
/// (the risk order is computed when the scores load); the descending order is the same array read
/// backwards, so reversing a sort costs nothing.
public enum SortPermutation {
    /// Customer indices in ascending order of `column`; ties keep index order (stable).
    public static func ascending(_ column: SortColumn, of customers: ScoredCustomers) -> [Int32] {
        let n = customers.count
        var order = (0..<n).map { Int32($0) }
        switch column {
        case .risk:
            return StableOrder.ascending(customers.probabilities)
        case .value:
            // Unknown values (NaN) sort below every number, so "largest first" lists them last.
            guard let v = customers.values, v.count == n else { return order }
            return StableOrder.ascending(v)
        case .tier:
            // High first; within a tier, highest risk first.
            let t = customers.tiers, p = customers.probabilities
            order.sort { a, b in
                let ta = t[Int(a)], tb = t[Int(b)]
                if ta != tb { return ta < tb }
                return p[Int(a)] != p[Int(b)] ? p[Int(a)] > p[Int(b)] : a < b
            }
        case .id:
            let ids = customers.ids
            // The store returns customers in id (byte) order: check before sorting.
            if isSorted(ids) { return order }
            order.sort { a, b in
                let x = ids[Int(a)], y = ids[Int(b)]
                return x == y ? a < b : x.utf8.lexicographicallyPrecedes(y.utf8)
            }
        case .reason:
            // Customers without a reason last; the same reason sorted by risk, highest first.
            let codes = customers.reasonCodes, levels = customers.reasonLevels, p = customers.probabilities
            let rank = levelRanks(levels)
            let key = codes.map { $0 < 0 ? Int32.max : rank[Int($0)] }
            order.sort { a, b in
                let ka = key[Int(a)], kb = key[Int(b)]
                if ka != kb { return ka < kb }
                return p[Int(a)] != p[Int(b)] ? p[Int(a)] > p[Int(b)] : a < b
            }
        }
        return order
    }

    /// Whether ids are already in byte order.
    static func isSorted(_ ids: [String]) -> Bool {
        guard ids.count > 1 else { return true }
        for i in 1..<ids.count where ids[i].utf8.lexicographicallyPrecedes(ids[i - 1].utf8) { return false }
        return true
    }

    /// The rank of each level in alphabetical (byte) order.
    static func levelRanks(_ levels: [String]) -> [Int32] {
        let sorted = levels.indices.sorted { levels[$0].utf8.lexicographicallyPrecedes(levels[$1].utf8) }
        var rank = [Int32](repeating: 0, count: levels.count)
        for (r, i) in sorted.enumerated() { rank[i] = Int32(r) }
        return rank
    }
}
