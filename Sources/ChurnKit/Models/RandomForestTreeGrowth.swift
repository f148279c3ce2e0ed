import Foundation

/// Scratch memory for `growWithSampledFeatures`: sort keys and per-bin sums of small nodes.
struct SampledSplitScratch {
    /// Most rows a node may have to be split by sorting (and not by a full histogram).
    let capacity: Int
    /// `bin << 16 | position` of each row of a small node.
    let keys: UnsafeMutablePointer<UInt32>

    init(capacity: Int) {
        self.capacity = max(capacity, 1)
        keys = .allocate(capacity: self.capacity)
    }

    func deallocate() { keys.deallocate() }
}

extension HistogramTreeGrower {
    /// Grows one classification tree depth first, drawing features afresh at every node (random forest).
    ///
    /// `gradients[r]` holds (weighted positives, weight) of binned row r, so `g` / `h` of a node are its
    /// weighted positives and weight. At each node features are drawn without replacement from
    /// `features` until `featuresPerSplit` features that are not constant in the node were examined (or
    /// none is left), as scikit-learn does; the best split among them is used. Pure nodes are not split.
    /// Nodes with fewer rows than `sparseRowLimit` find a numeric feature's split by sorting their
    /// rows' bins instead of filling a full histogram (same sums in the same order, so the same split).
    /// Rows must be ascending and unique; `random` is advanced in a fixed order (depth first, left
    /// child first), so one seed gives one tree.
    func growWithSampledFeatures(rows: [Int32], gradients: UnsafeBufferPointer<SIMD2<Double>>, features: [Int],
                                 featuresPerSplit: Int, random: inout SeededRandom,
                                 sparseRowLimit: Int = 256) -> Tree {
        precondition(rows.count <= capacity, "grower capacity exceeded")
        var tree = Tree()
        var g = 0.0, h = 0.0
        for (i, r) in rows.enumerated() {
            rowIndex[i] = r
            let gh = gradients[Int(r)]
            g += gh.x
            h += gh.y
        }
        tree.appendLeaf(value: criterion.leafValue(g, h), cover: h, count: rows.count)
        guard !rows.isEmpty, !features.isEmpty else { return tree }
        let scratch = SampledSplitScratch(capacity: min(sparseRowLimit, 65_536))
        defer { scratch.deallocate() }
        var pool = features
        let perSplit = min(max(featuresPerSplit, 1), features.count)
        let minGain = max(limits.minSplitGain, 1e-12)
        var leafCount = 1
        var stack = [GrowingLeaf(node: 0, start: 0, end: rows.count, depth: 0, g: g, h: h, histogram: -1)]
        while let leaf = stack.popLast() {
            if leafCount >= limits.maxLeaves { break }
            // Pure nodes (all weight on one class) cannot be improved.
            guard canSplit(leaf), leaf.g > 0, leaf.g < leaf.h else { continue }
            gather(start: leaf.start, end: leaf.end, gradients: gradients)
            var best = SplitCandidate()
            var examined = 0
            var k = 0
            while k < pool.count && examined < perSplit {
                let j = k + random.nextInt(below: pool.count - k)
                if j != k { pool.swapAt(k, j) }
                let f = pool[k]
                k += 1
                let found: SplitCandidate?
                if leaf.count < scratch.capacity && !nativeCategorical[f] {
                    found = sortedSplit(feature: f, leaf: leaf, scratch: scratch)
                } else {
                    found = histogramSplit(feature: f, leaf: leaf)
                }
                guard let candidate = found else { continue }
                examined += 1
                if candidate.gain > best.gain { best = candidate }
            }
            guard best.gain > minGain else { continue }
            let (left, right) = apply(best, to: leaf, tree: &tree)
            leafCount += 1
            stack.append(right)
            stack.append(left)
        }
        return tree
    }

    /// The best split of feature `f` for `leaf` from a full histogram; nil when the feature is constant
    /// in the leaf. Rows' (g, h) must have been gathered into `ordered`.
    private func histogramSplit(feature f: Int, leaf: GrowingLeaf) -> SplitCandidate? {
        let hist = histograms + histogramOffsets[f]
        buildHistogram(feature: f, hist: hist, start: leaf.start, count: leaf.count)
        var used = 0
        for b in 0...binCounts[f] where hist[b * 3 + 2] > 0 {
            used += 1
            if used > 1 { break }
        }
        if used <= 1 { return nil }
        return bestSplit(feature: f, hist: hist, g: leaf.g, h: leaf.h, count: leaf.count)
    }

    /// The best numeric split of feature `f` for a small leaf, by sorting its rows' bins; the same
    /// candidates, sums and tie-breaking as `bestSplit` on a histogram. Nil when the feature is
    /// constant in the leaf.
    private func sortedSplit(feature f: Int, leaf: GrowingLeaf, scratch: SampledSplitScratch) -> SplitCandidate? {
        let count = leaf.count
        let keys = scratch.keys
        let column = columns[f]
        let rows = rowIndex + leaf.start
        for i in 0..<count { keys[i] = UInt32(column[Int(rows[i])]) << 16 | UInt32(i) }
        var sorted = UnsafeMutableBufferPointer(start: keys, count: count)
        sorted.sort()
        if sorted[0] >> 16 == sorted[count - 1] >> 16 { return nil }
        let missingBin = UInt32(binCounts[f])
        let gh = ordered
        // Missing rows sort last (the missing bin is above every value bin).
        var valueEnd = count
        var mg = 0.0, mh = 0.0, mc = 0.0
        while valueEnd > 0 && sorted[valueEnd - 1] >> 16 == missingBin { valueEnd -= 1 }
        for i in valueEnd..<count {
            let p = gh[Int(sorted[i] & 0xFFFF)]
            mg += p.x
            mh += p.y
            mc += 1
        }
        let minCount = Double(max(limits.minSamplesLeaf, 1))
        let minH = limits.minChildHessian
        let total = Double(count)
        let g = leaf.g, h = leaf.h
        let parentScore = criterion.score(g, h)
        var best = SplitCandidate()
        var lg = 0.0, lh = 0.0, lc = 0.0
        var i = 0
        while i < valueEnd {
            let bin = sorted[i] >> 16
            var bg = 0.0, bh = 0.0, bc = 0.0
            while i < valueEnd && sorted[i] >> 16 == bin {
                let p = gh[Int(sorted[i] & 0xFFFF)]
                bg += p.x
                bh += p.y
                bc += 1
                i += 1
            }
            lg += bg
            lh += bh
            lc += bc
            if total - lc < minCount { break }
            if lc >= minCount, lh >= minH, h - lh >= minH {
                let gain = criterion.score(lg, lh) + criterion.score(g - lg, h - lh) - parentScore
                if gain > best.gain {
                    best.gain = gain
                    best.thresholdBin = Int32(bin)
                    best.defaultLeft = mc == 0 && lc >= total - lc
                    best.leftG = lg
                    best.leftH = lh
                    best.leftCount = Int(lc)
                }
            }
            if mc > 0 {
                let ag = lg + mg, ah = lh + mh, ac = lc + mc
                if ac >= minCount, total - ac >= minCount, ah >= minH, h - ah >= minH {
                    let gain = criterion.score(ag, ah) + criterion.score(g - ag, h - ah) - parentScore
                    if gain > best.gain {
                        best.gain = gain
                        best.thresholdBin = Int32(bin)
                        best.defaultLeft = true
                        best.leftG = ag
                        best.leftH = ah
                        best.leftCount = Int(ac)
                    }
                }
            }
        }
        if best.gain > -Double.infinity { best.feature = Int32(f) }
        return best
    }
}
