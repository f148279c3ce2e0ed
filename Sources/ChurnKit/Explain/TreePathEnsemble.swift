/// Trees rewritten as root-to-leaf paths for TreeSHAP: per leaf, the nodes on its path, the distinct
/// features there and, per feature, the quadrature tables its Shapley sums need. Built once per model.
///
/// For a leaf ℓ with value v whose path tests the distinct features k = 1…d, path-dependent TreeSHAP
/// (Lundberg et al. 2018) gives feature i the share
///
///     φᵢ(ℓ) = v · (oᵢ − zᵢ) · Σ_{S ⊆ U∖{i}} |S|!(d−|S|−1)!/d! · Π_{k∈S} o_k · Π_{k∉S∪{i}} z_k
///           = v · (oᵢ − zᵢ) · ∫₀¹ Π_{k≠i} (t·o_k + (1−t)·z_k) dt,
///
/// where z_k is the product of the cover ratios (cover(child)/cover(parent)) of the path's nodes on
/// feature k, and o_k is 1 when the row takes the leaf's side at every such node (0 otherwise). The
/// integrand is a polynomial of degree d − 1, so a ⌈d/2⌉-node Gauss–Legendre rule is exact. Because
/// o_k ∈ {0, 1}, the factor of feature k at node t_j is one of two constants per leaf,
/// q1 = t_j + (1−t_j)·z_k (o = 1) or q0 = (1−t_j)·z_k (o = 0), precomputed here, so explaining a row
/// costs, per leaf, one pass over its path and O(d·⌈d/2⌉) multiply-adds, with no division:
/// every feature with o = 0 gets −Σ_j P_j/(1−t_j) and a feature with o = 1 gets
/// (1−z_i)·Σ_j P_j/q1_{ij}, where P_j = w_j·v·Π_k (q1 or q0)_{kj}.
/// Summed over i this telescopes to v·(Π o − Π z), so the expected value Σ_ℓ v·Π_k z_k plus the
/// contributions equals the tree's output exactly (up to rounding), for any covers.
struct TreePathEnsemble: Sendable {
    /// Number of model features.
    let featureCount: Int
    /// Category levels per feature (0 = numeric), as the trees' `goesLeft` reads them.
    let levels: [Int]
    /// Sum over trees of their weighted expected outputs, plus the base.
    let expectedValue: Double

    // Nodes of all trees, concatenated; `treeNodeStart[t]` is tree t's first node.
    let treeNodeStart: [Int]
    let nodeFeature: [Int32]
    let nodeThreshold: [Double]
    let nodeThresholdBin: [Int32]
    let nodeDefaultLeft: [Bool]
    /// Global index of the node's 256-bit left-category set in `categoryBits`, or -1.
    let nodeCategorySet: [Int32]
    let categoryBits: [UInt64]

    // Leaves of all trees; `treeLeafStart[t]` is tree t's first leaf.
    let treeLeafStart: [Int]
    /// Path steps of each leaf: `leafStepStart[l]..<leafStepStart[l+1]`.
    let leafStepStart: [Int]
    /// Node of each step, local to its tree.
    let stepNode: [Int32]
    /// Whether the path goes left at the step (1) or right (0).
    let stepLeft: [UInt8]
    /// Index of the step's feature among the leaf's distinct features.
    let stepSlot: [Int32]
    /// Distinct features of each leaf: `leafUniqueStart[l]..<leafUniqueStart[l+1]`.
    let leafUniqueStart: [Int]
    let uniqueFeature: [Int32]
    // Quadrature tables, in blocks of four nodes (SIMD4); a leaf's ⌈d/2⌉ nodes are padded with zero
    // weights to a whole number of blocks, so most leaves (d ≤ 8) need one block.
    /// Blocks of four quadrature nodes per leaf.
    let leafQuadCount: [Int32]
    /// Offset of each leaf's per-node blocks in `quadWeightedValue`/`quadInverseOneMinusT`.
    let leafQuadStart: [Int]
    /// w_j · v for each leaf's quadrature node j (0 in padding lanes).
    let quadWeightedValue: [SIMD4<Double>]
    /// 1 / (1 − t_j) for each leaf's quadrature node j (0 in padding lanes).
    let quadInverseOneMinusT: [SIMD4<Double>]
    /// Offset of each leaf's per-feature blocks (d × blocks, feature-major) in `q1`/`q0`/`r1`.
    let leafTableStart: [Int]
    /// t_j + (1 − t_j)·z_k (1 in padding lanes).
    let q1: [SIMD4<Double>]
    /// (1 − t_j)·z_k (1 in padding lanes).
    let q0: [SIMD4<Double>]
    /// (1 − z_k) / q1 (0 in padding lanes).
    let r1: [SIMD4<Double>]

    /// Most nodes in one tree, most distinct features on one path, most quadrature blocks of one leaf.
    let maxTreeNodes: Int
    let maxUnique: Int
    let maxQuad: Int

    /// The ensemble base + Σ_t weights[t] · transform(leaf value of tree t).
    ///
    /// `transform` maps each leaf's stored value to the quantity explained (e.g. a probability to its
    /// log-odds); identity when nil.
    init(trees: [Tree], weights: [Double], base: Double, levels: [Int], featureCount: Int,
         transform: ((Double) -> Double)? = nil) {
        precondition(trees.count == weights.count, "one weight per tree")
        self.featureCount = featureCount
        self.levels = levels
        var treeNodeStart = [0], nodeFeature: [Int32] = [], nodeThreshold: [Double] = [], nodeThresholdBin: [Int32] = []
        var nodeDefaultLeft: [Bool] = [], nodeCategorySet: [Int32] = [], categoryBits: [UInt64] = []
        var treeLeafStart = [0], leafStepStart = [0], stepNode: [Int32] = [], stepLeft: [UInt8] = [], stepSlot: [Int32] = []
        var leafUniqueStart = [0], uniqueFeature: [Int32] = [], leafQuadCount: [Int32] = [], leafQuadStart: [Int] = []
        var quadWeightedValue: [SIMD4<Double>] = [], quadInverseOneMinusT: [SIMD4<Double>] = []
        var leafTableStart: [Int] = [], q1: [SIMD4<Double>] = [], q0: [SIMD4<Double>] = [], r1: [SIMD4<Double>] = []
        var maxTreeNodes = 1, maxUnique = 1, maxQuad = 1
        var expected = base
        var rules: [Int: (nodes: [Double], weights: [Double])] = [:]

        for (t, tree) in trees.enumerated() {
            let weight = weights[t]
            let setBase = Int32(categoryBits.count / 4)
            categoryBits += tree.categoryBits
            for n in 0..<tree.nodeCount {
                nodeFeature.append(tree.feature[n])
                nodeThreshold.append(tree.threshold[n])
                nodeThresholdBin.append(Int32(tree.thresholdBin[n]))
                nodeDefaultLeft.append(tree.defaultLeft[n])
                nodeCategorySet.append(tree.categorySet[n] >= 0 ? tree.categorySet[n] + setBase : -1)
            }
            treeNodeStart.append(nodeFeature.count)
            maxTreeNodes = max(maxTreeNodes, tree.nodeCount)
            guard tree.nodeCount > 0 else { treeLeafStart.append(leafStepStart.count - 1); continue }

            // Depth-first walk keeping the current path (node, went left) in `path`.
            var path: [(node: Int, left: Bool)] = []
            var stack: [(node: Int, depth: Int, left: Bool)] = [(0, 0, false)]
            while let (n, depth, wentLeft) = stack.popLast() {
                if path.count > depth { path.removeSubrange(depth...) }
                if depth > 0 { path[depth - 1].left = wentLeft }
                if !tree.isLeaf(n) {
                    path.append((n, false))
                    // Right pushed first so the left subtree is walked first (leaf order = left to right).
                    stack.append((Int(tree.right[n]), depth + 1, false))
                    stack.append((Int(tree.left[n]), depth + 1, true))
                    continue
                }
                // A leaf: distinct features, their cover-ratio products z, and the steps.
                let raw = tree.value[n]
                let value = weight * (transform?(raw) ?? raw)
                var features: [Int32] = []
                var z: [Double] = []
                for (node, left) in path {
                    let f = tree.feature[node]
                    let child = Int(left ? tree.left[node] : tree.right[node])
                    let ratio = Self.coverRatio(tree, parent: node, child: child)
                    let slot: Int
                    if let s = features.firstIndex(of: f) { slot = s; z[s] *= ratio } else {
                        slot = features.count
                        features.append(f)
                        z.append(ratio)
                    }
                    stepNode.append(Int32(node))
                    stepLeft.append(left ? 1 : 0)
                    stepSlot.append(Int32(slot))
                }
                leafStepStart.append(stepNode.count)
                uniqueFeature += features
                leafUniqueStart.append(uniqueFeature.count)
                var reach = 1.0
                for zk in z { reach *= zk }
                expected += value * reach

                let d = features.count
                let q = max(1, (d + 1) / 2)
                if rules[q] == nil { rules[q] = GaussLegendre.rule(q) }
                let rule = rules[q] ?? GaussLegendre.rule(q)
                let blocks = (q + 3) / 4
                leafQuadCount.append(Int32(blocks))
                leafQuadStart.append(quadWeightedValue.count)
                func block(_ b: Int, pad: Double, _ lane: (Int) -> Double) -> SIMD4<Double> {
                    var v = SIMD4<Double>(repeating: pad)
                    for l in 0..<4 where b * 4 + l < q { v[l] = lane(b * 4 + l) }
                    return v
                }
                for b in 0..<blocks {
                    quadWeightedValue.append(block(b, pad: 0) { rule.weights[$0] * value })
                    quadInverseOneMinusT.append(block(b, pad: 0) { 1 / (1 - rule.nodes[$0]) })
                }
                leafTableStart.append(q1.count)
                for k in 0..<d {
                    for b in 0..<blocks {
                        q1.append(block(b, pad: 1) { rule.nodes[$0] + (1 - rule.nodes[$0]) * z[k] })
                        q0.append(block(b, pad: 1) { (1 - rule.nodes[$0]) * z[k] })
                        r1.append(block(b, pad: 0) { (1 - z[k]) / (rule.nodes[$0] + (1 - rule.nodes[$0]) * z[k]) })
                    }
                }
                maxUnique = max(maxUnique, d)
                maxQuad = max(maxQuad, blocks)
            }
            treeLeafStart.append(leafStepStart.count - 1)
        }
        self.expectedValue = expected
        self.treeNodeStart = treeNodeStart
        self.nodeFeature = nodeFeature
        self.nodeThreshold = nodeThreshold
        self.nodeThresholdBin = nodeThresholdBin
        self.nodeDefaultLeft = nodeDefaultLeft
        self.nodeCategorySet = nodeCategorySet
        self.categoryBits = categoryBits
        self.treeLeafStart = treeLeafStart
        self.leafStepStart = leafStepStart
        self.stepNode = stepNode
        self.stepLeft = stepLeft
        self.stepSlot = stepSlot
        self.leafUniqueStart = leafUniqueStart
        self.uniqueFeature = uniqueFeature
        self.leafQuadCount = leafQuadCount
        self.leafQuadStart = leafQuadStart
        self.quadWeightedValue = quadWeightedValue
        self.quadInverseOneMinusT = quadInverseOneMinusT
        self.leafTableStart = leafTableStart
        self.q1 = q1
        self.q0 = q0
        self.r1 = r1
        self.maxTreeNodes = maxTreeNodes
        self.maxUnique = maxUnique
        self.maxQuad = maxQuad
    }

    /// Number of trees.
    var treeCount: Int { treeNodeStart.count - 1 }

    /// cover(child) / cover(parent); by row counts when the parent has no cover, else one half.
    static func coverRatio(_ tree: Tree, parent: Int, child: Int) -> Double {
        let total = tree.cover[parent]
        if total > 0 { return tree.cover[child] / total }
        let count = Double(tree.count[parent])
        return count > 0 ? Double(tree.count[child]) / count : 0.5
    }
}
