import Foundation

/// One binary decision tree stored as parallel arrays (node 0 is the root), shared by every tree family.
///
/// An internal node sends a row left when its feature's value is `<= threshold` (numeric split) or its
/// category is in the node's left set (categorical split); a missing value (or a category never seen
/// in training) goes left when `defaultLeft` is true. Leaves have `feature == -1`. Every node keeps its
/// `cover` (sum of hessians, i.e. of sample weights for classification trees) and `count` (training
/// rows reaching it), which TreeSHAP needs, and the `value` a leaf there would output.
public struct Tree: Codable, Sendable, Equatable {
    /// Split feature per node; -1 for a leaf.
    public var feature: [Int32] = []
    /// Numeric split: rows whose bin is `<= thresholdBin` go left.
    public var thresholdBin: [UInt8] = []
    /// Numeric split: rows whose value is `<= threshold` go left (same split as `thresholdBin`).
    public var threshold: [Double] = []
    /// Where missing values go.
    public var defaultLeft: [Bool] = []
    /// Left child per node (-1 for a leaf).
    public var left: [Int32] = []
    /// Right child per node (-1 for a leaf).
    public var right: [Int32] = []
    /// Output of the node as a leaf (margin contribution for boosting, probability for CART).
    public var value: [Double] = []
    /// Sum of hessians (boosting) or sample weights (CART) of the training rows reaching the node.
    public var cover: [Double] = []
    /// Number of training rows reaching the node.
    public var count: [Int32] = []
    /// Loss reduction of the node's split (0 for a leaf).
    public var gain: [Double] = []
    /// For categorical splits, the index of the node's 256-bit left-category set in `categoryBits`;
    /// -1 for numeric splits and leaves.
    public var categorySet: [Int32] = []
    /// Left-category sets, four 64-bit words per set (bit c set: category code c goes left).
    public var categoryBits: [UInt64] = []

    public init() {}

    /// Number of nodes.
    public var nodeCount: Int { feature.count }

    /// Whether node `n` is a leaf.
    public func isLeaf(_ n: Int) -> Bool { feature[n] < 0 }

    /// Number of leaves.
    public var leafCount: Int { feature.reduce(0) { $0 + ($1 < 0 ? 1 : 0) } }

    /// The depth of the deepest leaf (a single leaf has depth 0).
    public var depth: Int {
        func depth(_ n: Int) -> Int {
            isLeaf(n) ? 0 : 1 + max(depth(Int(left[n])), depth(Int(right[n])))
        }
        return nodeCount == 0 ? 0 : depth(0)
    }

    /// Appends a leaf node and returns its index.
    @discardableResult
    mutating func appendLeaf(value: Double, cover: Double, count: Int) -> Int {
        feature.append(-1)
        thresholdBin.append(0)
        threshold.append(0)
        defaultLeft.append(true)
        left.append(-1)
        right.append(-1)
        self.value.append(value)
        self.cover.append(cover)
        self.count.append(Int32(clamping: count))
        gain.append(0)
        categorySet.append(-1)
        return feature.count - 1
    }

    /// Whether category `code` (0...255) is in the left set of node `n`.
    @inline(__always)
    public func categoryGoesLeft(node n: Int, code: Int) -> Bool {
        let set = Int(categorySet[n])
        return categoryBits[set * 4 + (code >> 6)] & (1 << UInt64(code & 63)) != 0
    }

    /// The categories in the left set of node `n` (empty for numeric splits).
    public func leftCategories(node n: Int) -> [Int] {
        guard categorySet[n] >= 0 else { return [] }
        return (0..<256).filter { categoryGoesLeft(node: n, code: $0) }
    }

    /// Whether a row whose feature value at node `n` is `value` goes left; `levels` is the number of
    /// category levels of that feature (0 for numeric features).
    @inline(__always)
    public func goesLeft(node n: Int, value: Double, levels: Int) -> Bool {
        if levels > 0 {
            let bin = Int(FeatureBinner.categoryBin(value, levels: levels))
            return goesLeft(node: n, bin: bin, missingBin: levels)
        }
        if value.isNaN { return defaultLeft[n] }
        return value <= threshold[n]
    }

    /// Whether a row whose bin at node `n` is `bin` goes left (`missingBin` is the feature's missing bin).
    @inline(__always)
    public func goesLeft(node n: Int, bin: Int, missingBin: Int) -> Bool {
        if bin == missingBin { return defaultLeft[n] }
        if categorySet[n] >= 0 { return categoryGoesLeft(node: n, code: bin) }
        return bin <= Int(thresholdBin[n])
    }

    /// The leaf reached by row `row` of raw feature columns (`levels[f]` category levels per feature).
    public func leaf(row: Int, columns: [[Double]], levels: [Int]) -> Int {
        var n = 0
        while feature[n] >= 0 {
            let f = Int(feature[n])
            n = Int(goesLeft(node: n, value: columns[f][row], levels: levels[f]) ? left[n] : right[n])
        }
        return n
    }

    /// The leaf reached by row `row` of binned columns.
    public func leaf(row: Int, bins: [[UInt8]], missingBins: [Int]) -> Int {
        var n = 0
        while feature[n] >= 0 {
            let f = Int(feature[n])
            n = Int(goesLeft(node: n, bin: Int(bins[f][row]), missingBin: missingBins[f]) ? left[n] : right[n])
        }
        return n
    }

    /// Multiplies every node value by `factor` (boosting's learning rate).
    mutating func scaleValues(by factor: Double) {
        for n in value.indices { value[n] *= factor }
    }
}

extension Tree {
    /// `base` plus the sum over `trees` of the leaf value each row of `x` reaches, in parallel over
    /// blocks of rows for large matrices. `levels[f]` are the category levels of each feature.
    public static func sumValues(trees: [Tree], base: Double, x: TrainingMatrix, levels: [Int],
                                 parallel: Bool = true) -> [Double] {
        let rows = x.rows
        var out = [Double](repeating: base, count: rows)
        let block = 2048
        let blocks = (rows + block - 1) / block
        let columns = x.columns
        out.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let result = buffer
            let work: (Int) -> Void = { b in
                let end = min(rows, (b + 1) * block)
                for tree in trees {
                    for i in (b * block)..<end {
                        result[i] += tree.value[tree.leaf(row: i, columns: columns, levels: levels)]
                    }
                }
            }
            if parallel && blocks > 1 && rows * trees.count >= 200_000 {
                DispatchQueue.concurrentPerform(iterations: blocks, execute: work)
            } else {
                for b in 0..<blocks { work(b) }
            }
        }
        return out
    }
}
