import XCTest
@testable import ChurnKit

/// k-means, silhouette and segment discovery: known answers on separable blobs and hand examples.
final class KMeansTests: XCTestCase {
    /// `perBlob` points around each centre with normal noise of `spread`; returns flat points and true labels.
    func blobs(_ centres: [[Double]], perBlob: Int, spread: Double, seed: UInt64) -> ([Double], [Int]) {
        var random = SeededRandom(seed: seed)
        var points: [Double] = [], labels: [Int] = []
        for i in 0..<perBlob {
            for (b, centre) in centres.enumerated() {
                _ = i
                for x in centre { points.append(x + spread * random.nextNormal()) }
                labels.append(b)
            }
        }
        return (points, labels)
    }

    /// True when two labelings are the same partition up to renaming the clusters.
    func samePartition(_ a: [Int], _ b: [Int]) -> Bool {
        var forward: [Int: Int] = [:], backward: [Int: Int] = [:]
        for (x, y) in zip(a, b) {
            if let m = forward[x], m != y { return false }
            if let m = backward[y], m != x { return false }
            forward[x] = y; backward[y] = x
        }
        return true
    }

    let centres: [[Double]] = [[0, 0], [10, 10], [-10, 10]]

    func testSeparableBlobsAreRecoveredExactly() throws {
        let (points, truth) = blobs(centres, perBlob: 40, spread: 0.8, seed: 1)
        let fit = try KMeans.fit(points: points, dimensions: 2, k: 3, seed: 7)
        XCTAssertTrue(samePartition(fit.assignments, truth))
        XCTAssertTrue(fit.converged)
        XCTAssertEqual(fit.sizes.sorted(), [40, 40, 40])
        // Each centroid is the mean of its points, and every point sits with its nearest centroid.
        for c in 0..<3 {
            let members = fit.assignments.indices.filter { fit.assignments[$0] == c }
            for j in 0..<2 {
                let mean = members.map { points[$0 * 2 + j] }.reduce(0, +) / Double(members.count)
                XCTAssertEqual(fit.centroids[c * 2 + j], mean, accuracy: 1e-9)
            }
        }
        XCTAssertEqual(KMeans.assign(points: points, to: fit), fit.assignments)
    }

    func testSilhouettePicksTheTrueNumberOfClusters() throws {
        let (points3, _) = blobs(centres, perBlob: 30, spread: 0.8, seed: 2)
        XCTAssertEqual(try KMeansSilhouette.chooseK(points: points3, dimensions: 2, range: 2...8, seed: 3).best.k, 3)
        let five: [[Double]] = [[0, 0], [12, 0], [0, 12], [12, 12], [6, 24]]
        let (points5, truth5) = blobs(five, perBlob: 25, spread: 0.7, seed: 4)
        let chosen = try KMeansSilhouette.chooseK(points: points5, dimensions: 2, range: 2...8, seed: 3)
        XCTAssertEqual(chosen.best.k, 5)
        XCTAssertTrue(samePartition(chosen.best.assignments, truth5))
        XCTAssertEqual(chosen.candidates.map(\.k), Array(2...8))
    }

    /// 1-D points 0, 1, 10, 11 in clusters {0, 1} and {10, 11}: s = 9.5/10.5 and 8.5/9.5, twice each.
    func testSilhouetteHandExample() {
        let s = KMeansSilhouette.score(points: [0, 1, 10, 11], dimensions: 1, assignments: [0, 0, 1, 1], k: 2)
        XCTAssertEqual(s, (9.5 / 10.5 + 8.5 / 9.5) / 2, accuracy: 1e-12)
        // A singleton cluster scores 0 for its point: {0}, {1, 10, 11}.
        let t = KMeansSilhouette.score(points: [0, 1, 10, 11], dimensions: 1, assignments: [0, 1, 1, 1], k: 2)
        let s1 = (1 - 9.5) / 9.5, s10 = (10 - 5) / 10.0, s11 = (11 - 5.5) / 11.0
        XCTAssertEqual(t, (0 + s1 + s10 + s11) / 4, accuracy: 1e-12)
        XCTAssertTrue(KMeansSilhouette.score(points: [0, 1], dimensions: 1, assignments: [0, 0], k: 2).isNaN)
        // Without the cached distance matrix the score is the same.
        let uncached = KMeansSilhouette.DistanceSample(points: [0, 1, 10, 11], dimensions: 1, count: 4, sampleSize: 10, seed: 0, cacheLimit: 2)
        XCTAssertNil(uncached.distances)
        XCTAssertEqual(uncached.silhouette(assignments: [0, 0, 1, 1], k: 2), s, accuracy: 1e-15)
    }

    func testSampledSilhouetteIsCloseToExact() {
        let (points, truth) = blobs(centres, perBlob: 200, spread: 3, seed: 9)
        let exact = KMeansSilhouette.score(points: points, dimensions: 2, assignments: truth, k: 3, sampleSize: 10_000)
        let sampled = KMeansSilhouette.score(points: points, dimensions: 2, assignments: truth, k: 3, sampleSize: 200, seed: 1)
        XCTAssertNotEqual(exact, sampled)
        XCTAssertEqual(exact, sampled, accuracy: 0.05)
    }

    func testSameSeedSameResultAndSeedsAreUsed() throws {
        let (points, _) = blobs([[0, 0], [3, 0], [0, 3], [3, 3]], perBlob: 25, spread: 1.5, seed: 5)
        let a = try KMeans.fit(points: points, dimensions: 2, k: 4, seed: 11, restarts: 1)
        let b = try KMeans.fit(points: points, dimensions: 2, k: 4, seed: 11, restarts: 1)
        XCTAssertEqual(a, b)
        let others = try (12..<20).map { try KMeans.fit(points: points, dimensions: 2, k: 4, seed: UInt64($0), restarts: 1) }
        XCTAssertTrue(others.contains { $0.centroids != a.centroids }, "different seeds should start differently")
    }

    func testDegenerateInputs() throws {
        let same = try KMeans.fit(points: [1, 1, 1, 1, 1, 1], dimensions: 2, k: 2, seed: 0)
        XCTAssertEqual(same.inertia, 0)
        XCTAssertThrowsError(try KMeans.fit(points: [1, 2], dimensions: 1, k: 3, seed: 0))
        XCTAssertThrowsError(try KMeans.fit(points: [1, .nan], dimensions: 1, k: 1, seed: 0))
        XCTAssertThrowsError(try KMeans.fit(points: [1, 2, 3], dimensions: 2, k: 1, seed: 0))
        XCTAssertThrowsError(try KMeansSilhouette.chooseK(points: [1, 1, 1, 1], dimensions: 1, range: 2...3, seed: 0))
    }

    func testPhrases() {
        XCTAssertEqual(SegmentDiscoveryPhrases.phrase(feature: "days_since_last_purchase", difference: 1.8),
                       "longer absence than average (+1.8 sd)")
        XCTAssertEqual(SegmentDiscoveryPhrases.phrase(feature: "spend_last_30d", difference: -0.74),
                       "lower spend in the last 30 days than average (-0.7 sd)")
        XCTAssertEqual(SegmentDiscoveryPhrases.phrase(feature: "spend_trend_90d", difference: -1.26),
                       "falling spend over 90 days than average (-1.3 sd)")
        XCTAssertEqual(SegmentDiscoveryPhrases.phrase(feature: "contract=Month-to-month", difference: 1.2),
                       "more often contract = Month-to-month (+1.2 sd)")
        XCTAssertEqual(SegmentDiscoveryPhrases.phrase(feature: "late_fees", difference: 0.9),
                       "higher late fees than average (+0.9 sd)")
        XCTAssertEqual(SegmentDiscoveryPhrases.sharePhrase(feature: "contract=Two year", segmentShare: 1, overallShare: 0.0032),
                       "contract = Two year: 100% vs 0.3% on average")
        XCTAssertEqual(SegmentDiscoveryPhrases.sharePhrase(feature: "paperless_billing", segmentShare: 0.456, overallShare: 0.6),
                       "paperless billing: 46% vs 60% on average")
    }

    /// At-risk customers form two groups: long absence, and many late payments. Low-risk customers are
    /// left out. Discovery finds the two groups and names what sets them apart.
    func testDiscoveryFindsAndDescribesTwoGroups() throws {
        var random = SeededRandom(seed: 21)
        var absence: [Double] = [], late: [Double] = [], spend: [Double] = [], risks: [Double] = [], monthly: [Double] = []
        for i in 0..<150 {
            let group = i % 3   // 0 absent, 1 late payers, 2 low risk
            absence.append((group == 0 ? 120 : 20) + 5 * random.nextNormal())
            late.append((group == 1 ? 6 : 0.5) + 0.5 * random.nextNormal())
            spend.append(100 + 10 * random.nextNormal())
            risks.append(group == 2 ? 0.1 : 0.8)
            monthly.append(group == 1 && i % 5 != 1 ? 1 : 0)   // 40 of the 50 late payers; none of the absent
        }
        let features = [FeatureColumn(name: "days_since_last_purchase", description: "", values: absence),
                        FeatureColumn(name: "late_payments", description: "", values: late),
                        FeatureColumn(name: "spend_last_90d", description: "", values: spend),
                        FeatureColumn(name: "constant", description: "", values: [Double](repeating: 3, count: 150)),
                        FeatureColumn(name: "contract=Month-to-month", description: "", values: monthly)]
        let values = [Double](repeating: 200, count: 150)
        let result = try SegmentDiscovery.discover(features: features, risks: risks, values: values, seed: 1)
        XCTAssertEqual(result.atRiskCount, 100)
        XCTAssertEqual(result.k, 2)
        XCTAssertEqual(result.featuresUsed, ["days_since_last_purchase", "late_payments", "spend_last_90d", "contract=Month-to-month"])
        XCTAssertEqual(result.segments.map(\.count), [50, 50])
        for segment in result.segments {
            let groups = Set(segment.rows.map { $0 % 3 })
            XCTAssertEqual(groups.count, 1, "a segment mixes groups")
            XCTAssertEqual(segment.meanRisk, 0.8, accuracy: 1e-12)
            XCTAssertEqual(segment.valueAtRisk, 50 * 0.8 * 200, accuracy: 1e-6)
            let top = try XCTUnwrap(segment.traits.first)
            if groups.first == 0 {
                XCTAssertEqual(top.feature, "days_since_last_purchase")
                XCTAssertTrue(top.phrase.hasPrefix("longer absence than average (+1.0 sd)"), top.phrase)
            } else {
                XCTAssertTrue(["days_since_last_purchase", "late_payments"].contains(top.feature))
                XCTAssertTrue(segment.traits.contains { $0.phrase.hasPrefix("more late payments than average (+1.0 sd)") },
                              segment.summary)
                XCTAssertTrue(segment.traits.contains { $0.phrase == "contract = Month-to-month: 80% vs 40% on average" }, segment.summary)
            }
            XCTAssertFalse(segment.traits.contains { $0.feature == "spend_last_90d" }, segment.summary)
        }
    }
}
