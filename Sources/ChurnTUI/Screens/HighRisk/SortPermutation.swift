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
        case .activity:
            // Unknown (NaN) first, so "largest first" lists them last.
            guard let a = customers.activity, a.count == n else { return order }
            return StableOrder.ascending(a)
        case .tier:
            // High first; within a tier, highest risk first (a stable bucket pass over the risk order).
            let t = customers.tiers
            return bucketed(descendingRisk(customers), buckets: StoredTier.allCases.count) { Int(t[Int($0)].rawValue) }
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
            let codes = customers.reasonCodes, levels = customers.reasonLevels
            let rank = levelRanks(levels)
            return bucketed(descendingRisk(customers), buckets: levels.count + 1) { i in
                let code = codes[Int(i)]
                return code < 0 ? levels.count : Int(rank[Int(code)])
            }
        }
        return order
    }

    /// Customers by risk, highest first; equal risks in index order.
    static func descendingRisk(_ customers: ScoredCustomers) -> [Int32] {
        StableOrder.ascending(customers.probabilities.map { -$0 })
    }

    /// `order` stably regrouped by a small integer key (a counting sort): ascending key, and within
    /// a key the order given.
    static func bucketed(_ order: [Int32], buckets: Int, key: (Int32) -> Int) -> [Int32] {
        var starts = [Int](repeating: 0, count: buckets + 1)
        for i in order { starts[key(i) + 1] += 1 }
        for b in 0..<buckets { starts[b + 1] += starts[b] }
        var out = [Int32](repeating: 0, count: order.count)
        for i in order {
            let k = key(i)
            out[starts[k]] = i
            starts[k] += 1
        }
        return out
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
