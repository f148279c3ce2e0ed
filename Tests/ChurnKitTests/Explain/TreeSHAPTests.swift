import Foundation
import XCTest
@testable import ChurnKit

final class TreeSHAPTests: XCTestCase {
    /// x0 <= 0.5 ? 1 : (x1 <= 0.5 ? 3 : 5), covers 10 / 4 / 6 / 3 / 3. By hand for x = (1, 0):
    /// v({}) = 2.8, v({0}) = 4, v({1}) = 2.2, v({0,1}) = 3, so φ0 = 1.0 and φ1 = −0.8.
    func testHandComputedTwoSplitTree() throws {
        var tree = Tree()
        func node(_ f: Int32, _ threshold: Double, cover: Double, left: Int32, right: Int32) {
            tree.feature.append(f); tree.threshold.append(threshold); tree.thresholdBin.append(0)
            tree.defaultLeft.append(true); tree.left.append(left); tree.right.append(right)
            tree.value.append(0); tree.cover.append(cover); tree.count.append(Int32(cover)); tree.gain.append(1)
            tree.categorySet.append(-1)
        }
        node(0, 0.5, cover: 10, left: 1, right: 2)
        tree.appendLeaf(value: 1, cover: 4, count: 4)
        node(1, 0.5, cover: 6, left: 3, right: 4)
        tree.appendLeaf(value: 3, cover: 3, count: 3)
        tree.appendLeaf(value: 5, cover: 3, count: 3)
        let explainer = try TreeExplainer(trees: [tree], weights: [1], base: 0, featureNames: ["a", "b"], categoryLevels: [0, 0])
        XCTAssertEqual(explainer.expectedValue, 2.8, accuracy: 1e-12)
        let phi = try explainer.contributions(row: [1, 0])
        XCTAssertEqual(phi[0], 1.0, accuracy: 1e-12)
        XCTAssertEqual(phi[1], -0.8, accuracy: 1e-12)
        // Missing x0 goes left (default): the customer gets leaf 1; x1 does not matter there.
        let missing = try explainer.contributions(row: [.nan, 0])
        // v({}) = 2.8, v({0}) = 1, v({1}) = 2.2, v({0,1}) = 1: φ0 = ½(−1.8) + ½(−1.2) = −1.5, φ1 = ½(−0.6) + 0 = −0.3.
        XCTAssertEqual(missing[0], -1.5, accuracy: 1e-12)
        XCTAssertEqual(missing[1], -0.3, accuracy: 1e-12)
    }

    /// Every tree of a small boosted model (≤ 6 features, repeated features on paths, missing values and a
    /// categorical feature with category-set splits) against brute-force Shapley enumeration, to 1e-9.
    func testMatchesBruteForceEnumerationOnSmallBoostedTrees() throws {
        let (x, y) = ExplainTestSupport.mixedData(rows: 600, features: 5, categorical: true, seed: 7)
        var params = GradientBoostingParameters()
        params.rounds = 12
        params.maxLeaves = 12
        params.minSamplesLeaf = 5
        params.learningRate = 0.3
        params.parallel = false
        var model = GradientBoosting(parameters: params)
        try model.fit(x, labels: y, weights: nil, control: .none)
        XCTAssertTrue(model.trees.contains { t in (0..<t.nodeCount).contains { t.categorySet[$0] >= 0 } },
                      "the test needs a category-set split")
        let repeated = model.trees.contains { tree in Self.hasRepeatedFeatureOnAPath(tree) }
        XCTAssertTrue(repeated, "the test needs a feature repeated on a path")
        let explainer = try TreeExplainer(model)
        let shap = try explainer.shapValues(x, rows: Array(0..<40), parallel: false)
        // The same rows through the per-leaf pattern tables (Fast TreeSHAP v2 form).
        let tabled = try explainer.shapValues(x, rows: Array(0..<40), parallel: false, precomputation: .always)
        for r in 0..<40 {
            let row = x.row(r)
            let (expected, phi) = ExplainTestSupport.bruteForce(trees: model.trees, weights: [Double](repeating: 1, count: model.trees.count),
                                                                base: model.baseScore, x: row, levels: model.categoryLevels)
            XCTAssertEqual(shap.expectedValue, expected, accuracy: 1e-9)
            for f in 0..<5 {
                XCTAssertEqual(shap[r, f], phi[f], accuracy: 1e-9, "row \(r) feature \(f)")
                XCTAssertEqual(tabled[r, f], phi[f], accuracy: 1e-9, "tables: row \(r) feature \(f)")
            }
        }
    }

    /// Pattern tables give the same contributions as the per-row kernel on every row (parallel, blocks
    /// of rows, leaves with and without a table), and they still add up to the margin.
    func testPatternTablesMatchThePerRowKernel() throws {
        let (x, y) = ExplainTestSupport.mixedData(rows: 2_000, features: 8, categorical: true, seed: 11)
        var params = GradientBoostingParameters()
        params.rounds = 40
        params.maxLeaves = 31
        params.minSamplesLeaf = 5
        params.learningRate = 0.2
        var model = GradientBoosting(parameters: params)
        try model.fit(x, labels: y, weights: nil, control: .none)
        let explainer = try TreeExplainer(model)
        let plain = try explainer.shapValues(x, precomputation: .never)
        let tabled = try explainer.shapValues(x, precomputation: .always)
        XCTAssertEqual(plain.values.count, tabled.values.count)
        var worst = 0.0
        for i in plain.values.indices { worst = max(worst, abs(plain.values[i] - tabled.values[i])) }
        XCTAssertLessThan(worst, 1e-12)
        let margins = model.predictMargins(x)
        let sums = tabled.margins()
        for r in 0..<x.rows { XCTAssertEqual(sums[r], margins[r], accuracy: 1e-6, "row \(r)") }
        // A small table budget leaves most leaves without a table; the mixed path must agree too.
        let small = LeafPatternTables(explainer.ensemble, parallel: false, maxFeatures: 3, budget: 500)
        XCTAssertTrue(small.offset.contains(-1) && small.offset.contains { $0 >= 0 }, "the test needs both kinds of leaf")
        var scratch = TreeSHAPScratch(for: explainer.ensemble)
        let n = x.featureCount
        var rowMajor = [Double](repeating: 0, count: 100 * n)
        for r in 0..<100 { for f in 0..<n { rowMajor[r * n + f] = x.columns[f][r] } }
        var mixed = [Double](repeating: 0, count: 100 * n)
        rowMajor.withUnsafeBufferPointer { xs in
            mixed.withUnsafeMutableBufferPointer { out in
                explainer.ensemble.accumulateBlock(x: xs.baseAddress!, count: 100, phi: out.baseAddress!, tables: small, scratch: &scratch)
            }
        }
        for i in mixed.indices { XCTAssertEqual(mixed[i], plain.values[i], accuracy: 1e-12) }
    }

    /// A deep single decision tree (six features, unlimited depth) explained in its log-odds space.
    func testDecisionTreeLogOddsMatchBruteForceAndMargins() throws {
        let (x, y) = ExplainTestSupport.mixedData(rows: 300, features: 6, categorical: false, seed: 11)
        var params = DecisionTree.Parameters()
        params.minSamplesLeaf = 8
        params.parallel = false
        var model = DecisionTree(parameters: params)
        try model.fit(x, labels: y, weights: nil, control: .none)
        XCTAssertGreaterThan(model.tree.depth, 5)
        let explainer = try TreeExplainer(model)
        let shap = try explainer.shapValues(x, parallel: false)
        let margins = model.predictMargins(x)
        let sums = shap.margins()
        for r in 0..<x.rows { XCTAssertEqual(sums[r], margins[r], accuracy: 1e-6) }
        for r in stride(from: 0, to: 300, by: 37) {
            let (expected, phi) = ExplainTestSupport.bruteForce(trees: [model.tree], weights: [1], base: 0, x: x.row(r),
                                                                levels: model.categoryLevels, leaf: TreeExplainer.logOdds)
            XCTAssertEqual(shap.expectedValue, expected, accuracy: 1e-9)
            for f in 0..<6 { XCTAssertEqual(shap[r, f], phi[f], accuracy: 1e-9, "row \(r) feature \(f)") }
        }
    }

    /// A weighted sum of trees (as a random forest averages them) against brute force, with a base.
    func testWeightedTreeSumMatchesBruteForce() throws {
        let (x, y) = ExplainTestSupport.mixedData(rows: 400, features: 4, categorical: true, seed: 3)
        var trees: [Tree] = []
        var levelSets: [[Int]] = []
        for seed in 0..<3 {
            var params = DecisionTree.Parameters()
            params.maxLeaves = 10
            params.parallel = false
            var model = DecisionTree(parameters: params)
            let rows = Array(stride(from: seed, to: x.rows, by: 2))
            try model.fit(x.subset(rows), labels: rows.map { y[$0] }, weights: nil, control: .none)
            trees.append(model.tree)
            levelSets.append(model.categoryLevels)
        }
        let levels = levelSets[0]
        XCTAssertEqual(levels[3], 5)
        XCTAssertTrue(levelSets.allSatisfy { $0 == levels })
        let weights = [1.0 / 3, 1.0 / 3, 1.0 / 3]
        let explainer = try TreeExplainer(trees: trees, weights: weights, base: 0.25, featureNames: x.names, categoryLevels: levels)
        let shap = try explainer.shapValues(x, parallel: false)
        let direct = Tree.sumValues(trees: trees.map { t in var s = t; s.scaleValues(by: 1.0 / 3); return s },
                                    base: 0.25, x: x, levels: levels, parallel: false)
        let sums = shap.margins()
        for r in 0..<x.rows { XCTAssertEqual(sums[r], direct[r], accuracy: 1e-9) }
        for r in stride(from: 0, to: 400, by: 53) {
            let (expected, phi) = ExplainTestSupport.bruteForce(trees: trees, weights: weights, base: 0.25, x: x.row(r), levels: levels)
            XCTAssertEqual(shap.expectedValue, expected, accuracy: 1e-9)
            for f in 0..<4 { XCTAssertEqual(shap[r, f], phi[f], accuracy: 1e-9) }
        }
    }

    /// Expected value + contributions equals the boosted model's margin on every row of the subscription sample.
    func testAdditivityOnEveryRowOfTheSubscriptionSample() throws {
        let (_, x, y) = try ExplainTestSupport.subscription()
        var params = GradientBoostingParameters()
        params.rounds = 25
        var model = GradientBoosting(parameters: params)
        try model.fit(x, labels: y, weights: nil, control: .none)
        let explainer = try ModelExplainer(model: model)
        let shap = try explainer.shapValues(x)
        XCTAssertEqual(shap.rows, x.rows)
        let margins = model.predictMargins(x)
        let sums = shap.margins()
        var worst = 0.0
        for r in 0..<x.rows { worst = max(worst, abs(sums[r] - margins[r])) }
        XCTAssertLessThan(worst, 1e-6)
        // Features the trees never split on get exactly zero everywhere.
        let used = Set(model.trees.flatMap { t in t.feature.filter { $0 >= 0 }.map(Int.init) })
        for f in 0..<x.featureCount where !used.contains(f) {
            XCTAssertEqual(shap.meanAbsolute()[f], 0)
        }
        // One row alone gives the same values as the batch.
        let single = try explainer.contributions(row: x.row(17))
        for f in 0..<x.featureCount { XCTAssertEqual(single[f], shap[17, f], accuracy: 1e-12) }
        // Parallel and serial agree.
        let serial = try explainer.shapValues(x, rows: Array(0..<300), parallel: false)
        for r in 0..<300 { for f in 0..<x.featureCount { XCTAssertEqual(serial[r, f], shap[r, f], accuracy: 1e-12) } }
    }

    func testMismatchedFeaturesAreAClearError() throws {
        let (x, y) = ExplainTestSupport.mixedData(rows: 200, features: 3, categorical: false, seed: 1)
        var params = GradientBoostingParameters()
        params.rounds = 3
        var model = GradientBoosting(parameters: params)
        try model.fit(x, labels: y, weights: nil, control: .none)
        let explainer = try TreeExplainer(model)
        let other = TrainingMatrix(names: ["x0", "x1"], columns: [x.columns[0], x.columns[1]])
        XCTAssertThrowsError(try explainer.shapValues(other)) { error in
            XCTAssertTrue((error as? ExplainError)?.message.contains("missing feature(s) x2") ?? false, "\(error)")
        }
        XCTAssertThrowsError(try explainer.contributions(row: [1, 2]))
        XCTAssertThrowsError(try TreeExplainer(GradientBoosting()))
        XCTAssertThrowsError(try ModelExplainer(model: GaussianNaiveBayes()))
    }

    func testGaussLegendreRulesIntegratePolynomialsExactly() {
        for n in 1...12 {
            let rule = GaussLegendre.rule(n)
            XCTAssertEqual(rule.weights.reduce(0, +), 1, accuracy: 1e-14)
            for degree in 0...(2 * n - 1) {
                var integral = 0.0
                for j in 0..<n { integral += rule.weights[j] * pow(rule.nodes[j], Double(degree)) }
                XCTAssertEqual(integral, 1 / Double(degree + 1), accuracy: 1e-14, "n=\(n) degree=\(degree)")
            }
        }
    }

    static func hasRepeatedFeatureOnAPath(_ tree: Tree) -> Bool {
        func walk(_ n: Int, _ seen: Set<Int32>) -> Bool {
            if tree.isLeaf(n) { return false }
            let f = tree.feature[n]
            if seen.contains(f) { return true }
            let next = seen.union([f])
            return walk(Int(tree.left[n]), next) || walk(Int(tree.right[n]), next)
        }
        return tree.nodeCount > 0 && walk(0, [])
    }
}
