import XCTest
@testable import ChurnKit

/// Probabilities, reproducibility, persistence, convergence reporting and bad input of LinearSVM.
final class LinearSVMBehaviourTests: XCTestCase {
    /// Collects progress lines (thread-safe).
    final class Log: @unchecked Sendable {
        private let lock = NSLock()
        private var storage: [String] = []
        var lines: [String] { lock.lock(); defer { lock.unlock() }; return storage }
        func append(_ line: String) { lock.lock(); storage.append(line); lock.unlock() }
    }

    func testProbabilitiesComeFromPlattOnOutOfFoldDecisionValues() throws {
        let (x, y) = LogisticRegressionBehaviourTests.problem(rows: 300, features: 4, seed: 21)
        var model = LinearSVM(loss: .squaredHinge, c: 0.5, tolerance: 1e-10, maxIterations: 100_000, seed: 9, probabilityFolds: 4)
        try model.fit(x, labels: y, weights: nil, control: .none)
        XCTAssertEqual(model.probabilitySource, .crossValidated)

        // Rebuild the out-of-fold decision values by hand with the documented procedure.
        let folds = try StratifiedKFold.folds(labels: y, k: 4, seed: 9)
        var outOfFold = [Double](repeating: .nan, count: x.rows)
        for split in StratifiedKFold.splits(folds: folds, k: 4) {
            var part = LinearSVM(loss: .squaredHinge, c: 0.5, tolerance: 1e-10, maxIterations: 100_000, seed: 9, probabilityFolds: 4)
            try part.fit(x.subset(split.training), labels: split.training.map { y[$0] }, weights: nil, control: .none)
            let values = part.predictMargins(x.subset(split.validation))
            for (k, i) in split.validation.enumerated() { outOfFold[i] = values[k] }
        }
        let expected = PlattScaling.fit(scores: outOfFold, labels: y)
        // The fold models use other seeds for their coordinate order, so agreement is to the solver tolerance.
        XCTAssertEqual(model.platt.a, expected.a, accuracy: 1e-6)
        XCTAssertEqual(model.platt.b, expected.b, accuracy: 1e-6)
        XCTAssertNotEqual(model.platt, PlattScaling.fit(scores: model.predictMargins(x), labels: y), "not the in-sample sigmoid")
        XCTAssertLessThan(model.platt.a, 0, "higher decision values must mean higher probability")

        let margins = model.predictMargins(x)
        let probabilities = model.predictProbabilities(x)
        for i in 0..<x.rows { XCTAssertEqual(probabilities[i], model.platt.probability(margins[i]), accuracy: 0) }
        // Monotone in the margin.
        let order = margins.indices.sorted { margins[$0] < margins[$1] }
        for (a, b) in zip(order, order.dropFirst()) { XCTAssertLessThanOrEqual(probabilities[a], probabilities[b]) }
        // Useful: ROC-AUC well above chance on this learnable problem, mean probability near the base rate.
        XCTAssertGreaterThan(Metrics.rocAUC(scores: probabilities, labels: y), 0.75)
        let mean = probabilities.reduce(0, +) / Double(x.rows), rate = y.reduce(0, +) / Double(x.rows)
        XCTAssertEqual(mean, rate, accuracy: 0.05)
    }

    func testSameSeedGivesIdenticalModelAndAnotherSeedTheSameOptimum() throws {
        let (x, y) = LogisticRegressionBehaviourTests.problem(rows: 400, features: 5, seed: 22)
        var a = LinearSVM(loss: .hinge, seed: 3), b = LinearSVM(loss: .hinge, seed: 3)
        var c = LinearSVM(loss: .hinge, tolerance: 1e-9, maxIterations: 100_000, seed: 4)
        var d = LinearSVM(loss: .hinge, tolerance: 1e-9, maxIterations: 100_000, seed: 3)
        try a.fit(x, labels: y, weights: nil, control: .none)
        try b.fit(x, labels: y, weights: nil, control: .none)
        try c.fit(x, labels: y, weights: nil, control: .none)
        try d.fit(x, labels: y, weights: nil, control: .none)
        XCTAssertEqual(a.coefficientsPerStd, b.coefficientsPerStd)
        XCTAssertTrue(c.converged && d.converged, "\(c.iterations) \(d.iterations)")
        XCTAssertEqual(a.predictProbabilities(x), b.predictProbabilities(x))
        assertClose(c.coefficientsPerStd, d.coefficientsPerStd, accuracy: 1e-5, "different seeds, same optimum")
    }

    func testEncodeDecodeGivesIdenticalPredictions() throws {
        let (x, y) = LogisticRegressionBehaviourTests.problem(rows: 250, features: 3, seed: 23)
        for loss in LinearSVM.Loss.allCases {
            var model = LinearSVM(loss: loss, c: 0.3, classWeight: .balanced, interceptScaling: 2, seed: 5)
            try model.fit(x, labels: y, weights: nil, control: .none)
            let decoded = try LinearSVM.decode(model.encoded())
            XCTAssertEqual(decoded.predictMargins(x), model.predictMargins(x))
            XCTAssertEqual(decoded.predictProbabilities(x), model.predictProbabilities(x))
            XCTAssertEqual(decoded.loss, loss)
            XCTAssertEqual(decoded.classWeight, .balanced)
            XCTAssertEqual(decoded.interceptScaling, 2)
            XCTAssertEqual(decoded.featureNames, x.names)
            XCTAssertEqual(decoded.converged, model.converged)
            XCTAssertEqual(decoded.supportVectors, model.supportVectors)
            XCTAssertEqual(decoded.platt, model.platt)
            XCTAssertEqual(decoded.solverUsed, model.solverUsed)
            XCTAssertEqual(decoded.solver, model.solver)
            XCTAssertTrue(decoded.isFitted)
        }
    }

    func testNewerFormatAndOtherFamilyAreRejected() throws {
        let (x, y) = LogisticRegressionBehaviourTests.problem(rows: 100, features: 2, seed: 24)
        var model = LinearSVM()
        try model.fit(x, labels: y, weights: nil, control: .none)
        let text = try XCTUnwrap(String(data: try model.encoded(), encoding: .utf8))
        let newer = Data(text.replacingOccurrences(of: "\"formatVersion\":1", with: "\"formatVersion\":2").utf8)
        XCTAssertThrowsError(try LinearSVM.decode(newer)) { error in
            XCTAssertTrue((error as? TrainingError)?.message.contains("newer churn") ?? false, "\(error)")
        }
        var logistic = LogisticRegression()
        try logistic.fit(x, labels: y, weights: nil, control: .none)
        XCTAssertThrowsError(try LinearSVM.decode(logistic.encoded())) { error in
            XCTAssertTrue((error as? TrainingError)?.message.contains("not a svm model") ?? false, "\(error)")
        }
    }

    func testMissingValuesCountAsTheTrainingMean() throws {
        var (x, y) = LogisticRegressionBehaviourTests.problem(rows: 200, features: 3, seed: 25)
        x.columns[1][7] = .nan
        var model = LinearSVM()
        try model.fit(x, labels: y, weights: nil, control: .none)
        let present = x.columns[1].filter { !$0.isNaN }
        let mean = present.reduce(0, +) / Double(present.count)
        XCTAssertEqual(model.standardizer.means[1], mean, accuracy: 1e-12)
        var filled = x
        filled.columns[1][7] = mean
        XCTAssertEqual(model.predictMargins(x)[7], model.predictMargins(filled)[7], accuracy: 1e-12)
    }

    func testNonConvergenceIsReported() throws {
        let (x, y) = LogisticRegressionBehaviourTests.problem(rows: 300, features: 4, seed: 26)
        let log = Log()
        var model = LinearSVM(loss: .hinge, c: 100, tolerance: 1e-12, maxIterations: 2)
        try model.fit(x, labels: y, weights: nil, control: TrainingControl(onProgress: { log.append($0) }))
        XCTAssertFalse(model.converged)
        XCTAssertEqual(model.iterations, 2)
        XCTAssertGreaterThan(model.optimality, 1e-12)
        XCTAssertTrue(log.lines.contains { $0.contains("did NOT converge") && $0.contains("relative duality gap") }, "\(log.lines)")
        var good = LinearSVM(loss: .hinge, c: 1)
        try good.fit(x, labels: y, weights: nil, control: TrainingControl(onProgress: { log.append($0) }))
        XCTAssertTrue(good.converged)
        XCTAssertTrue(log.lines.contains { $0.contains("converged after") })
    }

    func testSolverChoiceAndAgreement() throws {
        XCTAssertEqual(LinearSVM().resolvedSolver(rows: 100, features: 5), .primal)
        XCTAssertEqual(LinearSVM().resolvedSolver(rows: 5, features: 100), .dual)
        XCTAssertEqual(LinearSVM(loss: .hinge).resolvedSolver(rows: 100, features: 5), .dual)
        let (x, y) = LogisticRegressionBehaviourTests.problem(rows: 500, features: 6, seed: 28)
        var w = [Double](repeating: 1, count: 500)
        for i in stride(from: 0, to: 500, by: 7) { w[i] = 2.5 }
        var primal = LinearSVM(c: 2, classWeight: .balanced, solver: .primal, tolerance: 1e-10, maxIterations: 100_000)
        var dual = LinearSVM(c: 2, classWeight: .balanced, solver: .dual, tolerance: 1e-10, maxIterations: 100_000)
        try primal.fit(x, labels: y, weights: w, control: .none)
        try dual.fit(x, labels: y, weights: w, control: .none)
        XCTAssertTrue(primal.converged && dual.converged)
        XCTAssertLessThan(primal.iterations, 30, "Newton needs few iterations")
        assertClose(primal.coefficientsPerStd, dual.coefficientsPerStd, accuracy: 1e-6, "primal vs dual")
        XCTAssertEqual(primal.objectiveValue, dual.objectiveValue, accuracy: 1e-9 * dual.objectiveValue)
        XCTAssertTrue(primal.dualityGap.isNaN)
        var wrong = LinearSVM(loss: .hinge, solver: .primal)
        XCTAssertThrowsError(try wrong.fit(x, labels: y, weights: nil, control: .none)) {
            XCTAssertTrue(($0 as? TrainingError)?.message.contains("squared hinge loss only") ?? false)
        }
    }

    func testTinyDataFallsBackToInSampleSigmoid() throws {
        let x = TrainingMatrix(names: ["a"], columns: [[0, 1, 2, 3, 4, 5, 6, 7]])
        let y: [Double] = [0, 0, 0, 1, 0, 0, 0, 0]
        var model = LinearSVM()
        try model.fit(x, labels: y, weights: nil, control: .none)
        XCTAssertEqual(model.probabilitySource, .inSample)
        XCTAssertTrue(model.predictProbabilities(x).allSatisfy { $0 > 0 && $0 < 1 })
    }

    func testZeroWeightRowsAreIgnored() throws {
        let (x, y) = LogisticRegressionBehaviourTests.problem(rows: 200, features: 3, seed: 27)
        var w = [Double](repeating: 1, count: 200)
        w[0] = 0; w[5] = 0
        for loss in LinearSVM.Loss.allCases {
            var model = LinearSVM(loss: loss)
            try model.fit(x, labels: y, weights: w, control: .none)
            XCTAssertTrue(model.converged)
            XCTAssertTrue(model.coefficientsPerStd.allSatisfy(\.isFinite))
        }
    }

    func testBadInputGivesClearErrors() throws {
        let x = TrainingMatrix(names: ["a", "b"], columns: [[1, 2, 3, 4], [0, 1, 0, 1]])
        var model = LinearSVM()
        XCTAssertThrowsError(try model.fit(x, labels: [1, 1, 1, 1], weights: nil, control: .none)) {
            XCTAssertEqual($0 as? TrainingError, .oneClass(label: 1))
        }
        let infinite = TrainingMatrix(names: ["a"], columns: [[1, .infinity, 3, 4]])
        XCTAssertThrowsError(try model.fit(infinite, labels: [0, 1, 0, 1], weights: nil, control: .none)) {
            XCTAssertEqual($0 as? TrainingError, .nonFinite(feature: "a", row: 1, value: .infinity))
        }
        var negative = LinearSVM(c: -1)
        XCTAssertThrowsError(try negative.fit(x, labels: [0, 1, 0, 1], weights: nil, control: .none)) {
            XCTAssertTrue(($0 as? TrainingError)?.message.contains("C must be a positive number") ?? false)
        }
        var oneFold = LinearSVM(probabilityFolds: 1)
        XCTAssertThrowsError(try oneFold.fit(x, labels: [0, 1, 0, 1], weights: nil, control: .none)) {
            XCTAssertEqual($0 as? FoldError, .tooFewFolds(1))
        }
        let control = TrainingControl()
        control.cancel()
        XCTAssertThrowsError(try model.fit(x, labels: [0, 1, 0, 1], weights: nil, control: control)) {
            XCTAssertEqual($0 as? TrainingError, .cancelled)
        }
        XCTAssertFalse(model.isFitted)
    }
}
