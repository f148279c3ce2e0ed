import XCTest
@testable import ChurnKit

/// SeededRandom: reference outputs of xoshiro256** (computed independently in
/// Tests/Fixtures/scripts/make_svm_nb_calibration_fixtures.py) and properties of the helpers.
final class SeededRandomTests: XCTestCase {
    func testMatchesReferenceXoshiro256StarStar() throws {
        let reference = try FixtureFiles.json("sklearn_svm_nb_calibration.json").object("xoshiro")
        for (seed, key) in [(UInt64(42), "seed42"), (0, "seed0")] {
            let expected = try XCTUnwrap(reference[key] as? [String]).compactMap { UInt64($0) }
            var random = SeededRandom(seed: seed)
            XCTAssertEqual((0..<expected.count).map { _ in random.next() }, expected, key)
        }
    }

    func testSameSeedSameSequenceAndStreamsDiffer() {
        var a = SeededRandom(seed: 7), b = SeededRandom(seed: 7), c = SeededRandom(seed: 8)
        let sa = (0..<5).map { _ in a.next() }, sb = (0..<5).map { _ in b.next() }, sc = (0..<5).map { _ in c.next() }
        XCTAssertEqual(sa, sb)
        XCTAssertNotEqual(sa, sc)
        XCTAssertNotEqual(SeededRandom.derivedSeed(7, stream: 1), SeededRandom.derivedSeed(7, stream: 2))
        XCTAssertEqual(SeededRandom.derivedSeed(7, stream: 1), SeededRandom.derivedSeed(7, stream: 1))
    }

    func testNextIntIsInRangeAndRoughlyUniform() {
        var random = SeededRandom(seed: 1)
        var counts = [Int](repeating: 0, count: 7)
        for _ in 0..<70_000 {
            let v = random.nextInt(below: 7)
            XCTAssertTrue((0..<7).contains(v))
            counts[v] += 1
        }
        // Chi-square with 6 degrees of freedom: 22.5 is the 0.999 quantile.
        let chi = counts.map { Double($0 - 10_000) * Double($0 - 10_000) / 10_000 }.reduce(0, +)
        XCTAssertLessThan(chi, 22.5, "\(counts)")
        for _ in 0..<1000 { XCTAssertEqual(random.nextInt(below: 1), 0) }
    }

    func testDoublesAreInUnitIntervalWithMeanOneHalf() {
        var random = SeededRandom(seed: 2)
        var sum = 0.0
        for _ in 0..<100_000 {
            let u = random.nextDouble()
            XCTAssertTrue(u >= 0 && u < 1)
            sum += u
        }
        XCTAssertEqual(sum / 100_000, 0.5, accuracy: 0.005)
    }

    func testShuffleIsAPermutationAndDependsOnTheSeed() {
        var a = SeededRandom(seed: 3), b = SeededRandom(seed: 4)
        let p = a.permutation(50), q = b.permutation(50)
        XCTAssertEqual(p.sorted(), Array(0..<50))
        XCTAssertNotEqual(p, Array(0..<50))
        XCTAssertNotEqual(p, q)
        var first = SeededRandom(seed: 3)
        XCTAssertEqual(first.permutation(50), p)
    }
}
