import XCTest
@testable import ChurnKit

/// Properties, persistence, convergence reporting and bad input of LogisticRegression.
final class LogisticRegressionBehaviourTests: XCTestCase {
    /// A random problem: `rows` x `features` normal features with a known logit.
    static func problem(rows: Int, features: Int, seed: UInt64) -> (TrainingMatrix, [Double]) {
        var g = SplitMix(seed: seed)
        var columns = [[Double]](repeating: [], count: features)
        var logits = [Double](repeating: -0.8, count: rows)
        for j in 0..<features {
            let scale = Double(j + 1) * 3, shift = Double(j) * 10
            columns[j] = (0..<rows).map { _ in shift + scale * g.normal() }
            let effect = (j % 3 == 0 ? 0.8 : -0.4) / scale
            for i in 0..<rows { logits[i] += effect * (columns[j][i] - shift) }
        }
        let labels = logits.map { g.next() < 1 / (1 + exp(-$0)) ? 1.0 : 0.0 }
        return (TrainingMatrix(names: (0..<features).map { "f\($0)" }, columns: columns), labels)
    }

    func testEncodeDecodeGivesIdenticalPredictions() throws {
        let (x, y) = Self.problem(rows: 500, features: 6, seed: 1)
        for penalty in [LogisticRegression.Penalty.l2, .l1, .elasticNet(l1Ratio: 0.3), .none] {
            var model = LogisticRegression(penalty: penalty, c: 0.3, classWeight: .balanced)
            try model.fit(x, labels: y, weights: nil, control: .none)
            let decoded = try LogisticRegression.decode(model.encoded())
            XCTAssertEqual(decoded.predictProbabilities(x), model.predictProbabilities(x), "\(penalty)")
            XCTAssertEqual(decoded.predictMargins(x), model.predictMargins(x))
            XCTAssertEqual(decoded.coefficientsPerStd, model.coefficientsPerStd)
            XCTAssertEqual(decoded.penalty, penalty)
            XCTAssertEqual(decoded.classWeight, .balanced)
            XCTAssertEqual(decoded.featureNames, x.names)
            XCTAssertEqual(decoded.converged, model.converged)
            XCTAssertEqual(decoded.iterations, model.iterations)
            XCTAssertTrue(decoded.isFitted)
        }
    }

    func testSameInputGivesIdenticalOutput() throws {
        let (x, y) = Self.problem(rows: 400, features: 5, seed: 2)
        for penalty in [LogisticRegression.Penalty.l2, .elasticNet(l1Ratio: 0.5)] {
            var a = LogisticRegression(penalty: penalty, c: 0.1), b = a
            try a.fit(x, labels: y, weights: nil, control: .none)
            try b.fit(x, labels: y, weights: nil, control: .none)
            XCTAssertEqual(a.coefficientsPerStd, b.coefficientsPerStd)
            XCTAssertEqual(a.interceptStandardized, b.interceptStandardized)
            XCTAssertEqual(a.predictProbabilities(x), b.predictProbabilities(x))
        }
    }

    func testProbabilitiesInOpenIntervalAndConsistentWithMargins() throws {
        let (x, y) = Self.problem(rows: 300, features: 4, seed: 3)
        var model = LogisticRegression(c: 10)
        try model.fit(x, labels: y, weights: nil, control: .none)
        let p = model.predictProbabilities(x), m = model.predictMargins(x)
        for i in 0..<x.rows {
            XCTAssertGreaterThan(p[i], 0)
            XCTAssertLessThan(p[i], 1)
            XCTAssertEqual(log(p[i] / (1 - p[i])), m[i], accuracy: 1e-9)
        }
        // Margins are linear in the original units: m = intercept + Σ coef·x.
        let coef = model.coefficientsOriginalUnits
        for i in stride(from: 0, to: x.rows, by: 37) {
            let linear = model.intercept + (0..<x.featureCount).reduce(0.0) { $0 + coef[$1] * x.columns[$1][i] }
            XCTAssertEqual(linear, m[i], accuracy: 1e-9)
        }
        // Extreme rows give probabilities near 0 or 1 without overflow.
        let extreme = TrainingMatrix(names: x.names, columns: x.columns.map { _ in [1e6, -1e6] })
        XCTAssertTrue(model.predictProbabilities(extreme).allSatisfy { $0 >= 0 && $0 <= 1 })
    }

    func testGradientIsZeroAtTheSolution() throws {
        // Independent check of optimality for L2: C·Σ wᵢ(pᵢ − yᵢ)zᵢⱼ + βⱼ = 0 and Σ wᵢ(pᵢ − yᵢ) = 0.
        let (x, y) = Self.problem(rows: 600, features: 5, seed: 4)
        let c = 0.7
        var model = LogisticRegression(penalty: .l2, c: c)
        try model.fit(x, labels: y, weights: nil, control: .none)
        let p = model.predictProbabilities(x)
        let residual = (0..<x.rows).map { p[$0] - y[$0] }
        XCTAssertEqual(residual.reduce(0, +), 0, accuracy: 1e-6)
        for j in 0..<x.featureCount {
            let mean = x.columns[j].reduce(0, +) / Double(x.rows)
            let sd = (x.columns[j].reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(x.rows)).squareRoot()
            XCTAssertEqual(model.standardizer.means[j], mean, accuracy: 1e-9)
            XCTAssertEqual(model.standardizer.scales[j], sd, accuracy: 1e-9)
            let g = (0..<x.rows).reduce(0.0) { $0 + residual[$1] * (x.columns[j][$1] - mean) / sd }
            XCTAssertEqual(c * g + model.coefficientsPerStd[j], 0, accuracy: 1e-6)
        }
    }

    func testStandardisationUsesTrainingRowsOnly() throws {
        // Fit on the first 150 rows whose feature f1 is shifted by +100: the statistics must be those
        // of the training rows, not of the rows scored later.
        var (x, y) = Self.problem(rows: 300, features: 2, seed: 9)
        for i in 0..<150 { x.columns[1][i] += 100 }
        let train = x.subset(Array(0..<150)), trainLabels = Array(y[0..<150])
        var model = LogisticRegression()
        try model.fit(train, labels: trainLabels, weights: nil, control: .none)
        let trainMean = train.columns[1].reduce(0, +) / 150
        let allMean = x.columns[1].reduce(0, +) / 300
        XCTAssertEqual(model.standardizer.means[1], trainMean, accuracy: 1e-9)
        XCTAssertGreaterThan(abs(model.standardizer.means[1] - allMean), 40)
        // Scoring other rows leaves the model untouched.
        let before = model.coefficientsPerStd
        _ = model.predictProbabilities(x.subset(Array(150..<300)))
        XCTAssertEqual(model.coefficientsPerStd, before)
    }

    func testMissingValuesAreImputedWithTrainingMean() throws {
        var (x, y) = Self.problem(rows: 300, features: 3, seed: 5)
        for i in stride(from: 0, to: 300, by: 7) { x.columns[1][i] = .nan }
        var model = LogisticRegression()
        try model.fit(x, labels: y, weights: nil, control: .none)
        XCTAssertTrue(model.converged)
        let present = x.columns[1].filter { !$0.isNaN }
        XCTAssertEqual(model.standardizer.means[1], present.reduce(0, +) / Double(present.count), accuracy: 1e-9)
        let withNaN = TrainingMatrix(names: x.names, columns: [[1.5], [.nan], [30]])
        let withMean = TrainingMatrix(names: x.names, columns: [[1.5], [model.standardizer.means[1]], [30]])
        XCTAssertEqual(model.predictMargins(withNaN)[0], model.predictMargins(withMean)[0], accuracy: 1e-12)
    }

    func testNonConvergenceIsReported() throws {
        // Separable data without a penalty has no finite optimum: the solver must say it stopped early.
        let x = TrainingMatrix(names: ["a"], columns: [[1, 2, 3, 4, 5, 6]])
        let lines = LineCollector()
        let control = TrainingControl { lines.append($0) }
        var model = LogisticRegression(penalty: .none, maxIterations: 5)
        try model.fit(x, labels: [0, 0, 0, 1, 1, 1], weights: nil, control: control)
        XCTAssertFalse(model.converged)
        XCTAssertEqual(model.iterations, 5)
        XCTAssertTrue(lines.lines.last?.contains("did NOT converge after 5 iterations") ?? false, "\(lines.lines)")
        XCTAssertEqual(lines.lines.filter { $0.contains("iteration ") }.count, 5)
        // A convergent fit says so.
        var ridge = LogisticRegression(penalty: .l2)
        try ridge.fit(x, labels: [0, 0, 1, 0, 1, 1], weights: nil, control: control)
        XCTAssertTrue(ridge.converged)
        XCTAssertTrue(lines.lines.last?.contains("converged after \(ridge.iterations) iterations") ?? false)
    }

    func testCancellationStopsTheFit() throws {
        let (x, y) = Self.problem(rows: 200, features: 3, seed: 6)
        let control = TrainingControl()
        control.cancel()
        var model = LogisticRegression(penalty: .l1)
        XCTAssertThrowsError(try model.fit(x, labels: y, weights: nil, control: control)) {
            XCTAssertEqual($0 as? TrainingError, .cancelled)
        }
        XCTAssertFalse(model.isFitted)
        // Cancelled from the progress callback after the first iteration.
        let holder = ControlHolder()
        let midway = TrainingControl { line in if line.contains("iteration 1,") { holder.control?.cancel() } }
        holder.control = midway
        var lasso = LogisticRegression(penalty: .l1, c: 1.0, tolerance: 1e-14, maxIterations: 1000)
        XCTAssertThrowsError(try lasso.fit(x, labels: y, weights: nil, control: midway)) {
            XCTAssertEqual($0 as? TrainingError, .cancelled)
        }
    }

    func testBadInputGivesTypedErrors() {
        let x = TrainingMatrix(names: ["age", "spend"], columns: [[1, 2, 3, 4], [5, 6, .infinity, 8]])
        var model = LogisticRegression()
        XCTAssertThrowsError(try model.fit(x, labels: [1, 1, 1, 1], weights: nil, control: .none)) {
            XCTAssertEqual($0 as? TrainingError, .oneClass(label: 1))
        }
        XCTAssertThrowsError(try model.fit(x, labels: [0, 1, 0, 1], weights: nil, control: .none)) {
            XCTAssertEqual($0 as? TrainingError, .nonFinite(feature: "spend", row: 2, value: .infinity))
            XCTAssertTrue(($0 as? TrainingError)?.message.contains("feature 'spend' row 3") ?? false)
        }
        let constant = TrainingMatrix(names: ["a", "b"], columns: [[1, 1, 1, 1], [2, .nan, 2, 2]])
        XCTAssertThrowsError(try model.fit(constant, labels: [0, 1, 0, 1], weights: nil, control: .none)) {
            XCTAssertEqual($0 as? TrainingError, .allFeaturesConstant)
        }
        let fine = TrainingMatrix(names: ["a"], columns: [[1, 2, 3, 4]])
        XCTAssertThrowsError(try model.fit(fine, labels: [0, 1, 0], weights: nil, control: .none)) {
            guard case .shapeMismatch? = $0 as? TrainingError else { return XCTFail("\($0)") }
        }
        XCTAssertThrowsError(try model.fit(fine, labels: [0, 1, 2, 1], weights: nil, control: .none)) {
            XCTAssertTrue(($0 as? TrainingError)?.message.contains("label of row 3 is 2.0") ?? false, "\($0)")
        }
        XCTAssertThrowsError(try model.fit(fine, labels: [0, 1, 0, 1], weights: [1, -1, 1, 1], control: .none))
        // A class with zero total weight is as good as absent.
        XCTAssertThrowsError(try model.fit(fine, labels: [0, 1, 0, 1], weights: [1, 0, 1, 0], control: .none)) {
            XCTAssertEqual($0 as? TrainingError, .oneClass(label: 0))
        }
        var badC = LogisticRegression(c: 0)
        XCTAssertThrowsError(try badC.fit(fine, labels: [0, 1, 0, 1], weights: nil, control: .none))
        XCTAssertFalse(model.isFitted)
    }

    func testDecodingRejectsNewerVersionsOtherFamiliesAndDamage() throws {
        let (x, y) = Self.problem(rows: 100, features: 2, seed: 7)
        var model = LogisticRegression()
        try model.fit(x, labels: y, weights: nil, control: .none)
        var document = try XCTUnwrap(JSONSerialization.jsonObject(with: model.encoded()) as? [String: Any])
        XCTAssertEqual(document["formatVersion"] as? Int, 1)
        XCTAssertEqual(document["family"] as? String, "logreg")

        document["formatVersion"] = 2
        XCTAssertThrowsError(try LogisticRegression.decode(JSONSerialization.data(withJSONObject: document))) { error in
            guard case .unsupportedFormat(let why)? = error as? TrainingError else { return XCTFail("\(error)") }
            XCTAssertTrue(why.contains("format version 2 by a newer churn"), why)
            XCTAssertTrue(why.contains("reads up to version 1"), why)
        }
        document["formatVersion"] = 1
        document["family"] = "gbdt"
        XCTAssertThrowsError(try LogisticRegression.decode(JSONSerialization.data(withJSONObject: document))) { error in
            XCTAssertTrue((error as? TrainingError)?.message.contains("holds a gbdt model") ?? false, "\(error)")
        }
        document["family"] = "logreg"
        var payload = try XCTUnwrap(document["model"] as? [String: Any])
        payload["scales"] = [1.0]
        document["model"] = payload
        XCTAssertThrowsError(try LogisticRegression.decode(JSONSerialization.data(withJSONObject: document))) { error in
            XCTAssertTrue((error as? TrainingError)?.message.contains("damaged") ?? false, "\(error)")
        }
        payload.removeValue(forKey: "coefficientsPerStd")
        document["model"] = payload
        XCTAssertThrowsError(try LogisticRegression.decode(JSONSerialization.data(withJSONObject: document))) { error in
            XCTAssertTrue((error as? TrainingError)?.message.contains("missing field 'coefficientsPerStd'") ?? false, "\(error)")
        }
        XCTAssertThrowsError(try LogisticRegression.decode(Data("not json".utf8))) { error in
            XCTAssertTrue((error as? TrainingError)?.message.contains("not a churn model file") ?? false, "\(error)")
        }
    }

    func testStrongerL1PenaltyGivesSparserModels() throws {
        let (x, y) = Self.problem(rows: 800, features: 8, seed: 8)
        var previous = Int.max
        for c in [10.0, 0.05, 0.01, 0.002] {
            var model = LogisticRegression(penalty: .l1, c: c)
            try model.fit(x, labels: y, weights: nil, control: .none)
            XCTAssertTrue(model.converged, "C=\(c)")
            let nonZero = model.coefficientsPerStd.filter { $0 != 0 }.count
            XCTAssertLessThanOrEqual(nonZero, previous, "C=\(c)")
            previous = nonZero
        }
        XCTAssertEqual(previous, 0)
    }
}

/// Collects progress lines from any thread.
final class LineCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    func append(_ line: String) { lock.lock(); stored.append(line); lock.unlock() }
    var lines: [String] { lock.lock(); defer { lock.unlock() }; return stored }
}

/// Lets a progress callback reach the control it belongs to.
final class ControlHolder: @unchecked Sendable {
    var control: TrainingControl?
}
