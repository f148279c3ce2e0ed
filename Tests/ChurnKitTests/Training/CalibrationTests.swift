import XCTest
@testable import ChurnKit

/// Platt scaling, isotonic regression and the calibration chooser: hand examples, scikit-learn
/// fixtures (Tests/Fixtures/sklearn_svm_nb_calibration.json) and behaviour on known distortions.
final class CalibrationTests: XCTestCase {
    // MARK: Isotonic

    func testPoolAdjacentViolatorsByHand() {
        // 3 > 2 pool to 2.5; then 4 > 3 pool to 3.5.
        XCTAssertEqual(IsotonicRegression.poolAdjacentViolators([1, 3, 2, 4, 3, 5]), [1, 2.5, 2.5, 3.5, 3.5, 5])
        // A violation that cascades back: 5, 1, 1 → one block of mean 7/3.
        assertClose(IsotonicRegression.poolAdjacentViolators([0, 5, 1, 1]), [0, 7.0 / 3, 7.0 / 3, 7.0 / 3], accuracy: 1e-15, "cascade")
        // Weighted: (3·1 + 1·3) / 4 = 1.5.
        XCTAssertEqual(IsotonicRegression.poolAdjacentViolators([3, 1], weights: [1, 3]), [1.5, 1.5])
        // Already monotone input is unchanged; decreasing input becomes its weighted mean.
        XCTAssertEqual(IsotonicRegression.poolAdjacentViolators([0, 0, 1, 2]), [0, 0, 1, 2])
        XCTAssertEqual(IsotonicRegression.poolAdjacentViolators([4, 2, 0], weights: [1, 1, 2]), [1.5, 1.5, 1.5])
        XCTAssertEqual(IsotonicRegression.poolAdjacentViolators([]), [])
    }

    func testIsotonicMapByHand() {
        // Scores 0, 1, 2, 3 with labels 0, 1, 0, 1: PAV pools the middle pair to 0.5.
        let map = IsotonicRegression(fitting: [3, 1, 0, 2], labels: [1, 1, 0, 0])
        XCTAssertEqual(map.thresholds, [0, 1, 2, 3])
        XCTAssertEqual(map.values, [0, 0.5, 0.5, 1])
        XCTAssertEqual(map.value(-4), 0)      // clipped
        XCTAssertEqual(map.value(0.5), 0.25)  // interpolated
        XCTAssertEqual(map.value(1.5), 0.5)
        XCTAssertEqual(map.value(2.75), 0.875)
        XCTAssertEqual(map.value(9), 1)
        XCTAssertTrue(map.value(.nan).isNaN)
        // Tied scores are merged into their mean label.
        let tied = IsotonicRegression(fitting: [1, 1, 1, 2], labels: [0, 1, 1, 1])
        XCTAssertEqual(tied.values, [2.0 / 3, 1])
    }

    func testIsotonicMatchesScikitLearn() throws {
        let fixture = try FixtureFiles.json("sklearn_svm_nb_calibration.json").object("isotonic")
        let scores = try fixture.numbers("scores"), labels = try fixture.numbers("labels")
        let weights = try fixture.numbers("weights"), query = try fixture.numbers("query")
        for (key, w) in [("plain", nil), ("weighted", weights)] as [(String, [Double]?)] {
            let expected = try fixture.object(key)
            let map = IsotonicRegression(fitting: scores, labels: labels, weights: w)
            assertClose(map.thresholds, try expected.numbers("thresholds"), accuracy: 1e-15, "\(key) thresholds")
            assertClose(map.values, try expected.numbers("values"), accuracy: 1e-12, "\(key) values")
            assertClose(map.values(query), try expected.numbers("predictions"), accuracy: 1e-12, "\(key) predictions")
        }
    }

    // MARK: Platt

    /// Two score values with n rows each: the sigmoid can hit the smoothed targets exactly, so
    /// A·1 + B = −log(n+1) and −A + B = log(n+1): B = 0, A = −log(n+1).
    func testPlattByHandOnTwoPoints() {
        let n = 9
        let scores = [Double](repeating: -1, count: n) + [Double](repeating: 1, count: n)
        let labels = [Double](repeating: 0, count: n) + [Double](repeating: 1, count: n)
        let (model, report) = PlattScaling.fitWithReport(scores: scores, labels: labels)
        XCTAssertTrue(report.converged)
        XCTAssertEqual(model.a, -log(Double(n + 1)), accuracy: 1e-9)
        XCTAssertEqual(model.b, 0, accuracy: 1e-9)
        XCTAssertEqual(model.probability(1), Double(n + 1) / Double(n + 2), accuracy: 1e-10)
        XCTAssertEqual(model.probability(-1), 1 / Double(n + 2), accuracy: 1e-10)
    }

    func testPlattMatchesScikitLearnSigmoidCalibration() throws {
        let fixture = try FixtureFiles.json("sklearn_svm_nb_calibration.json").object("platt")
        let scores = try fixture.numbers("scores"), labels = try fixture.numbers("labels"), weights = try fixture.numbers("weights")
        for (key, w) in [("plain", nil), ("weighted", weights)] as [(String, [Double]?)] {
            let expected = try fixture.object(key)
            let (model, report) = PlattScaling.fitWithReport(scores: scores, labels: labels, weights: w)
            XCTAssertTrue(report.converged, key)
            let tight = try expected.numbers("tight"), sklearn = try expected.numbers("sklearn")
            // Against the same objective minimised to machine precision, and against scikit-learn's
            // L-BFGS answer (which stops at gradient 1e-6).
            XCTAssertEqual(model.a, tight[0], accuracy: 1e-8, key)
            XCTAssertEqual(model.b, tight[1], accuracy: 1e-8, key)
            XCTAssertEqual(model.a, sklearn[0], accuracy: 1e-6, key)
            XCTAssertEqual(model.b, sklearn[1], accuracy: 1e-6, key)
            XCTAssertEqual(report.loss, try expected.number("loss"), accuracy: 1e-9 * report.loss, key)
        }
    }

    func testPlattSurvivesSeparableAndExtremeScores() {
        let scores: [Double] = [-500, -300, -2, 3, 400, 800]
        let labels: [Double] = [0, 0, 0, 1, 1, 1]
        let (model, report) = PlattScaling.fitWithReport(scores: scores, labels: labels)
        XCTAssertTrue(report.converged)
        XCTAssertTrue(model.a.isFinite && model.b.isFinite)
        XCTAssertLessThan(model.a, 0)
        let p = model.probabilities(scores)
        XCTAssertTrue(p.allSatisfy { $0 > 0 && $0 < 1 }, "\(p)")
        XCTAssertEqual(p, p.sorted(), "non-decreasing in the score")
        // The smoothed targets (1/5 and 4/5 with three rows per class) keep the fit from going infinitely steep.
        XCTAssertLessThan(p[0], 0.2)
        XCTAssertGreaterThan(p[5], 0.8)
    }

    // MARK: Chooser

    /// Scores whose true churn probability is a two-step staircase: 0.1 below 0.5, 0.2 up to 0.9,
    /// then 0.9. No sigmoid has a flat step between two jumps; isotonic regression does.
    static func staircase(rows: Int, seed: UInt64) -> (scores: [Double], labels: [Double]) {
        var random = SeededRandom(seed: seed)
        var scores: [Double] = [], labels: [Double] = []
        for _ in 0..<rows {
            let s = random.nextDouble()
            let truth = s < 0.5 ? 0.1 : (s < 0.9 ? 0.2 : 0.9)
            scores.append(s)
            labels.append(random.nextDouble() < truth ? 1 : 0)
        }
        return (scores, labels)
    }

    func testChooserPicksIsotonicOnAStaircase() throws {
        let (scores, labels) = Self.staircase(rows: 4000, seed: 1)
        let calibrator = try Calibrator.choose(scores: scores, labels: labels, scoreKind: .probability, seed: 3)
        XCTAssertEqual(calibrator.method, .isotonic, "\(calibrator.candidates)")
        XCTAssertEqual(calibrator.candidates.map(\.method), [.none, .platt, .isotonic])
        XCTAssertEqual(calibrator.folds, 5)
        let brier = Dictionary(uniqueKeysWithValues: calibrator.candidates.map { ($0.method, $0.brier) })
        XCTAssertLessThan(try XCTUnwrap(brier[.isotonic]), try XCTUnwrap(brier[.platt]))
        XCTAssertLessThan(try XCTUnwrap(brier[.platt]), try XCTUnwrap(brier[.none]))
        // The fitted map follows the staircase.
        XCTAssertEqual(calibrator.probability(0.3), 0.1, accuracy: 0.04)
        XCTAssertEqual(calibrator.probability(0.7), 0.2, accuracy: 0.04)
        XCTAssertEqual(calibrator.probability(0.95), 0.9, accuracy: 0.06)
        // Reliability after calibration lies near the diagonal; before, it did not.
        XCTAssertFalse(calibrator.reliabilityBefore.isEmpty)
        XCTAssertFalse(calibrator.reliabilityAfter.isEmpty)
        let worstBefore = calibrator.reliabilityBefore.map { abs($0.meanPredicted - $0.fractionPositive) }.max() ?? 0
        let worstAfter = calibrator.reliabilityAfter.filter { $0.rows >= 100 }.map { abs($0.meanPredicted - $0.fractionPositive) }.max() ?? 1
        XCTAssertGreaterThan(worstBefore, 0.3)
        XCTAssertLessThan(worstAfter, 0.06)
    }

    func testChooserKeepsAlreadyCalibratedScoresOrUsesPlatt() throws {
        for seed in [UInt64(5), 6, 7] {
            var random = SeededRandom(seed: seed)
            var scores: [Double] = [], labels: [Double] = []
            for _ in 0..<3000 {
                let s = random.nextDouble()
                scores.append(s)
                labels.append(random.nextDouble() < s ? 1 : 0)
            }
            let calibrator = try Calibrator.choose(scores: scores, labels: labels, scoreKind: .probability, seed: seed)
            XCTAssertNotEqual(calibrator.method, .isotonic, "seed \(seed): \(calibrator.candidates)")
            // Whatever was chosen is close to the identity.
            for s in [0.1, 0.5, 0.9] { XCTAssertEqual(calibrator.probability(s), s, accuracy: 0.05) }
        }
    }

    func testPlattOnProbabilitiesCanRepresentTheIdentity() throws {
        // Platt is fitted on log-odds of probabilities: A = −1, B = 0 reproduces them.
        let calibrator = Calibrator(scoreKind: .probability, method: .platt, platt: PlattScaling(a: -1, b: 0), isotonic: nil,
                                    candidates: [], folds: 0, reliabilityBefore: [], reliabilityAfter: [])
        for p in [0.01, 0.3, 0.5, 0.77, 0.999] { XCTAssertEqual(calibrator.probability(p), p, accuracy: 1e-12) }
    }

    func testMarginScoresAndGivenMethod() throws {
        let (x, y) = LogisticRegressionBehaviourTests.problem(rows: 600, features: 3, seed: 31)
        var model = LogisticRegression()
        try model.fit(x, labels: y, weights: nil, control: .none)
        let margins = model.predictMargins(x)
        let chosen = try Calibrator.choose(scores: margins, labels: y, scoreKind: .margin, seed: 1)
        XCTAssertEqual(chosen.candidates.map(\.method), [.platt, .isotonic], "none is not offered for margins")
        XCTAssertTrue(chosen.reliabilityBefore.isEmpty)
        let platt = try Calibrator.fitting(.platt, scores: margins, labels: y, scoreKind: .margin)
        XCTAssertEqual(platt.platt, PlattScaling.fit(scores: margins, labels: y))
        XCTAssertThrowsError(try Calibrator.fitting(.none, scores: margins, labels: y, scoreKind: .margin))
    }

    func testSameSeedSameChoiceAndCodable() throws {
        let (scores, labels) = Self.staircase(rows: 1000, seed: 2)
        let a = try Calibrator.choose(scores: scores, labels: labels, scoreKind: .probability, seed: 9)
        let b = try Calibrator.choose(scores: scores, labels: labels, scoreKind: .probability, seed: 9)
        XCTAssertEqual(a, b)
        let decoded = try JSONDecoder().decode(Calibrator.self, from: JSONEncoder().encode(a))
        XCTAssertEqual(decoded, a)
        XCTAssertEqual(decoded.probabilities(scores), a.probabilities(scores))
    }

    func testChooserErrors() {
        XCTAssertThrowsError(try Calibrator.choose(scores: [0.1, 0.2], labels: [1, 1], scoreKind: .probability)) {
            XCTAssertEqual($0 as? TrainingError, .oneClass(label: 1))
        }
        XCTAssertThrowsError(try Calibrator.choose(scores: [0.1, 0.2, 0.3], labels: [0, 1, 0], scoreKind: .probability)) {
            XCTAssertEqual($0 as? TrainingError, .tooFewMinority(count: 1, needed: 2))
        }
        XCTAssertThrowsError(try Calibrator.choose(scores: [0.1, .nan, 0.3, 0.4], labels: [0, 1, 0, 1], scoreKind: .probability)) {
            guard case .nonFinite(_, 1, _)? = $0 as? TrainingError else { return XCTFail("\($0)") }
        }
        XCTAssertThrowsError(try Calibrator.choose(scores: [0.1, 1.3, 0.3, 0.4], labels: [0, 1, 0, 1], scoreKind: .probability)) {
            XCTAssertTrue(($0 as? TrainingError)?.message.contains("not a probability") ?? false)
        }
        XCTAssertThrowsError(try Calibrator.choose(scores: [0.1, 0.3], labels: [0, 1, 0], scoreKind: .probability))
    }
}
