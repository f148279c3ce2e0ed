@testable import ChurnKit
import XCTest

/// Leaderboard fold metrics: calibration and threshold fitted on the other folds, never at a fixed 0.5.
final class HonestFoldMetricsTests: XCTestCase {
    /// 8 rows, fold 0 = rows 0-3, fold 1 = rows 4-7.
    private func plan(labels: [Double]) throws -> CrossValidationPlan {
        let feature = (0..<labels.count).map { Double($0 * 7 % 5) }
        let data = try TrainingData(matrix: TrainingMatrix(names: ["x"], columns: [feature]), labels: labels, minimumMinority: 1)
        return try CrossValidationPlan(data: data, k: 2, seed: 1, views: [], classWeights: false,
                                       assignment: [0, 0, 0, 0, 1, 1, 1, 1], control: .none)
    }

    /// Worked by hand. Fold 1's scores 0.9(churn) 0.7 0.6(churn) 0.2 have the best F1 (0.8) at 0.6, so
    /// fold 0 is cut at 0.6: of 0.65(churn) 0.3 0.55(churn) 0.62 it flags 0.65 and 0.62 → precision,
    /// recall and F1 0.5 (at 0.5 it would have flagged three: recall 1, F1 0.8). Fold 0's scores have
    /// the best F1 at 0.55, which flags 0.9, 0.7 and 0.6 of fold 1 → precision 2/3, recall 1, F1 0.8.
    /// Business value (a save nets 0.3·500 − 10 = 140, an offer costs 10): fold 0 (140 − 10)/280,
    /// fold 1 (280 − 10)/280.
    func testEachFoldIsCutAtTheThresholdOfTheOtherFolds() throws {
        let labels: [Double] = [1, 0, 1, 0, 1, 1, 0, 0]
        let p = try plan(labels: labels)
        let folds: [[Double]] = [[0.65, 0.3, 0.55, 0.62], [0.9, 0.6, 0.7, 0.2]]
        let oof = folds[0] + folds[1]
        let identity = try Calibrator.fitting(.none, scores: oof, labels: labels, scoreKind: .probability)
        let result = HonestFoldMetrics.measure(foldProbabilities: folds, outOfFold: oof, plan: p, calibration: identity,
                                               businessValue: BusinessValue())
        XCTAssertEqual(result.metrics.map(\.threshold), [0.6, 0.55])
        XCTAssertEqual(result.metrics[0].precision, 0.5, accuracy: 1e-12)
        XCTAssertEqual(result.metrics[0].recall, 0.5, accuracy: 1e-12)
        XCTAssertEqual(result.metrics[0].f1, 0.5, accuracy: 1e-12)
        XCTAssertEqual(result.metrics[1].precision, 2.0 / 3, accuracy: 1e-12)
        XCTAssertEqual(result.metrics[1].recall, 1, accuracy: 1e-12)
        XCTAssertEqual(result.metrics[1].f1, 0.8, accuracy: 1e-12)
        XCTAssertEqual(result.businessValues[0], 130.0 / 280, accuracy: 1e-12)
        XCTAssertEqual(result.businessValues[1], 270.0 / 280, accuracy: 1e-12)
        // Ranking metrics are the fold's own: fold 0 ranks its two churners 1st and 3rd of 4 → AUC 0.75.
        XCTAssertEqual(result.metrics[0].rocAUC, 0.75, accuracy: 1e-12)
    }

    /// Two models with the same ranking, one with probabilities pushed towards churn (as class weights
    /// do): at a fixed 0.5 the pushed one shows far more recall; measured as used (calibrated, cut at
    /// the other folds' threshold) both get the same precision, recall, F1 and business value.
    func testProbabilitiesLeaningTowardsChurnGainNoRecall() throws {
        var random = SeededRandom(seed: 5)
        let n = 400
        var scores: [Double] = [], labels: [Double] = []
        for _ in 0..<n {
            let z = random.nextNormal()
            scores.append(z)
            labels.append(random.nextDouble() < 1 / (1 + exp(-(2 * z - 1.5))) ? 1 : 0)
        }
        let data = try TrainingData(matrix: TrainingMatrix(names: ["z"], columns: [scores]), labels: labels)
        let p = try CrossValidationPlan(data: data, k: 4, seed: 2, views: [], classWeights: false, control: .none)
        func model(shift: Double) -> (folds: [[Double]], oof: [Double]) {
            let probability = scores.map { 1 / (1 + exp(-(2 * $0 - 1.5 + shift))) }
            return (p.folds.map { $0.validation.map { probability[$0] } }, probability)
        }
        let plain = model(shift: 0), leaning = model(shift: 2)
        let fixedHalf = { (m: (folds: [[Double]], oof: [Double])) -> Double in
            zip(m.folds, p.folds).map { BinaryMetrics(probabilities: $0, labels: $1.validationLabels, threshold: 0.5).recall }.reduce(0, +) / 4
        }
        XCTAssertGreaterThan(fixedHalf(leaning) - fixedHalf(plain), 0.2)  // the old rule's bias
        func honest(_ m: (folds: [[Double]], oof: [Double])) throws -> (metrics: [BinaryMetrics], businessValues: [Double]) {
            let platt = try Calibrator.fitting(.platt, scores: m.oof, labels: labels, scoreKind: .probability)
            return HonestFoldMetrics.measure(foldProbabilities: m.folds, outOfFold: m.oof, plan: p, calibration: platt,
                                             businessValue: BusinessValue())
        }
        let a = try honest(plain), b = try honest(leaning)
        for f in 0..<4 {
            XCTAssertEqual(a.metrics[f].recall, b.metrics[f].recall, accuracy: 1e-9)
            XCTAssertEqual(a.metrics[f].precision, b.metrics[f].precision, accuracy: 1e-9)
            XCTAssertEqual(a.metrics[f].f1, b.metrics[f].f1, accuracy: 1e-9)
            XCTAssertEqual(a.metrics[f].brier, b.metrics[f].brier, accuracy: 1e-6)
            XCTAssertEqual(a.businessValues[f], b.businessValues[f], accuracy: 1e-9)
            XCTAssertNotEqual(a.metrics[f].threshold, 0.5)
        }
    }

    /// In a real run the suggested business threshold lives on the calibrated scale users see.
    func testTheBusinessThresholdIsOnTheCalibratedScale() throws {
        let data = try TrainingTestData.data()
        let result = try TrainingEngine.run(data, configuration: TrainingConfiguration(families: [.logreg], folds: 4, seed: 3, trials: 1),
                                            control: .none)
        for entry in result.leaderboard {
            let calibrated = entry.calibration.probabilities(entry.outOfFold)
            XCTAssertEqual(entry.businessThreshold, BusinessValue.f1OptimalThreshold(scores: calibrated, labels: data.labels))
            XCTAssertTrue(calibrated.contains(entry.businessThreshold))
        }
    }
}
