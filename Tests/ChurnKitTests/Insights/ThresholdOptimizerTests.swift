import XCTest
@testable import ChurnKit

/// Threshold optimisation on a hand example (scores 0.9 ... 0.1, labels 1 1 0 1 0 1 0 0).
///
/// Profit model: cost 10, value 50, success 0.3, so a flagged churner is worth 50·0.3 − 10 = +5 and a
/// flagged stayer −10. Net going down the list: 5, 10, 0, 5, −5, 0, −10, −20 -> best at 0.8 (net 10).
/// F1 going down: 0.4, 0.667, 0.571, 0.75, 0.667, 0.8, 0.727, 0.667 -> best at 0.3.
/// Precision: 1, 1, 0.667, 0.75, 0.6, 0.667, 0.571, 0.5. Recall: 0.25, 0.5, 0.5, 0.75, 0.75, 1, 1, 1.
final class ThresholdOptimizerTests: XCTestCase {
    let scores = [0.9, 0.8, 0.7, 0.6, 0.4, 0.3, 0.2, 0.1]
    let labels: [Double] = [1, 1, 0, 1, 0, 1, 0, 0]
    let profit = ThresholdProfitModel(costPerContact: 10, customerValue: 50, successRate: 0.3)

    func testProfitOptimalThresholdOnHandExample() throws {
        let optimizer = try ThresholdOptimizer(scores: scores, labels: labels, profit: profit)
        XCTAssertEqual(optimizer.points.map(\.netValue), [0, 5, 10, 0, 5, -5, 0, -10, -20])
        let best = try optimizer.require(.profit)
        XCTAssertEqual(best.threshold, 0.8)
        XCTAssertEqual(best.flagged, 2)
        XCTAssertEqual(best.netValue, 10, accuracy: 1e-12)
        XCTAssertEqual(best.cost, 20, accuracy: 1e-12)
    }

    func testOtherObjectivesOnHandExample() throws {
        let optimizer = try ThresholdOptimizer(scores: scores, labels: labels, profit: profit)
        let f1 = try optimizer.require(.f1)
        XCTAssertEqual(f1.threshold, 0.3)
        XCTAssertEqual(f1.f1, 0.8, accuracy: 1e-12)
        XCTAssertEqual(optimizer.best(.recall(0.75))?.threshold, 0.6)
        XCTAssertEqual(optimizer.best(.recall(0.7))?.threshold, 0.6)
        XCTAssertEqual(optimizer.best(.recall(1))?.threshold, 0.3)
        XCTAssertEqual(optimizer.best(.precision(0.7))?.threshold, 0.6)
        XCTAssertEqual(optimizer.best(.precision(0.8))?.threshold, 0.8)
        XCTAssertEqual(optimizer.best(.precision(0.5))?.threshold, 0.1)
    }

    func testWhenEveryContactLosesMoneyNobodyIsFlagged() throws {
        let costly = ThresholdProfitModel(costPerContact: 100, customerValue: 50, successRate: 0.3)
        let best = try ThresholdOptimizer(scores: scores, labels: labels, profit: costly).require(.profit)
        XCTAssertEqual(best.flagged, 0)
        XCTAssertEqual(best.threshold, .infinity)
        XCTAssertEqual(best.netValue, 0)
        let json = String(decoding: try JSONEncoder().encode(best), as: UTF8.self)
        XCTAssertTrue(json.contains("\"threshold\":null"), json)
    }

    func testPerCustomerValuesChangeTheAnswer() throws {
        // Give the churner at 0.3 a value of 1000: flagging down to 0.3 now gains 1000·0.3 − 10 = 290 there.
        var values = [Double](repeating: .nan, count: 8)
        values[5] = 1000
        let best = try ThresholdOptimizer(scores: scores, labels: labels, values: values, profit: profit).require(.profit)
        XCTAssertEqual(best.threshold, 0.3)
        XCTAssertEqual(best.netValue, 15 * 3 + 300 - 60, accuracy: 1e-9)
    }

    func testPointAtAnyThresholdAndComparisonTable() throws {
        let optimizer = try ThresholdOptimizer(scores: scores, labels: labels, profit: profit)
        let p = optimizer.point(at: 0.65)
        XCTAssertEqual(p.threshold, 0.65)
        XCTAssertEqual(p.flagged, 3)
        XCTAssertEqual(optimizer.point(at: 0.95).flagged, 0)
        XCTAssertEqual(optimizer.point(at: 0).flagged, 8)
        XCTAssertEqual(optimizer.point(at: 0.3).flagged, 6)
        let rows = optimizer.comparison()
        XCTAssertTrue((5...10).contains(rows.count), "\(rows.count)")
        XCTAssertEqual(rows.map(\.threshold), rows.map(\.threshold).sorted(by: >))
        XCTAssertTrue(rows.contains { $0.threshold == 0.8 })   // the profit optimum is always listed
        for row in rows {
            let direct = ConfusionMatrix(scores: scores, labels: labels, threshold: row.threshold)
            XCTAssertEqual(row.confusion, direct, "threshold \(row.threshold)")
            XCTAssertEqual(row.cost, Double(row.flagged) * 10)
        }
        let table = ThresholdOptimizer.table(rows)
        XCTAssertTrue(table.hasPrefix("threshold"), table)
        XCTAssertEqual(table.split(separator: "\n").count, rows.count + 2)
    }

    /// Rows of the comparison never repeat one another: no two flag the same customers, and no grid
    /// value sits within 0.01 of an optimum (the optimum is kept).
    func testComparisonHasNoNearDuplicateRows() throws {
        // 1,000 customers with scores 0.0005, 0.0015, ...; churners are those above 0.3012 plus noise, so the
        // F1 optimum lands right next to the 0.3 grid value.
        let n = 1000
        let scores = (0..<n).map { (Double($0) + 0.5) / Double(n) }
        let labels = scores.enumerated().map { i, s in s >= 0.3012 ? (i % 10 == 0 ? 0.0 : 1.0) : (i % 17 == 0 ? 1.0 : 0.0) }
        let optimizer = try ThresholdOptimizer(scores: scores, labels: labels, profit: profit)
        let f1 = try XCTUnwrap(optimizer.best(.f1))
        XCTAssertEqual(f1.threshold, 0.3015, accuracy: 0.002)
        let rows = optimizer.comparison()
        XCTAssertTrue(rows.contains { $0.threshold == f1.threshold }, "the optimum is listed")
        XCTAssertFalse(rows.contains { $0.threshold == 0.3 }, "0.3 would repeat the optimum next to it")
        for (a, b) in zip(rows, rows.dropFirst()) {
            XCTAssertNotEqual(a.flagged, b.flagged)
            XCTAssertGreaterThanOrEqual(a.threshold - b.threshold, 0.01, "\(a.threshold) and \(b.threshold)")
        }
        XCTAssertTrue((5...10).contains(rows.count), "\(rows.count)")
    }

    /// Random data with ties: every objective agrees with a direct scan over all distinct thresholds.
    func testAgreesWithBruteForceScan() throws {
        var random = SeededRandom(seed: 5)
        for _ in 0..<30 {
            let n = 20 + random.nextInt(below: 50)
            let s = (0..<n).map { _ in Double(random.nextInt(below: 15)) / 15 }
            let y = s.map { random.nextDouble() < $0 ? 1.0 : 0.0 }
            let model = ThresholdProfitModel(costPerContact: 3, customerValue: 20, successRate: 0.4)
            let optimizer = try ThresholdOptimizer(scores: s, labels: y, profit: model)
            let thresholds = Set(s).sorted(by: >)
            func net(_ t: Double) -> Double {
                let m = ConfusionMatrix(scores: s, labels: y, threshold: t)
                return m.truePositives * (20 * 0.4) - (m.truePositives + m.falsePositives) * 3
            }
            let bestNet = max(0, thresholds.map(net).max() ?? 0)
            XCTAssertEqual(try optimizer.require(.profit).netValue, bestNet, accuracy: 1e-9)
            let bestF1 = thresholds.map { ConfusionMatrix(scores: s, labels: y, threshold: $0).f1 }.max() ?? 0
            XCTAssertEqual(optimizer.best(.f1)?.f1 ?? 0, bestF1, accuracy: 1e-12)
            if y.contains(1) {
                let r = try XCTUnwrap(optimizer.best(.recall(0.6)))
                XCTAssertGreaterThanOrEqual(r.recall, 0.6)
                let higher = thresholds.filter { $0 > r.threshold }
                XCTAssertTrue(higher.allSatisfy { ConfusionMatrix(scores: s, labels: y, threshold: $0).recall < 0.6 })
            }
        }
    }

    func testObjectiveParsingAndErrors() throws {
        XCTAssertEqual(try ThresholdObjective(parsing: "recall=0.8"), .recall(0.8))
        XCTAssertEqual(try ThresholdObjective(parsing: "Precision = 0.7"), .precision(0.7))
        XCTAssertEqual(try ThresholdObjective(parsing: "profit"), .profit)
        XCTAssertThrowsError(try ThresholdObjective(parsing: "recall=80"))
        XCTAssertThrowsError(try ThresholdObjective(parsing: "accuracy"))
        XCTAssertThrowsError(try ThresholdOptimizer(scores: [0.1, .nan], labels: [0, 1]))
        XCTAssertThrowsError(try ThresholdOptimizer(scores: [0.1, 0.2], labels: [0, 2]))
        XCTAssertThrowsError(try ThresholdOptimizer(scores: [0.1], labels: [0, 1]))
        let noProfit = try ThresholdOptimizer(scores: scores, labels: labels)
        XCTAssertNil(noProfit.best(.profit))
        XCTAssertThrowsError(try noProfit.require(.profit))
        XCTAssertEqual(try noProfit.require(.precision(1)).threshold, 0.8)
        let weak = try ThresholdOptimizer(scores: [0.9, 0.8], labels: [0, 1])
        XCTAssertThrowsError(try weak.require(.precision(0.9))) { error in
            XCTAssertTrue((error as? ThresholdOptimizerError)?.message.contains("0.500") ?? false, "\(error)")
        }
    }
}
