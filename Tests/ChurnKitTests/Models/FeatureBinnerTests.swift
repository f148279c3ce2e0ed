import ChurnKit
import XCTest

final class FeatureBinnerTests: XCTestCase {
    func testFewDistinctValuesGetOneBinEachWithMidpointBounds() throws {
        let x = TrainingMatrix(names: ["a"], columns: [[3, 1, 2, .nan, 2, 1]])
        let binner = try FeatureBinner.fit(x)
        XCTAssertEqual(binner.upperBounds[0], [1.5, 2.5])
        XCTAssertEqual(binner.binCounts, [3])
        let binned = try binner.transform(x)
        XCTAssertEqual(binned.columns[0], [2, 0, 1, 3, 1, 0])
        XCTAssertEqual(binner.bin(1.5, feature: 0), 0, "a value equal to a bound belongs to the lower bin")
        XCTAssertEqual(binner.bin(100, feature: 0), 2)
        XCTAssertEqual(binner.bin(-100, feature: 0), 0)
    }

    func testManyValuesGiveAtMost255BinsOfSimilarSizeInValueOrder() throws {
        var rng = TreeTestRandom(7)
        let values = (0..<20_000).map { _ in rng.normal() }
        let x = TrainingMatrix(names: ["a"], columns: [values])
        let binner = try FeatureBinner.fit(x)
        let bounds = binner.upperBounds[0]
        XCTAssertEqual(bounds.count, 254)
        XCTAssertEqual(bounds, bounds.sorted())
        let bins = try binner.transform(x).columns[0]
        var counts = [Int](repeating: 0, count: 256)
        for (v, b) in zip(values, bins) {
            counts[Int(b)] += 1
            if Int(b) < bounds.count { XCTAssertLessThanOrEqual(v, bounds[Int(b)]) }
            if b > 0 { XCTAssertGreaterThan(v, bounds[Int(b) - 1]) }
        }
        let used = counts[0..<255]
        XCTAssertEqual(counts[255], 0, "no missing values")
        // 20,000 / 255 = 78.4 per bin; quantile bins stay close to that.
        XCTAssertGreaterThanOrEqual(used.min() ?? 0, 60)
        XCTAssertLessThanOrEqual(used.max() ?? 0, 120)
    }

    func testAHeavilyRepeatedValueGetsItsOwnBin() throws {
        var rng = TreeTestRandom(3)
        let values = (0..<10_000).map { i in i % 2 == 0 ? 0 : rng.unit() + 1 }
        let binner = try FeatureBinner.fit(TrainingMatrix(names: ["a"], columns: [values]))
        XCTAssertEqual(binner.bin(0, feature: 0), 0)
        XCTAssertEqual(binner.upperBounds[0][0], 0.5, accuracy: 0.5, "the zero bin closes between 0 and 1")
        XCTAssertEqual(binner.bin(1.0001, feature: 0), 1)
    }

    func testCategoricalCodesBinOneBinPerLevelAndUnseenCodesAsMissing() throws {
        let x = TrainingMatrix(names: ["plan", "n"], columns: [[0, 2, 4, .nan, 1, 3], [1, 2, 3, 4, 5, 6]], categorical: [0])
        let binner = try FeatureBinner.fit(x)
        XCTAssertEqual(binner.categoryLevels, [5, 0])
        XCTAssertEqual(binner.binCounts, [5, 6])
        XCTAssertEqual(try binner.transform(x).columns[0], [0, 2, 4, 5, 1, 3])
        XCTAssertEqual(binner.bin(7, feature: 0), 5)
        XCTAssertEqual(binner.bin(1.5, feature: 0), 5)
    }

    func testCategoryLevelsComeFromEveryRowNotTheSample() throws {
        // 1,000 rows of plans 0...2 and one row of plan 9; edges are sampled from 50 rows.
        let codes = (0..<1_000).map { Double($0 % 3) } + [9]
        let binner = try FeatureBinner.fit(TrainingMatrix(names: ["plan"], columns: [codes], categorical: [0]), sampleSize: 50)
        XCTAssertEqual(binner.categoryLevels, [10])
        XCTAssertEqual(binner.bin(9, feature: 0), 9)
    }

    func testEdgesComeOnlyFromTheRowsAsked() throws {
        let x = TrainingMatrix(names: ["a"], columns: [(0..<100).map(Double.init)])
        let binner = try FeatureBinner.fit(x, rows: Array(0..<50))
        XCTAssertEqual(binner.upperBounds[0].last, 48.5)
        XCTAssertEqual(binner.bin(99, feature: 0), 49)
    }

    func testInfinityIsRejectedNamingFeatureAndRow() throws {
        let x = TrainingMatrix(names: ["a", "spend"], columns: [[1, 2, 3], [1, .infinity, 3]])
        XCTAssertThrowsError(try FeatureBinner.fit(x).transform(x)) { error in
            XCTAssertEqual(error as? TrainingError, .nonFinite(feature: "spend", row: 1, value: .infinity))
        }
    }

    func testSamplingKeepsBinsValidForAllRows() throws {
        let values = (0..<5_000).map { Double(($0 * 7919) % 5_000) }
        let x = TrainingMatrix(names: ["a"], columns: [values])
        let binner = try FeatureBinner.fit(x, sampleSize: 1_000, seed: 3)
        XCTAssertLessThanOrEqual(binner.upperBounds[0].count, 254)
        let again = try FeatureBinner.fit(x, sampleSize: 1_000, seed: 3)
        XCTAssertEqual(binner, again, "same seed, same edges")
        let bins = try binner.transform(x).columns[0]
        for (v, b) in zip(values, bins) where Int(b) < binner.upperBounds[0].count {
            XCTAssertLessThanOrEqual(v, binner.upperBounds[0][Int(b)])
        }
    }
}
