import Dispatch

/// Whether TreeSHAP precomputes per-leaf pattern tables (`LeafPatternTables`) before explaining rows.
public enum TreeSHAPPrecomputation: Sendable {
    /// Tables for batches of at least `LeafPatternTables.automaticRows` rows; none for a few rows.
    case automatic
    /// Always build the tables (tests, benchmarks).
    case always
    /// Never: every leaf is computed per row.
    case never
}

/// Per-leaf tables of TreeSHAP shares for every pattern of the leaf's path (the idea of Fast TreeSHAP v2,
/// Yang 2021, in this project's Gauss–Legendre form).
///
/// A row's share of leaf ℓ depends on the row only through o_k ∈ {0, 1} for the leaf's d distinct
/// features (does the row follow the leaf's side at every node on feature k). So there are 2^d patterns,
/// and for each the d shares can be computed once per model: `values[offset[ℓ] + pattern · d + k]`,
/// with bit k of `pattern` = o_k. Explaining a row then costs, per leaf, one pass over its path to
/// form the pattern and d additions. The shares are computed by the same arithmetic as the per-row
/// kernel (`TreePathEnsemble.leafShares`), so results are identical either way.
///
/// Tables are built for leaves with d ≤ `maxFeatures` while the total stays within `budget` values
/// (8 bytes each); other leaves are computed per row.
struct LeafPatternTables: Sendable {
    /// Per leaf, where its table starts in `values`, or -1 when it has none.
    let offset: [Int]
    let values: [Double]

    /// Largest number of distinct path features a leaf may have to get a table (2^10 · 10 values = 80 KB).
    static let maxFeatures = 10
    /// Largest total number of table values (64 MB).
    static let budget = 8_000_000
    /// Rows from which `.automatic` builds tables (building costs about as much as explaining a few hundred rows).
    static let automaticRows = 2_000

    init(_ ensemble: TreePathEnsemble, parallel: Bool, maxFeatures: Int = LeafPatternTables.maxFeatures,
         budget: Int = LeafPatternTables.budget) {
        let leafCount = ensemble.leafUniqueStart.count - 1
        var offset = [Int](repeating: -1, count: leafCount)
        var total = 0
        for leaf in 0..<leafCount {
            let d = ensemble.leafUniqueStart[leaf + 1] - ensemble.leafUniqueStart[leaf]
            guard d > 0, d <= maxFeatures else { continue }
            let size = (1 << d) * d
            guard total + size <= budget else { continue }
            offset[leaf] = total
            total += size
        }
        var values = [Double](repeating: 0, count: total)
        let chunk = 256
        let chunks = (leafCount + chunk - 1) / chunk
        values.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer
            let work: (Int) -> Void = { c in
                var scratch = TreeSHAPScratch(for: ensemble)
                scratch.one.withUnsafeMutableBufferPointer { one in
                scratch.product.withUnsafeMutableBufferPointer { product in
                scratch.share.withUnsafeMutableBufferPointer { share in
                    for leaf in (c * chunk)..<min(leafCount, (c + 1) * chunk) where offset[leaf] >= 0 {
                        let d = ensemble.leafUniqueStart[leaf + 1] - ensemble.leafUniqueStart[leaf]
                        for pattern in 0..<(1 << d) {
                            for k in 0..<d { one[k] = UInt8((pattern >> k) & 1) }
                            ensemble.leafShares(leaf: leaf, d: d, one: one, product: product, share: share)
                            let base = offset[leaf] + pattern * d
                            for k in 0..<d { out[base + k] = share[k] }
                        }
                    }
                }}}
            }
            if parallel && chunks > 1 {
                DispatchQueue.concurrentPerform(iterations: chunks, execute: work)
            } else {
                for c in 0..<chunks { work(c) }
            }
        }
        self.offset = offset
        self.values = values
    }
}
