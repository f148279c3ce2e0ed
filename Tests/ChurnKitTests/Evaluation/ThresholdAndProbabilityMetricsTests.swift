import XCTest
@testable import ChurnKit

/// Confusion matrix, log loss, Brier, calibration curve and the BinaryMetrics bundle.
final class ThresholdAndProbabilityMetricsTests: XCTestCase {
    func testConfusionMatrixAtThresholdCountsTiesAsPositive() {
        let scores = [0.9, 0.8, 0.8, 0.6, 0.6, 0.6, 0.3, 0.1]
        let labels = [1.0, 1, 0, 1, 0, 0, 1, 0]
        // At 0.6 (>=): predicted positive 0.9, 0.8, 0.8, 0.6×3 → TP 3, FP 3; below: 0.3 (pos) FN 1, 0.1 TN 1.
        let m = ConfusionMatrix(scores: scores, labels: labels, threshold: 0.6)
        XCTAssertEqual(m, ConfusionMatrix(truePositives: 3, falsePositives: 3, trueNegatives: 1, falseNegatives: 1))
        XCTAssertEqual(m.accuracy, 0.5)
        XCTAssertEqual(m.precision, 0.5)
        XCTAssertEqual(m.recall, 0.75)
        XCTAssertEqual(m.f1, 0.6, accuracy: 1e-15)  // 2·3 / (6 + 3 + 1)
        XCTAssertEqual(m.specificity, 0.25)
        // Nothing predicted positive: precision and F1 are 0, not NaN.
        let none = ConfusionMatrix(scores: scores, labels: labels, threshold: 2)
        XCTAssertEqual(none.precision, 0)
        XCTAssertEqual(none.f1, 0)
        XCTAssertEqual(none.accuracy, 0.5)
        // Weights: TP weight 5 against FP weight 1 at threshold 0.7.
        let weighted = ConfusionMatrix(scores: [0.9, 0.8, 0.2], labels: [1, 0, 1], weights: [5, 1, 2], threshold: 0.7)
        XCTAssertEqual(weighted.precision, 5.0 / 6, accuracy: 1e-15)
        XCTAssertEqual(weighted.recall, 5.0 / 7, accuracy: 1e-15)
    }

    func testLogLossAndBrierByHand() {
        // −(ln 0.8 + ln 0.6)/2 = (0.2231435513 + 0.5108256238)/2.
        XCTAssertEqual(Metrics.logLoss(probabilities: [0.8, 0.4], labels: [1, 0]), 0.36698458754, accuracy: 1e-10)
        // (0.2² + 0.4²)/2 = 0.1.
        XCTAssertEqual(Metrics.brierScore(probabilities: [0.8, 0.4], labels: [1, 0]), 0.1, accuracy: 1e-15)
        // A confident mistake is clipped at ε = 2.22e-16: −ln ε = 36.0436533891.
        XCTAssertEqual(Metrics.logLoss(probabilities: [0], labels: [1]), 36.04365338911715, accuracy: 1e-9)
        XCTAssertEqual(Metrics.logLoss(probabilities: [1], labels: [1]), -log(1 - Double.ulpOfOne), accuracy: 1e-20)
        // Weights: (3·0.2231435513 + 1·0.5108256238)/4.
        XCTAssertEqual(Metrics.logLoss(probabilities: [0.8, 0.4], labels: [1, 0], weights: [3, 1]),
                       (3 * 0.22314355131 + 0.51082562377) / 4, accuracy: 1e-10)
    }

    func testCalibrationCurveByHand() {
        // Two uniform bins [0, 0.5] and (0.5, 1]; 0.5 sits on the edge and goes to the lower bin.
        let points = Metrics.calibrationCurve(probabilities: [0.2, 0.5, 0.6, 0.9], labels: [0, 1, 1, 1], bins: 2)
        XCTAssertEqual(points.count, 2)
        XCTAssertEqual(points[0].meanPredicted, 0.35, accuracy: 1e-15)
        XCTAssertEqual(points[0].fractionPositive, 0.5)
        XCTAssertEqual(points[1].meanPredicted, 0.75, accuracy: 1e-15)
        XCTAssertEqual(points[1].fractionPositive, 1)
        XCTAssertEqual(points.map(\.rows), [2, 2])
        // Empty bins are left out; weights move the means: bin (0.5, 1] gets (3·0.6 + 1·0.9)/4.
        let weighted = Metrics.calibrationCurve(probabilities: [0.6, 0.9], labels: [0, 1], weights: [3, 1], bins: 4)
        XCTAssertEqual(weighted.count, 2)
        XCTAssertEqual(weighted[0].meanPredicted, 0.6, accuracy: 1e-15)
        XCTAssertEqual(weighted[1].fractionPositive, 1)
        let both = Metrics.calibrationCurve(probabilities: [0.6, 0.7], labels: [0, 1], weights: [3, 1], bins: 2)
        XCTAssertEqual(both.count, 1)
        XCTAssertEqual(both[0].meanPredicted, (3 * 0.6 + 0.7) / 4, accuracy: 1e-15)
        XCTAssertEqual(both[0].fractionPositive, 0.25)
    }

    func testBinaryMetricsBundleAndJSONRoundTrip() throws {
        let probabilities = [0.9, 0.8, 0.8, 0.6, 0.6, 0.6, 0.3, 0.1]
        let labels = [1.0, 1, 0, 1, 0, 0, 1, 0]
        let m = BinaryMetrics(probabilities: probabilities, labels: labels, threshold: 0.6)
        XCTAssertEqual(m.rows, 8)
        XCTAssertEqual(m.positives, 4)
        XCTAssertEqual(m.rocAUC, 0.65625, accuracy: 1e-15)
        XCTAssertEqual(m.averagePrecision, 115.0 / 168, accuracy: 1e-15)
        XCTAssertEqual(m.f1, 0.6, accuracy: 1e-15)
        XCTAssertEqual(m.ks, 0.25, accuracy: 1e-15)
        let decoded = try JSONDecoder().decode(BinaryMetrics.self, from: JSONEncoder().encode(m))
        XCTAssertEqual(decoded, m)
        // One class: AUC, AP and KS are undefined; they travel as null and come back as NaN.
        let oneClass = BinaryMetrics(probabilities: [0.2, 0.4], labels: [0, 0])
        XCTAssertTrue(oneClass.rocAUC.isNaN && oneClass.averagePrecision.isNaN && oneClass.ks.isNaN)
        let json = try JSONEncoder().encode(oneClass)
        XCTAssertTrue(String(decoding: json, as: UTF8.self).contains("\"rocAUC\":null"))
        XCTAssertEqual(try JSONDecoder().decode(BinaryMetrics.self, from: json), oneClass)
    }
}
