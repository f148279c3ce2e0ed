import ChurnKit
import Foundation
import XCTest

final class GradientBoostingTests: XCTestCase {
    private func params(_ change: (inout GradientBoostingParameters) -> Void = { _ in }) -> GradientBoostingParameters {
        var p = GradientBoostingParameters()
        p.rounds = 30
        change(&p)
        return p
    }

    func testFirstTreeMatchesHandComputedNewtonStep() throws {
        // x = 0: 100 rows, 20 positive; x = 1: 100 rows, 80 positive. Base rate 0.5 -> base score 0.
        // At p = 0.5 each row has g = 0.5 - y, h = 0.25. Leaf x=0: G = 100*0.5 - 20 = 30, H = 25, so the
        // value is -30/25 * 0.1 = -0.12; leaf x=1: G = -30 -> +0.12. Split gain 30^2/25 * 2 = 72.
        let xs = [Double](repeating: 0, count: 100) + [Double](repeating: 1, count: 100)
        let ys = (0..<200).map { i -> Double in i < 100 ? (i < 20 ? 1 : 0) : (i < 180 ? 1 : 0) }
        var model = GradientBoosting(parameters: params { $0.rounds = 1 })
        try model.fit(TrainingMatrix(names: ["x"], columns: [xs]), labels: ys, weights: nil, control: .none)
        XCTAssertEqual(model.baseScore, 0, accuracy: 1e-12)
        let tree = try XCTUnwrap(model.trees.first)
        XCTAssertEqual(tree.nodeCount, 3)
        XCTAssertEqual(tree.value[Int(tree.left[0])], -0.12, accuracy: 1e-12)
        XCTAssertEqual(tree.value[Int(tree.right[0])], 0.12, accuracy: 1e-12)
        XCTAssertEqual(tree.gain[0], 72, accuracy: 1e-9)
        XCTAssertEqual(tree.cover[0], 50, accuracy: 1e-12)
        XCTAssertEqual(tree.threshold[0], 0.5)
        XCTAssertEqual(model.predictMargins(TrainingMatrix(names: ["x"], columns: [[0, 1, 0.4]])), [-0.12, 0.12, -0.12])
    }

    func testBaseScoreIsLogOddsOfWeightedPositiveRate() throws {
        let (x, y) = TreeTestData.noisyLogistic(rows: 300)
        let w = (0..<300).map { Double($0 % 3 + 1) }
        var model = GradientBoosting(parameters: params { $0.rounds = 0 })
        try model.fit(x, labels: y, weights: w, control: .none)
        let pos = zip(y, w).filter { $0.0 == 1 }.map(\.1).reduce(0, +)
        let neg = zip(y, w).filter { $0.0 == 0 }.map(\.1).reduce(0, +)
        XCTAssertEqual(model.baseScore, log(pos / neg), accuracy: 1e-12)
        XCTAssertTrue(model.predictMargins(x).allSatisfy { abs($0 - log(pos / neg)) < 1e-12 })
    }

    func testTrainingLossFallsEveryRound() throws {
        let (x, y) = TreeTestData.noisyLogistic(rows: 3_000)
        var model = GradientBoosting(parameters: params { $0.rounds = 60 })
        try model.fit(x, labels: y, weights: nil, control: .none)
        XCTAssertEqual(model.trainingLoss.count, 60)
        var previous = model.initialTrainingLoss
        for (round, loss) in model.trainingLoss.enumerated() {
            XCTAssertLessThan(loss, previous, "round \(round + 1)")
            previous = loss
        }
        // The reported loss is the loss of the model's own predictions.
        let p = model.predictProbabilities(x)
        let direct = zip(p, y).map { $1 == 1 ? -log($0) : -log(1 - $0) }.reduce(0, +) / Double(y.count)
        XCTAssertEqual(direct, model.trainingLoss[59], accuracy: 1e-9)
        XCTAssertGreaterThan(TreeTestData.auc(p, y), 0.85)
    }

    func testEncodeDecodeGivesIdenticalPredictions() throws {
        var (x, y) = TreeTestData.noisyLogistic(rows: 1_000)
        for i in stride(from: 0, to: 1_000, by: 7) { x.columns[1][i] = .nan }
        x.columns.append((0..<1_000).map { Double($0 % 6) })
        x.names.append("plan")
        x.categorical = [5]
        var model = GradientBoosting(parameters: params { $0.rowSubsample = 0.8; $0.columnSubsample = 0.8 })
        try model.fit(x, labels: y, weights: nil, control: .none)
        let data = try model.encoded()
        let copy = try GradientBoosting.decode(data)
        XCTAssertEqual(copy.trees, model.trees)
        XCTAssertEqual(copy.baseScore, model.baseScore)
        XCTAssertEqual(copy.predictMargins(x), model.predictMargins(x))
        XCTAssertEqual(copy.gainImportance, model.gainImportance)
    }

    func testNewerFormatVersionIsRefused() throws {
        let (x, y) = TreeTestData.noisyLogistic(rows: 200)
        var model = GradientBoosting(parameters: params { $0.rounds = 2 })
        try model.fit(x, labels: y, weights: nil, control: .none)
        let text = try XCTUnwrap(String(data: try model.encoded(), encoding: .utf8))
        XCTAssertTrue(text.contains("\"version\":1"))
        let newer = Data(text.replacingOccurrences(of: "\"version\":1", with: "\"version\":2").utf8)
        XCTAssertThrowsError(try GradientBoosting.decode(newer)) { error in
            guard case .unsupportedFormat(let why) = error as? TrainingError else { return XCTFail("\(error)") }
            XCTAssertTrue(why.contains("version 2"), why)
        }
        XCTAssertThrowsError(try GradientBoosting.decode(Data("not json".utf8)))
    }

    func testSameSeedGivesIdenticalModelsAndDifferentSeedsDiffer() throws {
        let (x, y) = TreeTestData.noisyLogistic(rows: 2_000)
        func fit(seed: UInt64, parallel: Bool = true) throws -> GradientBoosting {
            var model = GradientBoosting(parameters: params {
                $0.seed = seed; $0.rowSubsample = 0.7; $0.columnSubsample = 0.6; $0.parallel = parallel
            })
            try model.fit(x, labels: y, weights: nil, control: .none)
            return model
        }
        let a = try fit(seed: 1), b = try fit(seed: 1), c = try fit(seed: 2), serial = try fit(seed: 1, parallel: false)
        XCTAssertEqual(a.trees, b.trees)
        XCTAssertEqual(a.predictMargins(x), b.predictMargins(x))
        XCTAssertEqual(a.trees, serial.trees, "threads do not change the model")
        XCTAssertNotEqual(a.trees, c.trees)
        XCTAssertNotEqual(a.predictMargins(x), c.predictMargins(x))
        // With row subsampling, rows left out of a tree are scored by walking it on their bins; the
        // recorded loss must still be the loss of the model's own predictions.
        let p = a.predictProbabilities(x)
        let direct = zip(p, y).map { $1 == 1 ? -log($0) : -log(1 - $0) }.reduce(0, +) / Double(y.count)
        XCTAssertEqual(direct, a.trainingLoss.last ?? 0, accuracy: 1e-9)
    }

    func testLargeNodesGiveTheSameModelOnOneOrTwoCores() throws {
        // 40,000 rows: partition, gather and histograms take their two-core paths.
        let (x, y) = TreeTestData.noisyLogistic(rows: 40_000, features: 4, seed: 4)
        func fit(parallel: Bool, subsample: Double) throws -> GradientBoosting {
            var model = GradientBoosting(parameters: params { $0.rounds = 3; $0.parallel = parallel; $0.rowSubsample = subsample })
            try model.fit(x, labels: y, weights: nil, control: .none)
            return model
        }
        XCTAssertEqual(try fit(parallel: true, subsample: 1).trees, try fit(parallel: false, subsample: 1).trees)
        XCTAssertEqual(try fit(parallel: true, subsample: 0.9).trees, try fit(parallel: false, subsample: 0.9).trees)
    }

    func testPredictiveMissingnessIsLearnedThroughTheDefaultDirection() throws {
        // y = 1 exactly when x0 is missing; x0's present values and x1 are noise.
        var rng = TreeTestRandom(5)
        var x0: [Double] = [], x1: [Double] = [], y: [Double] = []
        for _ in 0..<2_000 {
            let missing = rng.unit() < 0.3
            x0.append(missing ? .nan : rng.normal())
            x1.append(rng.normal())
            y.append(missing ? 1 : 0)
        }
        let x = TrainingMatrix(names: ["x0", "x1"], columns: [x0, x1])
        var model = GradientBoosting(parameters: params { $0.rounds = 20 })
        try model.fit(x, labels: y, weights: nil, control: .none)
        let root = model.trees[0]
        XCTAssertEqual(root.feature[0], 0)
        let missingSide = Int(root.defaultLeft[0] ? root.left[0] : root.right[0])
        let presentSide = Int(root.defaultLeft[0] ? root.right[0] : root.left[0])
        XCTAssertGreaterThan(root.value[missingSide], 0)
        XCTAssertLessThan(root.value[presentSide], 0)
        let p = model.predictProbabilities(x)
        XCTAssertEqual(TreeTestData.accuracy(p, y), 1)
        // New rows: missing x0 scores high whatever x1 is.
        let fresh = model.predictProbabilities(TrainingMatrix(names: ["x0", "x1"], columns: [[.nan, 0.3, .nan], [5, 0, -5]]))
        XCTAssertGreaterThan(fresh[0], 0.8)
        XCTAssertLessThan(fresh[1], 0.2)
        XCTAssertGreaterThan(fresh[2], 0.8)
    }

    func testNativeCategoricalSplitGroupsNonAdjacentCategories() throws {
        // Churners are on plans 1, 4 and 7 out of 0...9: one category-set split separates them, which a
        // single ordinal split on the codes cannot.
        let codes = (0..<2_000).map { Double($0 % 10) }
        let y = codes.map { [1.0, 4, 7].contains($0) ? 1.0 : 0 }
        let x = TrainingMatrix(names: ["plan"], columns: [codes], categorical: [0])
        var model = GradientBoosting(parameters: params { $0.rounds = 5; $0.maxLeaves = 2 })
        try model.fit(x, labels: y, weights: nil, control: .none)
        let root = model.trees[0]
        let left = Set(root.leftCategories(node: 0))
        XCTAssertTrue(left == [1, 4, 7] || left == [0, 2, 3, 5, 6, 8, 9], "left set \(left)")
        XCTAssertEqual(TreeTestData.accuracy(model.predictProbabilities(x), y), 1)
        // An unseen plan code counts as missing and follows the default direction, like a NaN.
        let unseen = model.predictMargins(TrainingMatrix(names: ["plan"], columns: [[12, .nan]], categorical: [0]))
        XCTAssertEqual(unseen[0], unseen[1])
    }

    func testEarlyStoppingStopsBeforeMaxRoundsOnNoise() throws {
        var rng = TreeTestRandom(9)
        let x = TrainingMatrix(names: ["a", "b", "c"], columns: (0..<3).map { _ in (0..<2_000).map { _ in rng.normal() } })
        let y = (0..<2_000).map { _ in rng.unit() < 0.4 ? 1.0 : 0 }
        var model = GradientBoosting(parameters: params {
            $0.rounds = 300; $0.validationFraction = 0.25; $0.earlyStoppingRounds = 5
        })
        try model.fit(x, labels: y, weights: nil, control: .none)
        XCTAssertLessThan(model.validationLoss.count, 300)
        XCTAssertLessThan(model.roundCount, model.validationLoss.count, "trees cut back to the best round")
        let best = try XCTUnwrap(model.validationLoss.indices.min { model.validationLoss[$0] < model.validationLoss[$1] })
        XCTAssertEqual(model.roundCount, best + 1)
        XCTAssertEqual(model.validationLoss.count, best + 1 + 5)
    }

    func testEarlyStoppingOnAGivenValidationMatrix() throws {
        let (x, y) = TreeTestData.noisyLogistic(rows: 2_000, seed: 2)
        let (vx, vy) = TreeTestData.noisyLogistic(rows: 1_000, seed: 3)
        var model = GradientBoosting(parameters: params { $0.rounds = 400; $0.learningRate = 0.3; $0.earlyStoppingRounds = 10 })
        try model.fit(x, labels: y, weights: nil, validation: vx, validationLabels: vy, control: .none)
        XCTAssertLessThan(model.roundCount, 400)
        XCTAssertGreaterThan(model.roundCount, 3)
        // The validation loss recorded is the loss of the kept model on the validation matrix.
        let p = model.predictProbabilities(vx)
        let direct = zip(p, vy).map { $1 == 1 ? -log($0) : -log(1 - $0) }.reduce(0, +) / Double(vy.count)
        XCTAssertEqual(direct, model.validationLoss[model.roundCount - 1], accuracy: 1e-9)
    }

    func testFittingRowsOfASharedBinnedMatrixEqualsFittingThoseRows() throws {
        let (x, y) = TreeTestData.noisyLogistic(rows: 1_500)
        let binner = try FeatureBinner.fit(x)
        let shared = try binner.transform(x)
        let fold = (0..<1_500).filter { $0 % 5 != 2 }
        var onShared = GradientBoosting(parameters: params())
        try onShared.fit(binned: shared, rows: fold, labels: y, weights: nil, control: .none)
        var onCopy = GradientBoosting(parameters: params())
        try onCopy.fit(binned: try binner.transform(x.subset(fold)), rows: nil, labels: fold.map { y[$0] }, weights: nil, control: .none)
        XCTAssertEqual(onShared.trees, onCopy.trees)
    }

    func testGainImportanceRanksTheInformativeFeatureFirst() throws {
        let (x, y) = TreeTestData.noisyLogistic(rows: 2_000)
        var model = GradientBoosting(parameters: params())
        try model.fit(x, labels: y, weights: nil, control: .none)
        let gain = model.gainImportance
        XCTAssertEqual(gain.firstIndex(of: gain.max() ?? 0), 0, "x0 carries the strongest signal: \(gain)")
        XCTAssertLessThan(gain[4], gain[0] / 5, "x4 is pure noise")
        XCTAssertEqual(model.splitCountImportance.reduce(0, +), model.trees.map { $0.nodeCount / 2 }.reduce(0, +))
    }

    func testBadInputGivesTypedErrors() throws {
        let x = TrainingMatrix(names: ["a", "b"], columns: [[1, 2, 3, 4], [1, 2, 3, 4]])
        var model = GradientBoosting(parameters: params())
        XCTAssertThrowsError(try model.fit(x, labels: [0, 0, 0, 0], weights: nil, control: .none)) {
            XCTAssertEqual($0 as? TrainingError, .oneClass(label: 0))
        }
        let bad = TrainingMatrix(names: ["a", "b"], columns: [[1, 2, 3, 4], [1, 2, -.infinity, 4]])
        XCTAssertThrowsError(try model.fit(bad, labels: [0, 1, 0, 1], weights: nil, control: .none)) {
            XCTAssertEqual($0 as? TrainingError, .nonFinite(feature: "b", row: 2, value: -.infinity))
        }
        let constant = TrainingMatrix(names: ["a"], columns: [[7, 7, 7, 7]])
        XCTAssertThrowsError(try model.fit(constant, labels: [0, 1, 0, 1], weights: nil, control: .none)) {
            XCTAssertEqual($0 as? TrainingError, .allFeaturesConstant)
        }
        XCTAssertThrowsError(try model.fit(x, labels: [0, 1, 0.5, 1], weights: nil, control: .none)) {
            guard case .shapeMismatch = $0 as? TrainingError else { return XCTFail("\($0)") }
        }
        XCTAssertFalse(model.isFitted)
    }

    func testCancellationStopsTrainingAndLeavesTheModelUnfitted() throws {
        let (x, y) = TreeTestData.noisyLogistic(rows: 2_000)
        // Cancel from the progress callback after round 10 of 1000.
        let selfCancelling = SelfCancellingControl()
        var model = GradientBoosting(parameters: params { $0.rounds = 1_000 })
        XCTAssertThrowsError(try model.fit(x, labels: y, weights: nil, control: selfCancelling.control)) {
            XCTAssertEqual($0 as? TrainingError, .cancelled)
        }
        XCTAssertFalse(model.isFitted)
        XCTAssertEqual(selfCancelling.roundsReported, 1, "stopped at the first check after cancel")

        let cancelled = TrainingControl()
        cancelled.cancel()
        var tree = DecisionTree()
        XCTAssertThrowsError(try tree.fit(x, labels: y, weights: nil, control: cancelled)) {
            XCTAssertEqual($0 as? TrainingError, .cancelled)
        }
    }
}

/// A control that cancels itself when the trainer reports round 10.
private final class SelfCancellingControl: @unchecked Sendable {
    private let lock = NSLock()
    private var reports = 0
    private(set) var control = TrainingControl()

    init() {
        control = TrainingControl { [unowned self] line in
            guard line.contains("round 10/") else { return }
            self.lock.lock(); self.reports += 1; self.lock.unlock()
            self.control.cancel()
        }
    }

    var roundsReported: Int {
        lock.lock(); defer { lock.unlock() }
        return reports
    }
}
