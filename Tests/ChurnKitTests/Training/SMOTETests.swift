@testable import ChurnKit
import XCTest

/// SMOTE: synthetic rows on segments between minority neighbours, balanced counts, determinism,
/// categorical and missing values copied from an endpoint.
final class SMOTETests: XCTestCase {
    /// 60 majority rows, 15 minority rows; features a, b numeric, `plan` categorical codes 0...2.
    private func table(seed: UInt64 = 5, missing: Bool = false) -> (TrainingMatrix, [Double]) {
        var random = SeededRandom(seed: seed)
        var a = [Double](), b = [Double](), plan = [Double](), labels = [Double]()
        for i in 0..<75 {
            let minority = i % 5 == 0
            a.append(random.nextNormal() + (minority ? 3 : 0))
            b.append(missing && i % 7 == 0 ? .nan : 10 * random.nextNormal())
            plan.append(Double(random.nextInt(below: 3)))
            labels.append(minority ? 1 : 0)
        }
        return (TrainingMatrix(names: ["a", "b", "plan"], columns: [a, b, plan], categorical: [2]), labels)
    }

    func testCountsAreBalancedOrFollowTheRatio() throws {
        let (x, y) = table()
        var random = SeededRandom(seed: 1)
        let out = try SMOTE().oversample(x, labels: y, random: &random)
        XCTAssertEqual(out.syntheticCount, 45)  // 60 − 15
        XCTAssertEqual(out.labels.filter { $0 == 1 }.count, 60)
        XCTAssertEqual(out.labels.filter { $0 == 0 }.count, 60)
        XCTAssertEqual(out.matrix.rows, 120)
        // The original rows come first, unchanged.
        for j in 0..<3 { XCTAssertEqual(Array(out.matrix.columns[j].prefix(75)), x.columns[j]) }
        let half = try SMOTE(ratio: 0.5).oversample(x, labels: y, random: &random)
        XCTAssertEqual(half.syntheticCount, 15)  // 30 − 15
        // Rows subset: majority is the label-0 class within the rows given.
        let rows = Array(0..<40)  // 8 minority, 32 majority
        let part = try SMOTE().oversample(x, labels: y, rows: rows, random: &random)
        XCTAssertEqual(part.syntheticCount, 24)
        XCTAssertEqual(part.originalCount, 40)
        // Majority class labelled 1: the 0s are over-sampled.
        let flipped = try SMOTE().oversample(x, labels: y.map { 1 - $0 }, random: &random)
        XCTAssertEqual(flipped.labels.suffix(45), [Double](repeating: 0, count: 45))
    }

    func testSyntheticPointsLieOnSegmentsToNearMinorityNeighbours() throws {
        let (x, y) = table()
        var random = SeededRandom(seed: 2)
        let out = try SMOTE().oversample(x, labels: y, random: &random)
        let minority = y.indices.filter { y[$0] == 1 }
        // Independent brute-force 5 nearest neighbours on standardised a, b (sample std) plus categorical mismatch.
        func standardised(_ c: [Double]) -> [Double] {
            let m = c.reduce(0, +) / Double(c.count)
            let sd = (c.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(c.count - 1)).squareRoot()
            return c.map { ($0 - m) / sd }
        }
        let sa = standardised(x.columns[0]), sb = standardised(x.columns[1])
        func distance(_ i: Int, _ j: Int) -> Double {
            (sa[i] - sa[j]) * (sa[i] - sa[j]) + (sb[i] - sb[j]) * (sb[i] - sb[j]) + (x.columns[2][i] == x.columns[2][j] ? 0 : 1)
        }
        for s in 0..<out.syntheticCount {
            let r = out.originalCount + s
            let (i, n) = out.origins[s]
            XCTAssertEqual(y[i], 1); XCTAssertEqual(y[n], 1); XCTAssertNotEqual(i, n)
            let nearest = minority.filter { $0 != i }.sorted { (distance(i, $0), $0) < (distance(i, $1), $1) }.prefix(5)
            XCTAssertTrue(nearest.contains(n), "neighbour \(n) of \(i) is not among its 5 nearest")
            let u = (out.matrix.columns[0][r] - x.columns[0][i]) / (x.columns[0][n] - x.columns[0][i])
            XCTAssertGreaterThanOrEqual(u, 0); XCTAssertLessThanOrEqual(u, 1)
            XCTAssertEqual(out.matrix.columns[1][r], x.columns[1][i] + u * (x.columns[1][n] - x.columns[1][i]), accuracy: 1e-9)
            // Categorical: the endpoint nearer along the segment, never an interpolation.
            XCTAssertEqual(out.matrix.columns[2][r], u < 0.5 ? x.columns[2][i] : x.columns[2][n])
        }
    }

    func testCategoricalAndMissingValuesAreCopiedFromAnEndpoint() throws {
        let (x, y) = table(missing: true)
        var random = SeededRandom(seed: 3)
        let out = try SMOTE().oversample(x, labels: y, random: &random)
        var copiedMissing = 0
        for s in 0..<out.syntheticCount {
            let r = out.originalCount + s
            let (i, n) = out.origins[s]
            let code = out.matrix.columns[2][r]
            XCTAssertTrue(code == x.columns[2][i] || code == x.columns[2][n], "category \(code) is not an endpoint's")
            XCTAssertEqual(code, code.rounded())
            let v = out.matrix.columns[1][r], vi = x.columns[1][i], vn = x.columns[1][n]
            if vi.isNaN || vn.isNaN {
                let matchesRow = v.isNaN ? vi.isNaN : v == vi
                let matchesNeighbour = v.isNaN ? vn.isNaN : v == vn
                XCTAssertTrue(matchesRow || matchesNeighbour)
                if v.isNaN { copiedMissing += 1 }
            } else {
                XCTAssertFalse(v.isNaN)
                XCTAssertTrue(min(vi, vn) - 1e-9 <= v && v <= max(vi, vn) + 1e-9)
            }
        }
        XCTAssertGreaterThan(copiedMissing, 0, "the fixture should exercise a missing endpoint")
    }

    func testSameSeedSameRowsDifferentSeedDifferentRows() throws {
        let (x, y) = table()
        func run(_ seed: UInt64) throws -> [[Double]] {
            var random = SeededRandom(seed: seed)
            return try SMOTE().oversample(x, labels: y, random: &random).matrix.columns
        }
        XCTAssertEqual(try run(9), try run(9))
        XCTAssertNotEqual(try run(9), try run(10))
    }

    func testBadInputGivesClearErrors() throws {
        let x = TrainingMatrix(names: ["a"], columns: [[1, 2, 3, 4, 5]])
        var random = SeededRandom(seed: 1)
        XCTAssertThrowsError(try SMOTE().oversample(x, labels: [1, 0, 0, 0, 0], random: &random)) { error in
            XCTAssertEqual(error as? SMOTEError, .tooFewMinority(1))
            XCTAssertTrue((error as? SMOTEError)?.message.contains("--imbalance weights") ?? false)
        }
        XCTAssertThrowsError(try SMOTE(neighbours: 0).oversample(x, labels: [1, 1, 0, 0, 0], random: &random))
        XCTAssertThrowsError(try SMOTE(ratio: 1.5).oversample(x, labels: [1, 1, 0, 0, 0], random: &random))
        // Already balanced: nothing added, no error even with one row per class.
        let none = try SMOTE().oversample(TrainingMatrix(names: ["a"], columns: [[1, 2]]), labels: [1, 0], random: &random)
        XCTAssertEqual(none.syntheticCount, 0)
    }
}
