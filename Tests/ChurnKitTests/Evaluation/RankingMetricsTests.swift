import XCTest
@testable import ChurnKit

/// ROC-AUC, ROC and PR curves, average precision, KS, precision@k and lift on hand examples with ties.
final class RankingMetricsTests: XCTestCase {
    // Eight rows with ties at 0.8 (one positive, one negative) and 0.6 (one positive, two negatives).
    let scores = [0.9, 0.8, 0.8, 0.6, 0.6, 0.6, 0.3, 0.1]
    let labels = [1.0, 1, 0, 1, 0, 0, 1, 0]

    func testAUCWithTiesEqualsMannWhitneyMidranks() {
        // Ascending midranks: 0.1→1, 0.3→2, 0.6×3→(3+4+5)/3=4, 0.8×2→(6+7)/2=6.5, 0.9→8.
        // Positive rank sum R = 8 + 6.5 + 4 + 2 = 20.5; U = R − 4·5/2 = 10.5; AUC = U / (4·4) = 0.65625.
        // Pairwise check: 0.9 beats 4; 0.8 beats 3, ties 1 (3.5); 0.6 beats 1, ties 2 (2); 0.3 beats 1 → 10.5.
        XCTAssertEqual(Metrics.rocAUC(scores: scores, labels: labels), 0.65625, accuracy: 1e-15)
        // Order of rows must not matter.
        let order = [5, 2, 7, 0, 3, 6, 1, 4]
        XCTAssertEqual(Metrics.rocAUC(scores: order.map { scores[$0] }, labels: order.map { labels[$0] }), 0.65625, accuracy: 1e-15)
    }

    func testWeightedAUCCountsPairsByWeightProduct() {
        // Positive (w 2) ties the 0.7 negative (w 1): 0.5·2·1 = 1; beats the 0.2 negative (w 3): 2·3 = 6.
        // AUC = 7 / (2 · (1 + 3)) = 0.875.
        XCTAssertEqual(Metrics.rocAUC(scores: [0.7, 0.7, 0.2], labels: [1, 0, 0], weights: [2, 1, 3]), 0.875, accuracy: 1e-15)
        // Integer weights equal repeated rows.
        XCTAssertEqual(Metrics.rocAUC(scores: [0.7, 0.7, 0.7, 0.2, 0.2, 0.2], labels: [1, 1, 0, 0, 0, 0]),
                       0.875, accuracy: 1e-15)
    }

    func testAUCUndefinedWithOneClassAndExtremes() {
        XCTAssertTrue(Metrics.rocAUC(scores: [0.1, 0.2], labels: [1, 1]).isNaN)
        XCTAssertEqual(Metrics.rocAUC(scores: [0.1, 0.2, 0.9], labels: [0, 0, 1]), 1)
        XCTAssertEqual(Metrics.rocAUC(scores: [0.9, 0.2, 0.1], labels: [0, 0, 1]), 0)
        XCTAssertEqual(Metrics.rocAUC(scores: [0.5, 0.5, 0.5, 0.5], labels: [0, 1, 0, 1]), 0.5)
    }

    func testROCCurvePointsAndKS() {
        // Thresholds 0.9: TP1 FP0; 0.8: TP2 FP1; 0.6: TP3 FP3; 0.3: TP4 FP3; 0.1: TP4 FP4 (4 of each class).
        let curve = Metrics.rocCurve(scores: scores, labels: labels)
        XCTAssertEqual(curve.map(\.threshold), [.infinity, 0.9, 0.8, 0.6, 0.3, 0.1])
        XCTAssertEqual(curve.map(\.falsePositiveRate), [0, 0, 0.25, 0.75, 0.75, 1])
        XCTAssertEqual(curve.map(\.truePositiveRate), [0, 0.25, 0.5, 0.75, 1, 1])
        // KS = max |TPR − FPR| = 0.25 (at 0.9, 0.8 and 0.3).
        XCTAssertEqual(Metrics.ksStatistic(scores: scores, labels: labels), 0.25, accuracy: 1e-15)
    }

    func testROCDropIntermediateKeepsCornersOnly() {
        // Cumulative FP 0,0,1,2 and TP 1,2,2,2: the point at score 2 lies on the segment from 3 to 1.
        let curve = Metrics.rocCurve(scores: [4, 3, 2, 1], labels: [1, 1, 0, 0], dropIntermediate: true)
        XCTAssertEqual(curve.map(\.threshold), [.infinity, 4, 3, 1])
        XCTAssertEqual(curve.map(\.falsePositiveRate), [0, 0, 0, 1])
        XCTAssertEqual(curve.map(\.truePositiveRate), [0, 0.5, 1, 1])
    }

    func testAveragePrecisionStepsOverTieGroups() {
        // Per threshold (recall, precision): 0.9 (¼, 1), 0.8 (½, ⅔), 0.6 (¾, ½), 0.3 (1, 4/7), 0.1 (1, ½).
        // AP = ¼·(1 + ⅔ + ½ + 4/7) + 0·½ = ¼ · 115/42 = 115/168.
        XCTAssertEqual(Metrics.averagePrecision(scores: scores, labels: labels), 115.0 / 168.0, accuracy: 1e-15)
        let curve = Metrics.precisionRecallCurve(scores: scores, labels: labels)
        XCTAssertEqual(curve.map(\.recall), [0, 0.25, 0.5, 0.75, 1, 1])
        assertClose(curve.map(\.precision), [1, 1, 2.0 / 3, 0.5, 4.0 / 7, 0.5], accuracy: 1e-15, "precision")
        XCTAssertTrue(Metrics.averagePrecision(scores: [0.3], labels: [0]).isNaN)
    }

    func testPrecisionAtKSharesTieGroupsProportionally() {
        // k=2: 0.9 (pos) + half of the 0.8 pair (1 pos, 1 neg) → (1 + ½)/2 = 0.75.
        XCTAssertEqual(Metrics.precisionAtK(scores: scores, labels: labels, k: 2), 0.75, accuracy: 1e-15)
        // k=3: 0.9 and both 0.8 → 2/3.
        XCTAssertEqual(Metrics.precisionAtK(scores: scores, labels: labels, k: 3), 2.0 / 3, accuracy: 1e-15)
        // k=4: plus ⅓ of the 0.6 triple (1 pos, 2 neg) → (2 + ⅓)/4 = 7/12.
        XCTAssertEqual(Metrics.precisionAtK(scores: scores, labels: labels, k: 4), 7.0 / 12, accuracy: 1e-15)
        XCTAssertEqual(Metrics.precisionAtK(scores: scores, labels: labels, k: 100), 0.5, accuracy: 1e-15)
        XCTAssertTrue(Metrics.precisionAtK(scores: scores, labels: labels, k: 0).isNaN)
    }

    func testLiftTableByQuartile() {
        // Quartiles of 8 rows end at 2, 4, 6, 8. Positives in the top m rows (ties shared):
        // top2 = 1.5, top4 = 7/3, top6 = 3, top8 = 4; overall rate ½.
        let table = Metrics.liftTable(scores: scores, labels: labels, groups: 4)
        XCTAssertEqual(table.map(\.group), [1, 2, 3, 4])
        XCTAssertEqual(table.map(\.rows), [2, 2, 2, 2])
        assertClose(table.map(\.positives), [1.5, 5.0 / 6, 2.0 / 3, 1], accuracy: 1e-12, "positives")
        assertClose(table.map(\.responseRate), [0.75, 5.0 / 12, 1.0 / 3, 0.5], accuracy: 1e-12, "rate")
        assertClose(table.map(\.lift), [1.5, 5.0 / 6, 2.0 / 3, 1], accuracy: 1e-12, "lift")
        assertClose(table.map(\.cumulativeGain), [0.375, 7.0 / 12, 0.75, 1], accuracy: 1e-12, "gain")
        assertClose(table.map(\.cumulativeLift), [1.5, 7.0 / 6, 1, 1], accuracy: 1e-12, "cumulative lift")
    }

    func testDecileTableProperties() {
        // 1,000 rows with an informative score: gains rise to 1, deciles hold 100 rows, lift falls overall.
        var generator = SplitMix(seed: 3)
        var s: [Double] = [], y: [Double] = []
        for _ in 0..<1000 {
            let label: Double = generator.next() < 0.3 ? 1 : 0
            y.append(label)
            s.append(generator.next() + 0.5 * label)
        }
        let table = Metrics.liftTable(scores: s, labels: y)
        XCTAssertEqual(table.count, 10)
        XCTAssertTrue(table.allSatisfy { $0.rows == 100 })
        XCTAssertEqual(table.last?.cumulativeGain ?? 0, 1, accuracy: 1e-12)
        XCTAssertEqual(table.map(\.positives).reduce(0, +), y.reduce(0, +), accuracy: 1e-9)
        XCTAssertTrue(zip(table, table.dropFirst()).allSatisfy { $0.cumulativeGain <= $1.cumulativeGain })
        XCTAssertGreaterThan(table[0].lift, 2)
        XCTAssertLessThan(table[9].lift, 0.5)
    }
}

/// A tiny deterministic generator for test data (SplitMix64).
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    /// A uniform number in [0, 1).
    mutating func next() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Double(z >> 11) / Double(1 << 53)
    }
    /// A standard normal number (Box-Muller).
    mutating func normal() -> Double {
        let u = max(next(), 1e-300), v = next()
        return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
    }
}
