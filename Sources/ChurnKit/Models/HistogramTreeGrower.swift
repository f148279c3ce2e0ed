import Foundation

extension DispatchQueue {
    /// `concurrentPerform` for more than one iteration, a plain call for one.
    static func concurrentPerformIfNeeded(_ iterations: Int, execute work: (Int) -> Void) {
        if iterations > 1 {
            withoutActuallyEscaping(work) { escaping in
                nonisolated(unsafe) let run = escaping
                concurrentPerform(iterations: iterations) { run($0) }
            }
        } else if iterations == 1 {
            work(0)
        }
    }
}

/// Limits that stop a histogram tree from growing.
struct TreeGrowthLimits: Sendable {
    /// Most leaves per tree.
    var maxLeaves: Int
    /// Deepest leaf allowed (0 = unlimited).
    var maxDepth: Int
    /// Fewest training rows in a leaf.
    var minSamplesLeaf: Int
    /// Smallest hessian (weight) sum in a leaf.
    var minChildHessian: Double
    /// Smallest gain worth a split.
    var minSplitGain: Double
    /// Categorical features with at most this many levels get native category-set splits.
    var maxCategoricalLevels: Int
    /// Added to the hessian sum when ordering categories by gradient / hessian.
    var categoricalSmoothing: Double
    /// Whether to use both cores on large nodes.
    var parallel: Bool
    /// Split the most recent splittable leaf first instead of the best one. With unlimited leaves both
    /// orders give the same tree; depth first keeps only about `depth` histograms alive.
    var depthFirst = false
}

/// The best split found for one leaf and one feature.
struct SplitCandidate {
    var gain = -Double.infinity
    var feature: Int32 = -1
    var thresholdBin: Int32 = 0
    var defaultLeft = true
    var isCategorical = false
    var bits: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    var leftG = 0.0
    var leftH = 0.0
    var leftCount = 0

    @inline(__always)
    mutating func setBit(_ code: Int) {
        let mask: UInt64 = 1 << UInt64(code & 63)
        switch code >> 6 {
        case 0: bits.0 |= mask
        case 1: bits.1 |= mask
        case 2: bits.2 |= mask
        default: bits.3 |= mask
        }
    }

    @inline(__always)
    func hasBit(_ code: Int) -> Bool {
        let word: UInt64
        switch code >> 6 {
        case 0: word = bits.0
        case 1: word = bits.1
        case 2: word = bits.2
        default: word = bits.3
        }
        return word & (1 << UInt64(code & 63)) != 0
    }
}

/// A leaf of the tree being grown: its rows (a range of the row index buffer), sums and best split.
struct GrowingLeaf {
    var node: Int
    var start: Int
    var end: Int
    var depth: Int
    var g: Double
    var h: Double
    var histogram: Int
    var best = SplitCandidate()

    var count: Int { end - start }
}

/// Grows one tree leaf-wise (best gain first) on binned data from per-row gradients and hessians.
///
/// Histograms are flat `Double` arrays (gradient, hessian, count per bin, features back to back). After
/// a split only the smaller child's histogram is built; the larger child's is the parent's minus it.
/// Row indices are partitioned in place (stable, so each leaf's rows stay in ascending order). Buffers
/// are allocated once per grower and reused for every tree. On large nodes histogram building and
/// split finding run in parallel over features. Not thread-safe: one grower per training run.
final class HistogramTreeGrower<Criterion: HistogramSplitCriterion>: @unchecked Sendable {
    let binned: BinnedMatrix
    let limits: TreeGrowthLimits
    let criterion: Criterion
    let featureCount: Int
    let binCounts: [Int]
    let nativeCategorical: [Bool]
    let histogramOffsets: [Int]
    let histogramSize: Int

    let columns: [UnsafePointer<UInt8>]
    private var slotCount: Int
    private(set) var histograms: UnsafeMutablePointer<Double>
    private var freeSlots: [Int]
    private let placeholder: UnsafeMutablePointer<UInt8>
    let capacity: Int
    /// Row indices of the tree being grown; each leaf owns a range.
    let rowIndex: UnsafeMutablePointer<Int32>
    let scratch: UnsafeMutablePointer<Int32>
    let ordered: UnsafeMutablePointer<SIMD2<Double>>
    private let candidates: UnsafeMutablePointer<SplitCandidate>
    /// Per bin of the feature being split: 1 when the bin goes left, else 0.
    let goesLeft: UnsafeMutablePointer<UInt8>

    /// A grower for trees on `binned` with room for `rowCapacity` rows per tree.
    init(binned: BinnedMatrix, limits: TreeGrowthLimits, criterion: Criterion, rowCapacity: Int) {
        self.binned = binned
        self.limits = limits
        self.criterion = criterion
        featureCount = binned.featureCount
        binCounts = binned.binner.binCounts
        let levels = binned.binner.categoryLevels
        nativeCategorical = levels.map { $0 > 0 && $0 <= limits.maxCategoricalLevels }
        var offsets: [Int] = []
        var total = 0
        for b in binCounts {
            offsets.append(total)
            total += (b + 1) * 3
        }
        histogramOffsets = offsets
        histogramSize = max(total, 1)
        // Arrays in `binned` are immutable and kept alive by `self.binned`, so their storage is stable.
        placeholder = .allocate(capacity: 1)
        placeholder.initialize(to: 0)
        let empty = UnsafePointer(placeholder)
        columns = binned.columns.map { column in column.withUnsafeBufferPointer { $0.baseAddress ?? empty } }
        slotCount = min(max(limits.maxLeaves, 2), 64) + 1
        histograms = .allocate(capacity: slotCount * histogramSize)
        freeSlots = Array((0..<slotCount).reversed())
        capacity = max(rowCapacity, 1)
        rowIndex = .allocate(capacity: capacity)
        scratch = .allocate(capacity: capacity)
        ordered = .allocate(capacity: capacity)
        candidates = .allocate(capacity: 2 * max(featureCount, 1))
        candidates.initialize(repeating: SplitCandidate(), count: 2 * max(featureCount, 1))
        goesLeft = .allocate(capacity: 256)
        goesLeft.initialize(repeating: 0, count: 256)
    }

    deinit {
        placeholder.deallocate()
        histograms.deallocate()
        rowIndex.deallocate()
        scratch.deallocate()
        ordered.deallocate()
        candidates.deallocate()
        goesLeft.deallocate()
    }

    /// The finished tree and its leaves (each leaf's rows are `rowIndex[start..<end]`).
    struct Result {
        var tree: Tree
        var leaves: [GrowingLeaf]
    }

    /// Grows a tree on `rows` (ascending binned row indices; repeats allowed, e.g. a bootstrap) using
    /// only the features in `features`.
    ///
    /// `gradients[r]` holds (gradient, hessian) of binned row r.
    func grow(rows: [Int32], gradients: UnsafeBufferPointer<SIMD2<Double>>, features: [Int]) -> Result {
        precondition(rows.count <= capacity, "grower capacity exceeded")
        freeSlots = Array((0..<slotCount).reversed())
        var tree = Tree()
        var g = 0.0, h = 0.0
        var identity = rows.count == binned.rows
        for (i, r) in rows.enumerated() {
            rowIndex[i] = r
            identity = identity && Int(r) == i
            let gh = gradients[Int(r)]
            g += gh.x
            h += gh.y
        }
        tree.appendLeaf(value: criterion.leafValue(g, h), cover: h, count: rows.count)
        var leaves = [GrowingLeaf(node: 0, start: 0, end: rows.count, depth: 0, g: g, h: h, histogram: -1)]
        if canSplit(leaves[0]), !features.isEmpty, limits.maxLeaves > 1 {
            let slot = takeSlot()
            leaves[0].histogram = slot
            // All rows of the matrix in order: read bins and gradients directly, no gather.
            if !identity { gather(start: 0, end: rows.count, gradients: gradients) }
            let root = leaves[0]
            forEachFeature(features, rows: rows.count) { f in
                let hist = self.histograms + slot * self.histogramSize + self.histogramOffsets[f]
                if identity {
                    self.buildHistogramOfAllRows(feature: f, hist: hist, gradients: gradients)
                } else {
                    self.buildHistogram(feature: f, hist: hist, start: root.start, count: root.count)
                }
                self.candidates[f] = self.bestSplit(feature: f, hist: hist, g: root.g, h: root.h, count: root.count)
            }
            leaves[0].best = reduce(features, offset: 0)
        }
        while leaves.count < limits.maxLeaves {
            var chosen = -1
            let threshold = max(limits.minSplitGain, 1e-12)
            if limits.depthFirst {
                chosen = leaves.lastIndex { $0.best.gain > threshold } ?? -1
            } else {
                var bestGain = threshold
                for (i, leaf) in leaves.enumerated() where leaf.best.gain > bestGain {
                    bestGain = leaf.best.gain
                    chosen = i
                }
            }
            if chosen < 0 { break }
            split(leafAt: chosen, leaves: &leaves, tree: &tree, gradients: gradients, features: features)
        }
        return Result(tree: tree, leaves: leaves)
    }

    /// A free histogram slot, growing the pool when every slot is in use.
    private func takeSlot() -> Int {
        if let slot = freeSlots.popLast() { return slot }
        let grown = slotCount * 2
        let bigger = UnsafeMutablePointer<Double>.allocate(capacity: grown * histogramSize)
        bigger.update(from: histograms, count: slotCount * histogramSize)
        histograms.deallocate()
        histograms = bigger
        freeSlots = Array((slotCount + 1..<grown).reversed())
        let slot = slotCount
        slotCount = grown
        return slot
    }

    func canSplit(_ leaf: GrowingLeaf) -> Bool {
        leaf.count >= 2 * max(limits.minSamplesLeaf, 1)
            && leaf.h >= 2 * limits.minChildHessian
            && (limits.maxDepth <= 0 || leaf.depth < limits.maxDepth)
    }

    /// Turns `leaf` into an internal node split by `s`, partitions its rows and returns the two children.
    func apply(_ s: SplitCandidate, to leaf: GrowingLeaf, tree: inout Tree) -> (GrowingLeaf, GrowingLeaf) {
        let f = Int(s.feature)
        let missingBin = binCounts[f]
        for b in 0..<256 {
            let left: Bool
            if b == missingBin {
                left = s.defaultLeft
            } else if s.isCategorical {
                left = b < missingBin && s.hasBit(b)
            } else {
                left = b <= Int(s.thresholdBin)
            }
            goesLeft[b] = left ? 1 : 0
        }
        let mid = partition(start: leaf.start, end: leaf.end, column: columns[f])
        let node = leaf.node
        tree.feature[node] = s.feature
        tree.thresholdBin[node] = UInt8(clamping: s.thresholdBin)
        tree.threshold[node] = realThreshold(feature: f, bin: Int(s.thresholdBin), categorical: s.isCategorical)
        tree.defaultLeft[node] = s.defaultLeft
        tree.gain[node] = s.gain
        if s.isCategorical {
            tree.categorySet[node] = Int32(tree.categoryBits.count / 4)
            tree.categoryBits += [s.bits.0, s.bits.1, s.bits.2, s.bits.3]
        }
        let leftG = s.leftG, leftH = s.leftH
        let rightG = leaf.g - leftG, rightH = leaf.h - leftH
        let leftNode = tree.appendLeaf(value: criterion.leafValue(leftG, leftH), cover: leftH, count: mid - leaf.start)
        let rightNode = tree.appendLeaf(value: criterion.leafValue(rightG, rightH), cover: rightH, count: leaf.end - mid)
        tree.left[node] = Int32(leftNode)
        tree.right[node] = Int32(rightNode)
        let left = GrowingLeaf(node: leftNode, start: leaf.start, end: mid, depth: leaf.depth + 1,
                               g: leftG, h: leftH, histogram: -1)
        let right = GrowingLeaf(node: rightNode, start: mid, end: leaf.end, depth: leaf.depth + 1,
                                g: rightG, h: rightH, histogram: -1)
        return (left, right)
    }

    /// Splits leaf `i` by its best split, partitions its rows and finds the children's best splits.
    private func split(leafAt i: Int, leaves: inout [GrowingLeaf], tree: inout Tree,
                       gradients: UnsafeBufferPointer<SIMD2<Double>>, features: [Int]) {
        let parent = leaves[i]
        let s = parent.best
        var (left, right) = apply(s, to: parent, tree: &tree)
        let parentSlot = parent.histogram
        let full = leaves.count + 1 >= limits.maxLeaves
        let splitLeft = !full && canSplit(left)
        let splitRight = !full && canSplit(right)
        if splitLeft || splitRight, parentSlot >= 0 {
            let leftIsSmaller = left.count <= right.count
            let smallNeeds = leftIsSmaller ? splitLeft : splitRight
            let largeNeeds = leftIsSmaller ? splitRight : splitLeft
            let small = leftIsSmaller ? left : right
            let large = leftIsSmaller ? right : left
            let smallSlot = takeSlot()
            gather(start: small.start, end: small.end, gradients: gradients)
            let n = featureCount
            forEachFeature(features, rows: small.count) { f in
                let offset = self.histogramOffsets[f]
                let smallHist = self.histograms + smallSlot * self.histogramSize + offset
                let largeHist = self.histograms + parentSlot * self.histogramSize + offset
                self.buildHistogram(feature: f, hist: smallHist, start: small.start, count: small.count)
                if smallNeeds {
                    self.candidates[f] = self.bestSplit(feature: f, hist: smallHist, g: small.g, h: small.h, count: small.count)
                }
                if largeNeeds {
                    let size = (self.binCounts[f] + 1) * 3
                    for k in 0..<size { largeHist[k] -= smallHist[k] }
                    self.candidates[n + f] = self.bestSplit(feature: f, hist: largeHist, g: large.g, h: large.h, count: large.count)
                }
            }
            var smallLeaf = small, largeLeaf = large
            if smallNeeds {
                smallLeaf.histogram = smallSlot
                smallLeaf.best = reduce(features, offset: 0)
            } else {
                freeSlots.append(smallSlot)
            }
            if largeNeeds {
                largeLeaf.histogram = parentSlot
                largeLeaf.best = reduce(features, offset: n)
            } else {
                freeSlots.append(parentSlot)
            }
            if leftIsSmaller { left = smallLeaf; right = largeLeaf } else { right = smallLeaf; left = largeLeaf }
        } else if parentSlot >= 0 {
            freeSlots.append(parentSlot)
        }
        leaves[i] = left
        leaves.append(right)
    }

    /// The real-valued threshold equivalent to "bin <= thresholdBin" for feature f.
    func realThreshold(feature f: Int, bin: Int, categorical: Bool) -> Double {
        if categorical { return 0 }
        if binned.binner.categoryLevels[f] > 0 { return Double(bin) + 0.5 }
        let bounds = binned.binner.upperBounds[f]
        return bin < bounds.count ? bounds[bin] : Double.greatestFiniteMagnitude
    }

    /// Copies the (gradient, hessian) pairs of rows `rowIndex[start..<end]` into `ordered`, in two
    /// halves on both cores for large ranges.
    func gather(start: Int, end: Int, gradients: UnsafeBufferPointer<SIMD2<Double>>) {
        let count = end - start
        let parts = limits.parallel && count >= 32_768 ? 2 : 1
        nonisolated(unsafe) let source = gradients
        DispatchQueue.concurrentPerformIfNeeded(parts) { part in
            let from = start + count * part / parts, to = start + count * (part + 1) / parts
            let rows = self.rowIndex, out = self.ordered
            var i = from
            while i < to {
                out[i &- start] = source[Int(rows[i])]
                i &+= 1
            }
        }
    }

    /// Stable partition of `rowIndex[start..<end]` by the `goesLeft` table; returns the first index
    /// of the right part. Large ranges are partitioned as two halves on both cores, then joined.
    func partition(start: Int, end: Int, column: UnsafePointer<UInt8>) -> Int {
        let count = end - start
        let parts = limits.parallel && count >= 32_768 ? 2 : 1
        var lefts = (0, 0)
        withUnsafeMutablePointer(to: &lefts) { leftCounts in
            nonisolated(unsafe) let out = leftCounts
            DispatchQueue.concurrentPerformIfNeeded(parts) { part in
                let from = start + count * part / parts, to = start + count * (part + 1) / parts
                let left = self.partitionPart(from: from, to: to, column: column)
                if part == 0 { out.pointee.0 = left } else { out.pointee.1 = left }
            }
        }
        if parts == 1 {
            let left = lefts.0
            (rowIndex + start + left).update(from: scratch + start, count: count - left)
            return start + left
        }
        // Half A: lefts at idx[start...], rights at scratch[start...]; half B likewise from `middle`.
        let middle = start + count / 2
        let leftA = lefts.0, leftB = lefts.1
        let rightA = middle - start - leftA, rightB = end - middle - leftB
        (rowIndex + start + leftA).update(from: rowIndex + middle, count: leftB)
        (rowIndex + start + leftA + leftB).update(from: scratch + start, count: rightA)
        (rowIndex + start + leftA + leftB + rightA).update(from: scratch + middle, count: rightB)
        return start + leftA + leftB
    }

    /// Stable partition of `rowIndex[from..<to]`: left rows move to the front of the range, right rows
    /// go to `scratch[from...]`. Returns the number of left rows.
    private func partitionPart(from: Int, to: Int, column: UnsafePointer<UInt8>) -> Int {
        var write = from
        var spilled = from
        let rows = rowIndex, spill = scratch, table = goesLeft
        var i = from
        // Branch-free: every row is written to both places and only the right cursor advances
        // (writing at `write` <= i never overwrites a row not yet read).
        while i < to {
            let r = rows[i]
            let left = Int(table[Int(column[Int(r)])])
            rows[write] = r
            spill[spilled] = r
            write &+= left
            spilled &+= 1 &- left
            i &+= 1
        }
        return write - from
    }

    /// Runs `body` (build a histogram of `rows` rows and scan its bins) for every feature, in parallel
    /// when that work is large enough to pay for waking the second core.
    private func forEachFeature(_ features: [Int], rows: Int, _ body: (Int) -> Void) {
        var work = 0
        for f in features { work += rows + 4 * binCounts[f] }
        if limits.parallel && work >= 30_000 && features.count > 1 {
            withoutActuallyEscaping(body) { escaping in
                nonisolated(unsafe) let run = escaping
                DispatchQueue.concurrentPerform(iterations: features.count) { k in run(features[k]) }
            }
        } else {
            for f in features { body(f) }
        }
    }

    /// The best of the per-feature candidates at `candidates[offset + f]` (first wins ties).
    private func reduce(_ features: [Int], offset: Int) -> SplitCandidate {
        var best = SplitCandidate()
        for f in features where candidates[offset + f].gain > best.gain {
            best = candidates[offset + f]
        }
        return best
    }

    /// Fills the histogram of one feature from the rows `rowIndex[start..<start+count]`, whose
    /// (gradient, hessian) pairs were gathered into `ordered`. Each bin is (gradient, hessian, count);
    /// the pair is added as one two-lane vector.
    @inline(__always)
    func buildHistogram(feature f: Int, hist: UnsafeMutablePointer<Double>, start: Int, count: Int) {
        hist.update(repeating: 0, count: (binCounts[f] + 1) * 3)
        let column = columns[f]
        let rows = rowIndex + start
        let gh = ordered
        let raw = UnsafeMutableRawPointer(hist)
        var i = 0
        let unrolled = count & ~1
        while i < unrolled {
            let b0 = Int(column[Int(rows[i])]) &* 3
            let b1 = Int(column[Int(rows[i &+ 1])]) &* 3
            let p0 = raw + b0 &* 8
            p0.storeBytes(of: p0.loadUnaligned(as: SIMD2<Double>.self) + gh[i], as: SIMD2<Double>.self)
            hist[b0 &+ 2] += 1
            let p1 = raw + b1 &* 8
            p1.storeBytes(of: p1.loadUnaligned(as: SIMD2<Double>.self) + gh[i &+ 1], as: SIMD2<Double>.self)
            hist[b1 &+ 2] += 1
            i &+= 2
        }
        if i < count {
            let b = Int(column[Int(rows[i])]) &* 3
            let p = raw + b &* 8
            p.storeBytes(of: p.loadUnaligned(as: SIMD2<Double>.self) + gh[i], as: SIMD2<Double>.self)
            hist[b &+ 2] += 1
        }
    }

    /// Fills the histogram of one feature from every row of the matrix, in row order.
    @inline(__always)
    private func buildHistogramOfAllRows(feature f: Int, hist: UnsafeMutablePointer<Double>,
                                         gradients: UnsafeBufferPointer<SIMD2<Double>>) {
        hist.update(repeating: 0, count: (binCounts[f] + 1) * 3)
        let column = columns[f]
        let raw = UnsafeMutableRawPointer(hist)
        for i in 0..<binned.rows {
            let b = Int(column[i]) &* 3
            let p = raw + b &* 8
            p.storeBytes(of: p.loadUnaligned(as: SIMD2<Double>.self) + gradients[i], as: SIMD2<Double>.self)
            hist[b &+ 2] += 1
        }
    }

    /// The best split of one feature for a leaf with sums (g, h, count), from its histogram.
    func bestSplit(feature f: Int, hist: UnsafeMutablePointer<Double>, g: Double, h: Double,
                           count: Int) -> SplitCandidate {
        if nativeCategorical[f] {
            return bestCategoricalSplit(feature: f, hist: hist, g: g, h: h, count: count)
        }
        let bins = binCounts[f]
        let minCount = Double(max(limits.minSamplesLeaf, 1))
        let minH = limits.minChildHessian
        let total = Double(count)
        let parentScore = criterion.score(g, h)
        let mg = hist[bins * 3], mh = hist[bins * 3 + 1], mc = hist[bins * 3 + 2]
        var best = SplitCandidate()
        var lg = 0.0, lh = 0.0, lc = 0.0
        for t in 0..<bins {
            let c = hist[t * 3 + 2]
            if c == 0 { continue }
            lg += hist[t * 3]
            lh += hist[t * 3 + 1]
            lc += c
            if total - lc < minCount { break }
            if lc >= minCount, lh >= minH, h - lh >= minH {
                let gain = criterion.score(lg, lh) + criterion.score(g - lg, h - lh) - parentScore
                if gain > best.gain {
                    best.gain = gain
                    best.thresholdBin = Int32(t)
                    // Without missing rows, unseen missing values follow the larger side.
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
                        best.thresholdBin = Int32(t)
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

    /// The best category-set split: one category against the rest for up to 4 levels, otherwise
    /// categories ordered by gradient / (hessian + smoothing) and split at the best prefix. Missing
    /// values are tried on both sides.
    private func bestCategoricalSplit(feature f: Int, hist: UnsafeMutablePointer<Double>, g: Double,
                                      h: Double, count: Int) -> SplitCandidate {
        let levels = binCounts[f]
        let minCount = Double(max(limits.minSamplesLeaf, 1))
        let minH = limits.minChildHessian
        let total = Double(count)
        let parentScore = criterion.score(g, h)
        let mg = hist[levels * 3], mh = hist[levels * 3 + 1], mc = hist[levels * 3 + 2]
        var used: [(key: Double, code: Int)] = []
        for c in 0..<levels where hist[c * 3 + 2] > 0 {
            used.append((hist[c * 3] / (hist[c * 3 + 1] + limits.categoricalSmoothing), c))
        }
        var best = SplitCandidate()
        var bestPrefix = -1
        var bestSingle = -1
        func consider(_ lg: Double, _ lh: Double, _ lc: Double, prefix: Int, single: Int) {
            for missingLeft in [false, true] {
                if missingLeft && mc == 0 { continue }
                let ag = missingLeft ? lg + mg : lg
                let ah = missingLeft ? lh + mh : lh
                let ac = missingLeft ? lc + mc : lc
                guard ac >= minCount, total - ac >= minCount, ah >= minH, h - ah >= minH else { continue }
                let gain = criterion.score(ag, ah) + criterion.score(g - ag, h - ah) - parentScore
                if gain > best.gain {
                    best.gain = gain
                    best.defaultLeft = missingLeft || (mc == 0 && ac >= total - ac)
                    best.leftG = ag
                    best.leftH = ah
                    best.leftCount = Int(ac)
                    bestPrefix = prefix
                    bestSingle = single
                }
            }
        }
        if used.count <= 4 {
            for (_, c) in used {
                consider(hist[c * 3], hist[c * 3 + 1], hist[c * 3 + 2], prefix: -1, single: c)
            }
            // Every seen category left, missing right: "missing vs present".
            if mc > 0 {
                consider(g - mg, h - mh, total - mc, prefix: used.count, single: -1)
            }
        } else {
            used.sort { $0.key < $1.key || ($0.key == $1.key && $0.code < $1.code) }
            var lg = 0.0, lh = 0.0, lc = 0.0
            for k in 0..<used.count {
                let c = used[k].code
                lg += hist[c * 3]
                lh += hist[c * 3 + 1]
                lc += hist[c * 3 + 2]
                consider(lg, lh, lc, prefix: k + 1, single: -1)
            }
        }
        guard best.gain > -Double.infinity else { return best }
        best.feature = Int32(f)
        best.isCategorical = true
        if bestSingle >= 0 {
            best.setBit(bestSingle)
        } else {
            for k in 0..<bestPrefix { best.setBit(used[k].code) }
        }
        return best
    }
}
