@testable import ChurnKit
import XCTest

final class RandomForestTests: XCTestCase {
    /// A checkerboard (y = 1 when exactly one of x0 > 0.5, x1 > 0.5 holds) plus two noise features.
    private func checkerboard(rows: Int, seed: UInt64) -> (TrainingMatrix, [Double]) {
        var rng = TreeTestRandom(seed)
        var columns = [[Double]](repeating: [], count: 4)
        var y: [Double] = []
        while y.count < rows {
            let u = (rng.unit() * 100).rounded() / 100, v = (rng.unit() * 100).rounded() / 100
            if u == 0.5 || v == 0.5 { continue }
            columns[0].append(u); columns[1].append(v)
            columns[2].append(rng.normal()); columns[3].append(rng.normal())
            y.append((u > 0.5) != (v > 0.5) ? 1 : 0)
        }
        return (TrainingMatrix(names: ["x0", "x1", "n0", "n1"], columns: columns), y)
    }

    private func parameters(trees: Int = 30, seed: UInt64 = 7) -> RandomForestParameters {
        var p = RandomForestParameters()
        p.trees = trees
        p.seed = seed
        return p
    }

    func testSeparatesSeparableData() throws {
        let (x, y) = checkerboard(rows: 600, seed: 11)
        let (test, testY) = checkerboard(rows: 600, seed: 12)
        var model = RandomForest(parameters: parameters())
        try model.fit(x, labels: y, weights: nil, control: .none)
        XCTAssertEqual(model.trees.count, 30)
        XCTAssertEqual(TreeTestData.accuracy(model.predictProbabilities(x), y), 1)
        XCTAssertGreaterThan(TreeTestData.accuracy(model.predictProbabilities(test), testY), 0.95)
        // Fully grown trees on their bootstrap: every leaf is pure.
        for tree in model.trees {
            for n in 0..<tree.nodeCount where tree.isLeaf(n) {
                XCTAssertTrue(tree.value[n] == 0 || tree.value[n] == 1)
            }
        }
        // The noise features matter much less than the two checkerboard features.
        let importance = model.impurityImportance
        XCTAssertEqual(importance.reduce(0, +), 1, accuracy: 1e-9)
        XCTAssertGreaterThan(min(importance[0], importance[1]), 2 * max(importance[2], importance[3]))
    }

    func testOutOfBagScoreIsCloseToHeldOutScore() throws {
        let (x, y) = TreeTestData.noisyLogistic(rows: 3_000, features: 6, seed: 3)
        let (test, testY) = TreeTestData.noisyLogistic(rows: 3_000, features: 6, seed: 4)
        var p = parameters(trees: 60)
        p.minSamplesLeaf = 3
        var model = RandomForest(parameters: p)
        try model.fit(x, labels: y, weights: nil, control: .none)
        let heldOut = Metrics.rocAUC(scores: model.predictProbabilities(test), labels: testY)
        let training = Metrics.rocAUC(scores: model.predictProbabilities(x), labels: y)
        XCTAssertEqual(model.outOfBagProbabilities.count, 3_000)
        // With 60 trees every row is out of bag for some tree (P(never) = 0.63^60).
        XCTAssertFalse(model.outOfBagProbabilities.contains { $0.isNaN })
        XCTAssertEqual(model.outOfBagROCAUC, Metrics.rocAUC(scores: model.outOfBagProbabilities, labels: y), accuracy: 1e-12)
        XCTAssertEqual(model.outOfBagROCAUC, heldOut, accuracy: 0.02, "OOB \(model.outOfBagROCAUC) vs held-out \(heldOut)")
        // The training predictions are over-optimistic; the OOB ones are not.
        XCTAssertGreaterThan(training, model.outOfBagROCAUC + 0.05)
        XCTAssertGreaterThan(heldOut, 0.8)
    }

    func testSameSeedGivesTheSameForestOnOneOrTwoThreads() throws {
        let (x, y) = TreeTestData.noisyLogistic(rows: 800, features: 6, seed: 5)
        var one = parameters(trees: 12)
        one.threads = 1
        var two = one
        two.threads = 2
        var a = RandomForest(parameters: one), b = RandomForest(parameters: two), c = RandomForest(parameters: two)
        try a.fit(x, labels: y, weights: nil, control: .none)
        try b.fit(x, labels: y, weights: nil, control: .none)
        try c.fit(x, labels: y, weights: nil, control: .none)
        XCTAssertEqual(a.trees, b.trees)
        XCTAssertEqual(b.trees, c.trees)
        XCTAssertEqual(a.outOfBagProbabilities.map(\.bitPattern), b.outOfBagProbabilities.map(\.bitPattern))
        XCTAssertEqual(a.predictProbabilities(x), b.predictProbabilities(x))

        var other = two
        other.seed = 8
        var d = RandomForest(parameters: other)
        try d.fit(x, labels: y, weights: nil, control: .none)
        XCTAssertNotEqual(d.trees, a.trees)
        XCTAssertNotEqual(d.predictProbabilities(x), a.predictProbabilities(x))
        // Trees of one forest differ from each other (own bootstrap and feature draws).
        XCTAssertEqual(Set(a.trees.map { $0.feature }).count, a.trees.count)
    }

    func testEncodeDecodeGivesIdenticalPredictions() throws {
        let (x, y) = TreeTestData.noisyLogistic(rows: 500, features: 5, seed: 9)
        var p = parameters(trees: 8)
        p.maxDepth = 6
        p.criterion = .entropy
        var model = RandomForest(parameters: p)
        try model.fit(x, labels: y, weights: nil, control: .none)
        let data = try model.encoded()
        let copy = try RandomForest.decode(data)
        XCTAssertEqual(copy.trees, model.trees)
        XCTAssertEqual(copy.parameters, model.parameters)
        XCTAssertEqual(copy.outOfBagROCAUC, model.outOfBagROCAUC)
        XCTAssertEqual(copy.predictProbabilities(x), model.predictProbabilities(x))
        XCTAssertEqual(copy.predictMargins(x), model.predictMargins(x))

        // A newer format version is refused with a clear error, so is another family's model.
        let text = try XCTUnwrap(String(data: data, encoding: .utf8))
        XCTAssertTrue(text.contains("\"version\":1"))
        let newer = Data(text.replacingOccurrences(of: "\"version\":1", with: "\"version\":2").utf8)
        XCTAssertThrowsError(try RandomForest.decode(newer)) { error in
            guard case .unsupportedFormat(let what) = error as? TrainingError else { return XCTFail("\(error)") }
            XCTAssertTrue(what.contains("newer"), what)
        }
        XCTAssertThrowsError(try GradientBoosting.decode(data)) { error in
            guard case .unsupportedFormat = error as? TrainingError else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try RandomForest.decode(Data("{}".utf8)))
    }

    func testFeaturesAreDrawnAtEverySplitNotPerTree() throws {
        // y depends on x0 only; 9 features, 3 drawn per split. A per-tree draw would give each tree at
        // most 3 distinct split features and leave x0 out of a third of the trees' roots' reach.
        var rng = TreeTestRandom(21)
        var columns = [[Double]](repeating: [], count: 9)
        var y: [Double] = []
        for _ in 0..<1_000 {
            for j in 0..<9 { columns[j].append(rng.normal()) }
            y.append(rng.unit() < (columns[0].last! > 0 ? 0.8 : 0.2) ? 1 : 0)
        }
        let x = TrainingMatrix(names: (0..<9).map { "x\($0)" }, columns: columns)
        var p = parameters(trees: 20)
        XCTAssertEqual(p.maxFeatures.resolved(featureCount: 9), 3)
        var model = RandomForest(parameters: p)
        try model.fit(x, labels: y, weights: nil, control: .none)
        for tree in model.trees {
            let used = Set(tree.feature.filter { $0 >= 0 })
            XCTAssertGreaterThan(used.count, 3, "a tree uses \(used.count) features")
        }
        // Root features vary across trees (x0 is only examined when drawn) but x0 wins most roots.
        let roots = model.trees.map { $0.feature[0] }
        XCTAssertGreaterThan(Set(roots).count, 1)
        XCTAssertGreaterThan(roots.filter { $0 == 0 }.count, 3)
        // With every feature examined at every split, every root splits on x0.
        p.maxFeatures = .all
        model = RandomForest(parameters: p)
        try model.fit(x, labels: y, weights: nil, control: .none)
        XCTAssertEqual(Set(model.trees.map { $0.feature[0] }), [0])
    }

    func testWithoutBootstrapAndSamplingEveryTreeIsTheDecisionTree() throws {
        // Depth-limited so that no two splits tie (deep small nodes have ties, which the tree breaks by
        // feature order and the forest by draw order).
        let (x, y) = TreeTestData.noisyLogistic(rows: 2_000, features: 4, seed: 13)
        var p = parameters(trees: 3)
        p.bootstrap = false
        p.maxFeatures = .all
        p.maxDepth = 4
        p.minSamplesLeaf = 5
        var forest = RandomForest(parameters: p)
        try forest.fit(x, labels: y, weights: nil, control: .none)
        var treeParams = DecisionTree.Parameters()
        treeParams.maxDepth = 4
        treeParams.minSamplesLeaf = 5
        var tree = DecisionTree(parameters: treeParams)
        try tree.fit(x, labels: y, weights: nil, control: .none)
        XCTAssertTrue(forest.outOfBagProbabilities.isEmpty)
        XCTAssertTrue(forest.outOfBagROCAUC.isNaN)
        XCTAssertEqual(forest.trees[0].leafCount, tree.tree.leafCount)
        XCTAssertGreaterThan(tree.tree.leafCount, 8)
        for (a, b) in zip(forest.predictProbabilities(x), tree.predictProbabilities(x)) {
            XCTAssertEqual(a, b, accuracy: 1e-12)
        }
    }

    func testSampleWeightsSetLeafProbabilities() throws {
        // Without bootstrap, x = 0 holds a negative of weight 3 and a positive of weight 1 -> 1/4.
        let x = TrainingMatrix(names: ["x"], columns: [[0, 0, 1, 1, 1]])
        var p = parameters(trees: 2)
        p.bootstrap = false
        var model = RandomForest(parameters: p)
        // Row 4 has weight 0: left out, so x = 1 stays pure.
        try model.fit(x, labels: [0, 1, 1, 1, 0], weights: [3, 1, 1, 1, 0], control: .none)
        XCTAssertEqual(model.predictProbabilities(x), [0.25, 0.25, 1, 1, 1])
        XCTAssertEqual(model.trees[0].cover[0], 6)
        // Gini gain by hand (see DecisionTreeTests): 1.5 per tree.
        XCTAssertEqual(model.gainImportance, [1.5])
        // Margins are logits of the probabilities, clipped at 1e-6.
        let margins = model.predictMargins(x)
        XCTAssertEqual(margins[0], log(0.25 / 0.75), accuracy: 1e-12)
        XCTAssertEqual(margins[2], log((1 - 1e-6) / 1e-6), accuracy: 1e-9)
    }

    func testSortedAndHistogramSplitsGiveTheSameTree() throws {
        let (x, y) = TreeTestData.noisyLogistic(rows: 1_500, features: 6, seed: 17)
        var columns = x.columns
        for i in stride(from: 0, to: 1_500, by: 7) { columns[1][i] = .nan }
        let binned = try FeatureBinner.fit(TrainingMatrix(names: x.names, columns: columns)).transform(
            TrainingMatrix(names: x.names, columns: columns))
        let limits = RandomForestParameters().growthLimits
        let grower = AnyForestGrower(binned: binned, limits: limits, criterion: .gini, rowCapacity: 1_500)
        let rows = (0..<1_500).filter { $0 % 3 != 0 }.map { Int32($0) }
        let gh = (0..<1_500).map { SIMD2<Double>(y[$0] * Double(1 + $0 % 3), Double(1 + $0 % 3)) }
        var r1 = SeededRandom(seed: 1), r2 = SeededRandom(seed: 1)
        let sorted = gh.withUnsafeBufferPointer {
            grower.grow(rows: rows, gradients: $0, features: Array(0..<6), featuresPerSplit: 2, random: &r1, sparseRowLimit: 65_536)
        }
        let dense = gh.withUnsafeBufferPointer {
            grower.grow(rows: rows, gradients: $0, features: Array(0..<6), featuresPerSplit: 2, random: &r2, sparseRowLimit: 0)
        }
        XCTAssertGreaterThan(sorted.nodeCount, 50)
        XCTAssertEqual(sorted, dense)
    }

    func testUnusableInputAndCancellation() throws {
        let x = TrainingMatrix(names: ["x"], columns: [[1, 2, 3, 4]])
        var model = RandomForest(parameters: parameters(trees: 5))
        XCTAssertThrowsError(try model.fit(x, labels: [1, 1, 1, 1], weights: nil, control: .none)) { error in
            XCTAssertEqual(error as? TrainingError, .oneClass(label: 1))
        }
        let bad = TrainingMatrix(names: ["x"], columns: [[1, .infinity, 3, 4]])
        XCTAssertThrowsError(try model.fit(bad, labels: [0, 1, 0, 1], weights: nil, control: .none)) { error in
            guard case .nonFinite(let feature, let row, _) = error as? TrainingError else { return XCTFail("\(error)") }
            XCTAssertEqual(feature, "x")
            XCTAssertEqual(row, 1)
        }
        XCTAssertThrowsError(try model.fit(x, labels: [0, 1, 0], weights: nil, control: .none))
        XCTAssertFalse(model.isFitted)

        // Cancelled once the first tenth of the trees is done: no more trees, model unchanged.
        let (data, y) = TreeTestData.noisyLogistic(rows: 300, features: 4, seed: 2)
        let recorder = ProgressRecorder()
        let control = TrainingControl { line in
            recorder.record(line)
            if line.hasPrefix("forest: 10/") { recorder.control?.cancel() }
        }
        recorder.control = control
        var p = parameters(trees: 100)
        p.threads = 1
        model = RandomForest(parameters: p)
        XCTAssertThrowsError(try model.fit(data, labels: y, weights: nil, control: control)) { error in
            XCTAssertEqual(error as? TrainingError, .cancelled)
        }
        XCTAssertFalse(model.isFitted)
        XCTAssertEqual(recorder.lines, ["forest: 10/100 trees"])
        let cancelled = TrainingControl()
        cancelled.cancel()
        XCTAssertThrowsError(try model.fit(data, labels: y, weights: nil, control: cancelled)) { error in
            XCTAssertEqual(error as? TrainingError, .cancelled)
        }
    }
}

/// Keeps the progress lines a control reported, and the control (to cancel it from its own callback).
private final class ProgressRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var received: [String] = []
    weak var control: TrainingControl?

    func record(_ line: String) {
        lock.lock(); received.append(line); lock.unlock()
    }

    var lines: [String] {
        lock.lock(); defer { lock.unlock() }
        return received
    }
}
