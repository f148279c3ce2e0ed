import XCTest
@testable import ChurnKit

/// Metrics on 300 rows of tied scores against scikit-learn / scipy answers in Tests/Fixtures/sklearn_metrics.json.
final class SklearnMetricsTests: XCTestCase {
    var fixture: [String: Any] = [:]
    var scores: [Double] = [], labels: [Double] = [], weights: [Double] = [], probabilities: [Double] = []

    override func setUpWithError() throws {
        fixture = try FixtureFiles.json("sklearn_metrics.json")
        scores = try fixture.numbers("scores")
        labels = try fixture.numbers("labels")
        weights = try fixture.numbers("weights")
        probabilities = try fixture.numbers("probabilities")
        XCTAssertEqual(scores.count, 300)
    }

    func testScalarMetricsMatchSklearn() throws {
        let tol = 1e-12
        XCTAssertEqual(Metrics.rocAUC(scores: scores, labels: labels), try fixture.number("rocAUC"), accuracy: tol)
        XCTAssertEqual(Metrics.rocAUC(scores: scores, labels: labels, weights: weights), try fixture.number("rocAUCWeighted"), accuracy: tol)
        XCTAssertEqual(Metrics.averagePrecision(scores: scores, labels: labels), try fixture.number("averagePrecision"), accuracy: tol)
        XCTAssertEqual(Metrics.averagePrecision(scores: scores, labels: labels, weights: weights),
                       try fixture.number("averagePrecisionWeighted"), accuracy: tol)
        XCTAssertEqual(Metrics.logLoss(probabilities: probabilities, labels: labels), try fixture.number("logLoss"), accuracy: tol)
        XCTAssertEqual(Metrics.logLoss(probabilities: probabilities, labels: labels, weights: weights),
                       try fixture.number("logLossWeighted"), accuracy: tol)
        XCTAssertEqual(Metrics.brierScore(probabilities: probabilities, labels: labels), try fixture.number("brier"), accuracy: tol)
        XCTAssertEqual(Metrics.brierScore(probabilities: probabilities, labels: labels, weights: weights),
                       try fixture.number("brierWeighted"), accuracy: tol)
        XCTAssertEqual(Metrics.ksStatistic(scores: scores, labels: labels), try fixture.number("ks"), accuracy: tol)
        let m = ConfusionMatrix(scores: scores, labels: labels, threshold: 0.5)
        XCTAssertEqual(m.accuracy, try fixture.number("accuracyAt05"), accuracy: tol)
        XCTAssertEqual(m.precision, try fixture.number("precisionAt05"), accuracy: tol)
        XCTAssertEqual(m.recall, try fixture.number("recallAt05"), accuracy: tol)
        XCTAssertEqual(m.f1, try fixture.number("f1At05"), accuracy: tol)
        let w = ConfusionMatrix(scores: scores, labels: labels, weights: weights, threshold: 0.5)
        XCTAssertEqual(w.f1, try fixture.number("f1At05Weighted"), accuracy: tol)
        assertClose([w.trueNegatives, w.falsePositives, w.falseNegatives, w.truePositives],
                    try fixture.numbers("confusionAt05Weighted"), accuracy: 1e-9, "weighted confusion")
    }

    func testROCCurvesMatchSklearn() throws {
        for (key, weighted, drop) in [("rocCurve", false, false), ("rocCurveDrop", false, true), ("rocCurveWeighted", true, false)] {
            let expected = try fixture.object(key)
            let curve = Metrics.rocCurve(scores: scores, labels: labels, weights: weighted ? weights : nil, dropIntermediate: drop)
            assertClose(curve.map(\.falsePositiveRate), try expected.numbers("fpr"), accuracy: 1e-12, "\(key) fpr")
            assertClose(curve.map(\.truePositiveRate), try expected.numbers("tpr"), accuracy: 1e-12, "\(key) tpr")
            assertClose(Array(curve.dropFirst().map(\.threshold)), try expected.numbers("thresholds"), accuracy: 0, "\(key) thresholds")
        }
    }

    func testPrecisionRecallCurveMatchesSklearn() throws {
        // scikit-learn lists thresholds increasing and ends with (recall 0, precision 1); ours runs the other way.
        let expected = try fixture.object("prCurve")
        let curve = Metrics.precisionRecallCurve(scores: scores, labels: labels)
        assertClose(curve.map(\.precision), try expected.numbers("precision").reversed(), accuracy: 1e-12, "precision")
        assertClose(curve.map(\.recall), try expected.numbers("recall").reversed(), accuracy: 1e-12, "recall")
        assertClose(Array(curve.dropFirst().map(\.threshold)), try expected.numbers("thresholds").reversed(), accuracy: 0, "thresholds")
    }

    func testCalibrationCurvesMatchSklearn() throws {
        let continuous = try fixture.numbers("continuous")
        for (name, values) in [("continuous", continuous), ("tied", scores)] {
            for binning in [CalibrationBinning.uniform, .quantile] {
                for bins in [5, 10] {
                    let key = "calibration_\(name)_\(binning.rawValue)_\(bins)"
                    let expected = try fixture.object(key)
                    let points = Metrics.calibrationCurve(probabilities: values, labels: labels, bins: bins, binning: binning)
                    assertClose(points.map(\.meanPredicted), try expected.numbers("meanPredicted"), accuracy: 1e-12, key)
                    assertClose(points.map(\.fractionPositive), try expected.numbers("fractionPositive"), accuracy: 1e-12, key)
                    XCTAssertEqual(points.map(\.rows).reduce(0, +), values.count, key)
                }
            }
        }
    }
}
