import Dispatch

/// Per-thread working memory of the TreeSHAP kernel, allocated once per block of rows.
struct TreeSHAPScratch {
    /// Direction (1 = left) the row takes at each node of the current tree.
    var hot: [UInt8]
    /// o_k of each distinct feature of the current leaf.
    var one: [UInt8]
    /// P_j per quadrature node of the current leaf, in blocks of four.
    var product: [SIMD4<Double>]
    /// The current leaf's share per distinct feature.
    var share: [Double]

    init(for ensemble: TreePathEnsemble) {
        hot = [UInt8](repeating: 0, count: ensemble.maxTreeNodes)
        one = [UInt8](repeating: 0, count: ensemble.maxUnique)
        product = [SIMD4<Double>](repeating: .zero, count: ensemble.maxQuad)
        share = [Double](repeating: 0, count: ensemble.maxUnique)
    }
}

extension TreePathEnsemble {
    /// Whether a row with value `value` of the node's feature goes left at global node `g`; the same
    /// rule as `Tree.goesLeft(node:value:levels:)`.
    @inline(__always)
    func goesLeft(node g: Int, value: Double) -> Bool {
        let f = Int(nodeFeature[g])
        let levelCount = levels[f]
        if levelCount > 0 {
            let bin = Int(FeatureBinner.categoryBin(value, levels: levelCount))
            if bin == levelCount { return nodeDefaultLeft[g] }
            let set = Int(nodeCategorySet[g])
            if set >= 0 { return categoryBits[set * 4 + (bin >> 6)] & (1 << UInt64(bin & 63)) != 0 }
            return bin <= Int(nodeThresholdBin[g])
        }
        if value.isNaN { return nodeDefaultLeft[g] }
        return value <= nodeThreshold[g]
    }

    /// Writes the shares of leaf `leaf`'s `d` distinct features into `share[0..<d]` for the pattern `one`
    /// (o_k per distinct feature), by the Gauss–Legendre form documented on `TreePathEnsemble`.
    @inline(__always)
    func leafShares(leaf: Int, d: Int, one: UnsafeMutableBufferPointer<UInt8>, product: UnsafeMutableBufferPointer<SIMD4<Double>>,
                    share: UnsafeMutableBufferPointer<Double>) {
        let blocks = Int(leafQuadCount[leaf])
        let quadBase = leafQuadStart[leaf]
        let tableBase = leafTableStart[leaf]
        if blocks == 1 {
            // The common case (d ≤ 8): one block of four nodes held in registers.
            var p = quadWeightedValue[quadBase]
            var off = 0
            for k in 0..<d {
                if one[k] != 0 { p *= q1[tableBase + k] } else { p *= q0[tableBase + k]; off += 1 }
            }
            let offShare = off > 0 ? -(p * quadInverseOneMinusT[quadBase]).sum() : 0
            for k in 0..<d { share[k] = one[k] != 0 ? (p * r1[tableBase + k]).sum() : offShare }
            return
        }
        for b in 0..<blocks { product[b] = quadWeightedValue[quadBase + b] }
        var off = 0
        for k in 0..<d {
            let base = tableBase + k * blocks
            if one[k] != 0 {
                for b in 0..<blocks { product[b] *= q1[base + b] }
            } else {
                off += 1
                for b in 0..<blocks { product[b] *= q0[base + b] }
            }
        }
        var offShare = 0.0
        if off > 0 {
            for b in 0..<blocks { offShare -= (product[b] * quadInverseOneMinusT[quadBase + b]).sum() }
        }
        for k in 0..<d {
            if one[k] != 0 {
                let base = tableBase + k * blocks
                var s = 0.0
                for b in 0..<blocks { s += (product[b] * r1[base + b]).sum() }
                share[k] = s
            } else {
                share[k] = offShare
            }
        }
    }

    /// Adds the contributions of one row (`x`: one value per feature) to `phi` (one slot per feature).
    /// No allocation: all working memory is in `scratch`.
    @inline(__always)
    func accumulate(x: UnsafePointer<Double>, phi: UnsafeMutablePointer<Double>, scratch: inout TreeSHAPScratch) {
        scratch.hot.withUnsafeMutableBufferPointer { hot in
        scratch.one.withUnsafeMutableBufferPointer { one in
        scratch.product.withUnsafeMutableBufferPointer { product in
        scratch.share.withUnsafeMutableBufferPointer { share in
            for t in 0..<treeCount {
                markPath(tree: t, x: x, hot: hot)
                for leaf in treeLeafStart[t]..<treeLeafStart[t + 1] {
                    let uniqueBase = leafUniqueStart[leaf]
                    let d = leafUniqueStart[leaf + 1] - uniqueBase
                    if d == 0 { continue }
                    for k in 0..<d { one[k] = 1 }
                    for s in leafStepStart[leaf]..<leafStepStart[leaf + 1] where hot[Int(stepNode[s])] != stepLeft[s] {
                        one[Int(stepSlot[s])] = 0
                    }
                    leafShares(leaf: leaf, d: d, one: one, product: product, share: share)
                    for k in 0..<d { phi[Int(uniqueFeature[uniqueBase + k])] += share[k] }
                }
            }
        }}}}
    }

    /// Sets `hot[n]` to the direction the row `x` takes at every inner node n of tree `t`.
    @inline(__always)
    func markPath(tree t: Int, x: UnsafePointer<Double>, hot: UnsafeMutableBufferPointer<UInt8>) {
        let nodeBase = treeNodeStart[t], nodeEnd = treeNodeStart[t + 1]
        var g = nodeBase
        while g < nodeEnd {
            let f = nodeFeature[g]
            if f >= 0 { hot[g - nodeBase] = goesLeft(node: g, value: x[Int(f)]) ? 1 : 0 }
            g += 1
        }
    }

    /// Adds the contributions of `count` consecutive rows (row-major `x`, `featureCount` values each) to
    /// the matching rows of `phi`, tree by tree so that a tree's nodes and pattern tables stay in cache
    /// while the block's rows pass through it. Leaves with a table cost one pass over their path and `d`
    /// additions; the others are computed as in `accumulate`.
    func accumulateBlock(x: UnsafePointer<Double>, count: Int, phi: UnsafeMutablePointer<Double>,
                         tables: LeafPatternTables, scratch: inout TreeSHAPScratch) {
        let features = featureCount
        tables.offset.withUnsafeBufferPointer { offset in
        tables.values.withUnsafeBufferPointer { values in
        scratch.hot.withUnsafeMutableBufferPointer { hot in
        scratch.one.withUnsafeMutableBufferPointer { one in
        scratch.product.withUnsafeMutableBufferPointer { product in
        scratch.share.withUnsafeMutableBufferPointer { share in
            for t in 0..<treeCount {
                let leaves = treeLeafStart[t]..<treeLeafStart[t + 1]
                for r in 0..<count {
                    let xr = x + r * features, out = phi + r * features
                    markPath(tree: t, x: xr, hot: hot)
                    for leaf in leaves {
                        let uniqueBase = leafUniqueStart[leaf]
                        let d = leafUniqueStart[leaf + 1] - uniqueBase
                        if d == 0 { continue }
                        let start = offset[leaf]
                        if start >= 0 {
                            var pattern = (1 << d) - 1
                            for s in leafStepStart[leaf]..<leafStepStart[leaf + 1] where hot[Int(stepNode[s])] != stepLeft[s] {
                                pattern &= ~(1 << Int(stepSlot[s]))
                            }
                            let base = start + pattern * d
                            for k in 0..<d { out[Int(uniqueFeature[uniqueBase + k])] += values[base + k] }
                            continue
                        }
                        for k in 0..<d { one[k] = 1 }
                        for s in leafStepStart[leaf]..<leafStepStart[leaf + 1] where hot[Int(stepNode[s])] != stepLeft[s] {
                            one[Int(stepSlot[s])] = 0
                        }
                        leafShares(leaf: leaf, d: d, one: one, product: product, share: share)
                        for k in 0..<d { out[Int(uniqueFeature[uniqueBase + k])] += share[k] }
                    }
                }
            }
        }}}}}}
    }

    /// Contributions of every row of column-major `columns` (or of `rows` only), row-major in the result:
    /// `rows × featureCount` values. Splits the rows into blocks over the CPU cores when `parallel`.
    /// With `precomputation` `.always` (or `.automatic` and at least `LeafPatternTables.automaticRows`
    /// rows), leaves with few distinct features use pattern tables (`LeafPatternTables`).
    /// Returns nil when `control` is cancelled.
    func contributions(columns: [[Double]], rows selected: [Int]?, parallel: Bool,
                       control: TrainingControl, precomputation: TreeSHAPPrecomputation = .automatic) -> [Double]? {
        let rowCount = selected?.count ?? (columns.first?.count ?? 0)
        let features = featureCount
        guard rowCount > 0 else { return [] }
        let useTables: Bool
        switch precomputation {
        case .always: useTables = true
        case .never: useTables = false
        case .automatic: useTables = rowCount >= LeafPatternTables.automaticRows
        }
        let tables = useTables ? LeafPatternTables(self, parallel: parallel) : nil
        var out = [Double](repeating: 0, count: rowCount * features)
        let block = useTables ? 64 : 256
        let blocks = (rowCount + block - 1) / block
        out.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let result = buffer
            let work: (Int) -> Void = { b in
                if control.isCancelled { return }
                let lo = b * block, hi = min(rowCount, lo + block)
                var scratch = TreeSHAPScratch(for: self)
                // The block's rows gathered row-major so a row's features are contiguous.
                var x = [Double](repeating: 0, count: (hi - lo) * features)
                for f in 0..<features {
                    let column = columns[f]
                    if let selected {
                        for r in lo..<hi { x[(r - lo) * features + f] = column[selected[r]] }
                    } else {
                        for r in lo..<hi { x[(r - lo) * features + f] = column[r] }
                    }
                }
                x.withUnsafeBufferPointer { xs in
                    guard let xBase = xs.baseAddress, let outBase = result.baseAddress else { return }
                    if let tables {
                        self.accumulateBlock(x: xBase, count: hi - lo, phi: outBase + lo * features, tables: tables, scratch: &scratch)
                        return
                    }
                    for r in lo..<hi {
                        self.accumulate(x: xBase + (r - lo) * features, phi: outBase + r * features, scratch: &scratch)
                    }
                }
            }
            if parallel && blocks > 1 {
                DispatchQueue.concurrentPerform(iterations: blocks, execute: work)
            } else {
                for b in 0..<blocks { work(b) }
            }
        }
        return control.isCancelled ? nil : out
    }
}
