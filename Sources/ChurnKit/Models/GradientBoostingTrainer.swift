import Foundation

/// The boosting loop behind `GradientBoosting.fit`: gradients, trees, margins and early stopping.
struct GradientBoostingTrainer {
    /// Rows that decide early stopping, with their labels and weights (indexed by binned row).
    struct Validation {
        var binned: BinnedMatrix
        var rows: [Int]
        var labels: [Double]
        var weights: [Double]?
    }

    /// What a run produces.
    struct Result {
        var trees: [Tree]
        var baseScore: Double
        var trainingLoss: [Double]
        var validationLoss: [Double]
        var initialLoss: Double
    }

    let parameters: GradientBoostingParameters
    let binned: BinnedMatrix
    let trainRows: [Int]
    let labels: [Double]
    let weights: [Double]?
    let validation: Validation?

    /// Number of fixed chunks for the parallel gradient pass (fixed so sums do not depend on cores).
    private static let chunks = 8

    /// Splits `rows` into a fitting part and a hold-out of about `fraction` of each class, seeded.
    static func stratifiedHoldOut(rows: [Int], labels: [Double], fraction: Double, seed: UInt64) -> (fit: [Int], held: [Int]) {
        var rng = SeededRandom(seed: seed ^ 0xA11C_E5EE_D5EE_D001)
        var fit: [Int] = [], held: [Int] = []
        for cls in [0.0, 1.0] {
            var members = rows.filter { labels[$0] == cls }
            for i in stride(from: members.count - 1, to: 0, by: -1) {
                members.swapAt(i, rng.nextInt(below: i + 1))
            }
            let take = min(max(Int((Double(members.count) * fraction).rounded()), 1), members.count - 1)
            held += members[0..<take]
            fit += members[take...]
        }
        return (fit.sorted(), held.sorted())
    }

    /// Runs the boosting rounds. Throws `TrainingError` for unusable input or cancellation.
    mutating func run(control: TrainingControl) throws -> Result {
        let totals = try HistogramTrainingInput.check(labels: labels, weights: weights, rows: trainRows, rowCount: binned.rows)
        try checkSomethingVaries()
        let base = log(totals.positive / totals.negative)
        let n = binned.rows
        let sortedRows = trainRows.sorted().map { Int32($0) }
        for i in sortedRows.indices.dropFirst() where sortedRows[i] == sortedRows[i - 1] {
            throw TrainingError.shapeMismatch("row \(sortedRows[i] + 1) is listed twice among the training rows")
        }
        let missingBins = binned.binner.binCounts
        var margin = [Double](repeating: base, count: n)
        let gradient = UnsafeMutablePointer<SIMD2<Double>>.allocate(capacity: max(n, 1))
        gradient.initialize(repeating: .zero, count: max(n, 1))
        defer { gradient.deallocate() }
        let grower = HistogramTreeGrower(binned: binned, limits: parameters.growthLimits,
                                         criterion: SecondOrderCriterion(lambda: parameters.lambda),
                                         rowCapacity: sortedRows.count)
        var rng = SeededRandom(seed: parameters.seed)
        let initialLoss = gradientPass(rows: sortedRows, margin: margin, gradient: gradient)
        var validMargin = [Double](repeating: base, count: validation?.rows.count ?? 0)
        var trees: [Tree] = []
        var trainingLoss: [Double] = []
        var validationLoss: [Double] = []
        var bestRound = -1
        var bestLoss = Double.infinity
        let allFeatures = Array(0..<binned.featureCount)

        for round in 0..<max(parameters.rounds, 0) {
            try control.checkCancelled()
            let rows = sampleRows(sortedRows, rng: &rng)
            let features = sampleFeatures(allFeatures, rng: &rng)
            var result = grower.grow(rows: rows, gradients: UnsafeBufferPointer(start: gradient, count: n), features: features)
            result.tree.scaleValues(by: parameters.learningRate)
            let tree = result.tree
            if rows.count == sortedRows.count {
                for leaf in result.leaves {
                    let v = tree.value[leaf.node]
                    for i in leaf.start..<leaf.end { margin[Int(grower.rowIndex[i])] += v }
                }
            } else {
                for r in sortedRows {
                    margin[Int(r)] += tree.value[tree.leaf(row: Int(r), bins: binned.columns, missingBins: missingBins)]
                }
            }
            trees.append(tree)
            trainingLoss.append(gradientPass(rows: sortedRows, margin: margin, gradient: gradient))

            if let validation {
                let loss = validationStep(tree: tree, validation: validation, margin: &validMargin)
                validationLoss.append(loss)
                if loss < bestLoss {
                    bestLoss = loss
                    bestRound = round
                } else if round - bestRound >= max(parameters.earlyStoppingRounds, 1) {
                    control.report("gbdt: no better validation loss for \(round - bestRound) rounds; keeping \(bestRound + 1) trees")
                    break
                }
            }
            if (round + 1) % 10 == 0 || round + 1 == parameters.rounds {
                var line = "gbdt round \(round + 1)/\(parameters.rounds): training loss \(Self.format(trainingLoss[round]))"
                if let last = validationLoss.last { line += ", validation loss \(Self.format(last))" }
                control.report(line)
            }
        }
        if validation != nil, bestRound >= 0 {
            trees.removeSubrange((bestRound + 1)...)
        }
        return Result(trees: trees, baseScore: base, trainingLoss: trainingLoss, validationLoss: validationLoss,
                      initialLoss: initialLoss)
    }

    private static func format(_ v: Double) -> String { String(format: "%.5f", v) }

    /// Throws `allFeaturesConstant` when no feature takes two different bins on the training rows.
    private func checkSomethingVaries() throws {
        guard let first = trainRows.first else { return }
        for column in binned.columns {
            let b = column[first]
            if trainRows.contains(where: { column[$0] != b }) { return }
        }
        throw TrainingError.allFeaturesConstant
    }

    /// The rows for one tree: all of them, or a seeded draw of `rowSubsample` of them.
    private func sampleRows(_ rows: [Int32], rng: inout SeededRandom) -> [Int32] {
        let fraction = parameters.rowSubsample
        guard fraction < 1, fraction > 0 else { return rows }
        var chosen: [Int32] = []
        chosen.reserveCapacity(Int(Double(rows.count) * fraction * 1.1) + 16)
        for r in rows where rng.nextDouble() < fraction { chosen.append(r) }
        return chosen.count >= 2 ? chosen : rows
    }

    /// The features for one tree: all of them, or a seeded draw of `columnSubsample` of them.
    private func sampleFeatures(_ all: [Int], rng: inout SeededRandom) -> [Int] {
        let fraction = parameters.columnSubsample
        guard fraction < 1, fraction > 0 else { return all }
        let k = min(max(Int((Double(all.count) * fraction).rounded()), 1), all.count)
        var pool = all
        for i in 0..<k {
            pool.swapAt(i, i + rng.nextInt(below: pool.count - i))
        }
        return pool[0..<k].sorted()
    }

    /// (Gradient, hessian) pairs of log loss at the current margins; returns the weighted mean loss.
    ///
    /// Runs over a fixed number of chunks (in parallel) and adds their losses in chunk order, so the
    /// result does not depend on the number of cores.
    private func gradientPass(rows: [Int32], margin: [Double], gradient: UnsafeMutablePointer<SIMD2<Double>>) -> Double {
        let chunkCount = Self.chunks
        var partial = [Double](repeating: 0, count: chunkCount * 2)
        let count = rows.count
        rows.withUnsafeBufferPointer { rowBuffer in
            margin.withUnsafeBufferPointer { marginBuffer in
                labels.withUnsafeBufferPointer { labelBuffer in
                            partial.withUnsafeMutableBufferPointer { partialBuffer in
                                nonisolated(unsafe) let rs = rowBuffer, ms = marginBuffer, ys = labelBuffer
                                nonisolated(unsafe) let gs = gradient, out = partialBuffer
                                let ws = weights
                                let body: (Int) -> Void = { c in
                                    let start = count * c / chunkCount, end = count * (c + 1) / chunkCount
                                    var loss = 0.0, weight = 0.0
                                    for i in start..<end {
                                        let r = Int(rs[i])
                                        let m = ms[r], y = ys[r]
                                        let w = ws?[r] ?? 1
                                        let e = exp(-abs(m))
                                        let p = m >= 0 ? 1 / (1 + e) : e / (1 + e)
                                        gs[r] = SIMD2(w * (p - y), w * p * (1 - p))
                                        loss += w * (max(m, 0) + log1p(e) - y * m)
                                        weight += w
                                    }
                                    out[2 * c] = loss
                                    out[2 * c + 1] = weight
                                }
                                if parameters.parallel && count >= 20_000 {
                                    DispatchQueue.concurrentPerform(iterations: chunkCount, execute: body)
                                } else {
                                    for c in 0..<chunkCount { body(c) }
                                }
                            }
                }
            }
        }
        var loss = 0.0, weight = 0.0
        for c in 0..<chunkCount {
            loss += partial[2 * c]
            weight += partial[2 * c + 1]
        }
        return weight > 0 ? loss / weight : 0
    }

    /// Adds `tree` to the validation margins and returns the weighted validation log loss.
    private func validationStep(tree: Tree, validation: Validation, margin: inout [Double]) -> Double {
        let missingBins = validation.binned.binner.binCounts
        var loss = 0.0, weight = 0.0
        for (k, r) in validation.rows.enumerated() {
            margin[k] += tree.value[tree.leaf(row: r, bins: validation.binned.columns, missingBins: missingBins)]
            let m = margin[k], y = validation.labels[r], w = validation.weights?[r] ?? 1
            loss += w * (max(m, 0) + log1p(exp(-abs(m))) - y * m)
            weight += w
        }
        return weight > 0 ? loss / weight : 0
    }
}
