import Foundation

/// Builds the trees of a random forest in parallel and scores the out-of-bag rows.
///
/// Tree i depends only on the seed and i (its bootstrap and feature draws come from
/// `SeededRandom(seed:stream: i + 1)`), and trees are stored by index, so the forest is the same for
/// any number of threads. Workers take the next unbuilt tree from a shared counter; each owns one
/// grower and one gradient buffer for all its trees.
struct RandomForestTrainer {
    /// What a run produces.
    struct Result {
        var trees: [Tree]
        /// Out-of-bag probability per binned row (NaN for rows not trained on or never out of bag);
        /// empty when not computed.
        var outOfBagProbabilities: [Double]
        /// ROC-AUC of the out-of-bag probabilities (NaN when not computed or one class only).
        var outOfBagROCAUC: Double
    }

    let parameters: RandomForestParameters
    let binned: BinnedMatrix
    /// Ascending, unique training rows of `binned`.
    let trainRows: [Int]
    let labels: [Double]
    let weights: [Double]?

    /// Checks the input and builds every tree. Throws `TrainingError` for unusable input and
    /// `.cancelled` (checked before every tree).
    func run(control: TrainingControl) throws -> Result {
        _ = try HistogramTrainingInput.check(labels: labels, weights: weights, rows: trainRows, rowCount: binned.rows)
        for i in trainRows.indices.dropFirst() where trainRows[i] == trainRows[i - 1] {
            throw TrainingError.shapeMismatch("row \(trainRows[i] + 1) is listed twice among the training rows")
        }
        guard parameters.trees >= 1 else { throw TrainingError.shapeMismatch("a forest needs at least one tree") }
        try control.checkCancelled()
        let treeCount = parameters.trees
        let words = (trainRows.count + 63) / 64
        var trees = [Tree](repeating: Tree(), count: treeCount)
        var inBag = [[UInt64]](repeating: [], count: treeCount)
        let progress = Progress(total: treeCount, control: control)
        trees.withUnsafeMutableBufferPointer { treeBuffer in
            inBag.withUnsafeMutableBufferPointer { bagBuffer in
                nonisolated(unsafe) let treeOut = treeBuffer
                nonisolated(unsafe) let bagOut = bagBuffer
                DispatchQueue.concurrentPerformIfNeeded(parameters.workerCount) { _ in
                    let worker = Worker(trainer: self, words: words)
                    while !control.isCancelled, let t = progress.nextTree() {
                        let (tree, bag) = worker.build(tree: t)
                        treeOut[t] = tree
                        bagOut[t] = bag
                        progress.finished()
                    }
                }
            }
        }
        try control.checkCancelled()
        guard parameters.bootstrap, parameters.outOfBag else {
            return Result(trees: trees, outOfBagProbabilities: [], outOfBagROCAUC: .nan)
        }
        let oob = outOfBag(trees: trees, inBag: inBag)
        var scores: [Double] = [], oobLabels: [Double] = [], oobWeights: [Double] = []
        for r in trainRows where !oob[r].isNaN {
            scores.append(oob[r])
            oobLabels.append(labels[r])
            oobWeights.append(weights?[r] ?? 1)
        }
        let auc = Metrics.rocAUC(scores: scores, labels: oobLabels, weights: weights == nil ? nil : oobWeights)
        control.report("forest: out-of-bag ROC-AUC \(String(format: "%.4f", auc)) on \(scores.count) rows")
        return Result(trees: trees, outOfBagProbabilities: oob, outOfBagROCAUC: auc)
    }

    /// Mean leaf value over the trees each training row was out of bag for, per binned row. Rows are
    /// scored in parallel blocks; each row adds its trees in tree order, so sums do not depend on threads.
    private func outOfBag(trees: [Tree], inBag: [[UInt64]]) -> [Double] {
        var oob = [Double](repeating: .nan, count: binned.rows)
        let rows = trainRows
        let block = 4096
        let blocks = (rows.count + block - 1) / block
        let bins = binned.columns
        let missingBins = binned.binner.binCounts
        oob.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer
            DispatchQueue.concurrentPerformIfNeeded(min(blocks, 64)) { part in
                var b = part
                while b < blocks {
                    let from = b * block, to = min(rows.count, from + block)
                    var sum = [Double](repeating: 0, count: to - from)
                    var seen = [Int](repeating: 0, count: to - from)
                    for t in trees.indices {
                        let tree = trees[t], bag = inBag[t]
                        for i in from..<to where bag[i >> 6] & (1 << UInt64(i & 63)) == 0 {
                            sum[i - from] += tree.value[tree.leaf(row: rows[i], bins: bins, missingBins: missingBins)]
                            seen[i - from] += 1
                        }
                    }
                    for i in from..<to where seen[i - from] > 0 {
                        out[rows[i]] = sum[i - from] / Double(seen[i - from])
                    }
                    b += min(blocks, 64)
                }
            }
        }
        return oob
    }

    /// One thread's grower and buffers, reused for every tree it builds.
    private final class Worker {
        let trainer: RandomForestTrainer
        let grower: AnyForestGrower
        var gradients: [SIMD2<Double>]
        var counts: [UInt32]
        var rows: [Int32] = []
        let words: Int

        init(trainer: RandomForestTrainer, words: Int) {
            self.trainer = trainer
            self.words = words
            let p = trainer.parameters
            grower = AnyForestGrower(binned: trainer.binned, limits: p.growthLimits, criterion: p.criterion,
                                     rowCapacity: trainer.trainRows.count)
            gradients = [SIMD2<Double>](repeating: .zero, count: trainer.binned.rows)
            counts = [UInt32](repeating: 0, count: trainer.trainRows.count)
            rows.reserveCapacity(trainer.trainRows.count)
        }

        /// Draws tree t's bootstrap and grows the tree; returns it and its in-bag bit set (bit i:
        /// training row i was drawn).
        func build(tree t: Int) -> (Tree, [UInt64]) {
            let p = trainer.parameters
            let train = trainer.trainRows
            let m = train.count
            var random = SeededRandom(seed: p.seed, stream: UInt64(t) + 1)
            if p.bootstrap {
                for i in 0..<m { counts[i] = 0 }
                for _ in 0..<m { counts[random.nextInt(below: m)] += 1 }
            } else {
                for i in 0..<m { counts[i] = 1 }
            }
            var bag = [UInt64](repeating: 0, count: words)
            rows.removeAll(keepingCapacity: true)
            let labels = trainer.labels, weights = trainer.weights
            for i in 0..<m where counts[i] > 0 {
                bag[i >> 6] |= 1 << UInt64(i & 63)
                let r = train[i]
                let w = (weights?[r] ?? 1) * Double(counts[i])
                if w > 0 {
                    rows.append(Int32(r))
                    gradients[r] = SIMD2(w * labels[r], w)
                }
            }
            let features = Array(0..<trainer.binned.featureCount)
            let perSplit = p.maxFeatures.resolved(featureCount: features.count)
            let tree = gradients.withUnsafeBufferPointer { gh in
                grower.grow(rows: rows, gradients: gh, features: features, featuresPerSplit: perSplit, random: &random)
            }
            return (tree, bag)
        }
    }

    /// Hands out tree indices and reports progress; thread-safe.
    private final class Progress: @unchecked Sendable {
        private let lock = NSLock()
        private var next = 0
        private var done = 0
        let total: Int
        let control: TrainingControl

        init(total: Int, control: TrainingControl) {
            self.total = total
            self.control = control
        }

        func nextTree() -> Int? {
            lock.lock(); defer { lock.unlock() }
            guard next < total else { return nil }
            next += 1
            return next - 1
        }

        func finished() {
            lock.lock()
            done += 1
            let count = done
            lock.unlock()
            let step = max(total / 10, 1)
            if count % step == 0 || count == total { control.report("forest: \(count)/\(total) trees") }
        }
    }
}

/// A gini or entropy grower behind one type, so workers need no generic code.
struct AnyForestGrower {
    private let gini: HistogramTreeGrower<GiniCriterion>?
    private let entropy: HistogramTreeGrower<EntropyCriterion>?

    init(binned: BinnedMatrix, limits: TreeGrowthLimits, criterion: DecisionTree.Criterion, rowCapacity: Int) {
        switch criterion {
        case .gini:
            gini = HistogramTreeGrower(binned: binned, limits: limits, criterion: GiniCriterion(), rowCapacity: rowCapacity)
            entropy = nil
        case .entropy:
            gini = nil
            entropy = HistogramTreeGrower(binned: binned, limits: limits, criterion: EntropyCriterion(), rowCapacity: rowCapacity)
        }
    }

    func grow(rows: [Int32], gradients: UnsafeBufferPointer<SIMD2<Double>>, features: [Int], featuresPerSplit: Int,
              random: inout SeededRandom, sparseRowLimit: Int = 256) -> Tree {
        if let gini {
            return gini.growWithSampledFeatures(rows: rows, gradients: gradients, features: features,
                                                featuresPerSplit: featuresPerSplit, random: &random, sparseRowLimit: sparseRowLimit)
        }
        guard let entropy else { return Tree() }
        return entropy.growWithSampledFeatures(rows: rows, gradients: gradients, features: features,
                                               featuresPerSplit: featuresPerSplit, random: &random, sparseRowLimit: sparseRowLimit)
    }
}
