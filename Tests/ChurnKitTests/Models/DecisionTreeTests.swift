import ChurnKit
import XCTest

final class DecisionTreeTests: XCTestCase {
    /// A checkerboard: y = 1 when exactly one of x0 > 0.5, x1 > 0.5 holds. No single split helps much at
    /// the root, but a tree of depth 2+ separates it exactly.
    private func checkerboard() -> (TrainingMatrix, [Double]) {
        var rng = TreeTestRandom(11)
        var a: [Double] = [], b: [Double] = [], y: [Double] = []
        for _ in 0..<400 {
            let u = (rng.unit() * 100).rounded() / 100, v = (rng.unit() * 100).rounded() / 100
            if u == 0.5 || v == 0.5 { continue }
            a.append(u); b.append(v)
            y.append((u > 0.5) != (v > 0.5) ? 1 : 0)
        }
        return (TrainingMatrix(names: ["x0", "x1"], columns: [a, b]), y)
    }

    func testSeparatesSeparableDataPerfectlyWithGiniAndEntropy() throws {
        let (x, y) = checkerboard()
        for criterion in DecisionTree.Criterion.allCases {
            var params = DecisionTree.Parameters()
            params.criterion = criterion
            var model = DecisionTree(parameters: params)
            try model.fit(x, labels: y, weights: nil, control: .none)
            XCTAssertEqual(model.predictProbabilities(x), y, "\(criterion): every training row predicted exactly")
            // Pure leaves only.
            for n in 0..<model.tree.nodeCount where model.tree.isLeaf(n) {
                XCTAssertTrue(model.tree.value[n] == 0 || model.tree.value[n] == 1)
            }
        }
    }

    func testDepthAndLeafSizeLimitsHold() throws {
        let (x, y) = TreeTestData.noisyLogistic(rows: 1_000)
        var params = DecisionTree.Parameters()
        params.maxDepth = 3
        params.minSamplesLeaf = 40
        var model = DecisionTree(parameters: params)
        try model.fit(x, labels: y, weights: nil, control: .none)
        XCTAssertLessThanOrEqual(model.tree.depth, 3)
        XCTAssertGreaterThan(model.tree.leafCount, 2)
        for n in 0..<model.tree.nodeCount where model.tree.isLeaf(n) {
            XCTAssertGreaterThanOrEqual(model.tree.count[n], 40)
        }
        // Covers add up: every internal node's cover is the sum of its children's.
        for n in 0..<model.tree.nodeCount where !model.tree.isLeaf(n) {
            let l = Int(model.tree.left[n]), r = Int(model.tree.right[n])
            XCTAssertEqual(model.tree.cover[n], model.tree.cover[l] + model.tree.cover[r], accuracy: 1e-9)
        }
        XCTAssertEqual(model.tree.cover[0], 1_000)
    }

    func testSampleWeightsSetLeafProbabilities() throws {
        // x = 0: one negative of weight 3 and one positive of weight 1 -> P = 1 / 4.
        // x = 1: two positives -> P = 1.
        let x = TrainingMatrix(names: ["x"], columns: [[0, 0, 1, 1]])
        var model = DecisionTree()
        try model.fit(x, labels: [0, 1, 1, 1], weights: [3, 1, 1, 1], control: .none)
        XCTAssertEqual(model.predictProbabilities(x), [0.25, 0.25, 1, 1])
        XCTAssertEqual(model.tree.cover[0], 6)
        // Root gini gain by hand: parent 2*G*(H-G)/H with G = 3, H = 6 -> 3; left child G = 1, H = 4 -> 1.5;
        // right child pure -> 0. Gain 1.5.
        XCTAssertEqual(model.tree.gain[0], 1.5, accuracy: 1e-12)
    }

    func testRepeatedRowsCountOncePerRepeatLikeABootstrap() throws {
        let x = TrainingMatrix(names: ["x"], columns: [[0, 0, 1, 1]])
        let binned = try FeatureBinner.fit(x).transform(x)
        // Row 0 (label 0) twice, row 1 (label 1) left out: the x = 0 leaf is pure class 0.
        var model = DecisionTree()
        try model.fit(binned: binned, rows: [0, 0, 2, 3], labels: [0, 1, 1, 1], weights: nil, control: .none)
        XCTAssertEqual(model.predictProbabilities(x), [0, 0, 1, 1])
        // Row 0 three times and row 1 once act like weights 3 and 1.
        try model.fit(binned: binned, rows: [0, 0, 0, 1, 2, 3], labels: [0, 1, 1, 1], weights: nil, control: .none)
        XCTAssertEqual(model.predictProbabilities(x), [0.25, 0.25, 1, 1])
        XCTAssertEqual(model.tree.count[0], 6)
    }

    func testEncodeDecodeGivesIdenticalPredictions() throws {
        let (x, y) = TreeTestData.noisyLogistic(rows: 500)
        var params = DecisionTree.Parameters()
        params.maxDepth = 6
        var model = DecisionTree(parameters: params)
        try model.fit(x, labels: y, weights: nil, control: .none)
        let copy = try DecisionTree.decode(try model.encoded())
        XCTAssertEqual(copy.tree, model.tree)
        XCTAssertEqual(copy.predictProbabilities(x), model.predictProbabilities(x))
        XCTAssertThrowsError(try GradientBoosting.decode(try model.encoded())) { error in
            guard case .unsupportedFormat = error as? TrainingError else { return XCTFail("\(error)") }
        }
    }

    func testCategoricalFeatureGetsOneCategorySetSplit() throws {
        // Plans 1, 4 and 7 churn: a single category-set split (depth 1) separates them exactly.
        let codes = (0..<500).map { Double($0 % 10) }
        let y = codes.map { [1.0, 4, 7].contains($0) ? 1.0 : 0 }
        var params = DecisionTree.Parameters()
        params.maxDepth = 1
        var model = DecisionTree(parameters: params)
        try model.fit(TrainingMatrix(names: ["plan"], columns: [codes], categorical: [0]), labels: y, weights: nil, control: .none)
        let left = Set(model.tree.leftCategories(node: 0))
        XCTAssertTrue(left == [1, 4, 7] || left == [0, 2, 3, 5, 6, 8, 9], "left set \(left)")
        XCTAssertEqual(model.predictProbabilities(TrainingMatrix(names: ["plan"], columns: [codes], categorical: [0])), y)
    }

    func testOneClassIsRejected() {
        let x = TrainingMatrix(names: ["x"], columns: [[1, 2, 3]])
        var model = DecisionTree()
        XCTAssertThrowsError(try model.fit(x, labels: [1, 1, 1], weights: nil, control: .none)) { error in
            XCTAssertEqual(error as? TrainingError, .oneClass(label: 1))
        }
    }
}
