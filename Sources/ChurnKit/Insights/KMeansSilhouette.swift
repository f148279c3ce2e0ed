import Foundation

/// The silhouette score of a clustering and the choice of k by it.
///
/// For a point i in cluster A: a(i) is its mean Euclidean distance to the other points of A, b(i) the
/// smallest mean distance to the points of another cluster, and s(i) = (b − a) / max(a, b), with
/// s(i) = 0 when i is alone in its cluster (as scikit-learn). The score is the mean of s(i); it runs from
/// −1 to 1, higher meaning tighter, better separated clusters. The exact score costs O(n²·d), so above
/// `sampleSize` points it is computed on a seeded random sample of that many points (distances among
/// the sampled points only, like scikit-learn's `silhouette_score(sample_size=...)`). When choosing k the
/// sample's distance matrix (m² doubles: 32 MB for the default 2,000; kept up to `cachedDistanceLimit` points) is computed once and
/// shared by every k.
public enum KMeansSilhouette {
    /// Default number of points the score is computed on.
    public static let defaultSampleSize = 2_000

    /// The silhouette score of `assignments` (clusters 0..<k) for `points` (row-major, `dimensions` wide).
    /// NaN when fewer than two clusters have members.
    public static func score(points: [Double], dimensions d: Int, assignments: [Int], k: Int,
                             sampleSize: Int = defaultSampleSize, seed: UInt64 = 0) -> Double {
        let sample = DistanceSample(points: points, dimensions: d, count: assignments.count, sampleSize: sampleSize, seed: seed)
        return sample.silhouette(assignments: assignments, k: k)
    }

    /// Largest sample whose distance matrix is kept in memory (m² doubles: 4,000 -> 128 MB); larger
    /// samples recompute each row's distances for every k instead.
    static let cachedDistanceLimit = 4_000

    /// The rows the score is computed on and, for samples up to `cachedDistanceLimit`, their pairwise
    /// Euclidean distances (a full m × m matrix, computed once and shared by every k tried).
    struct DistanceSample {
        let rows: [Int]
        let points: [Double]
        let dimensions: Int
        let distances: [Double]?

        init(points: [Double], dimensions d: Int, count n: Int, sampleSize: Int, seed: UInt64,
             cacheLimit: Int = KMeansSilhouette.cachedDistanceLimit) {
            var rows = Array(0..<n)
            if n > sampleSize {
                var random = SeededRandom(seed: seed)
                random.shuffle(&rows)
                rows = Array(rows.prefix(max(2, sampleSize))).sorted()
            }
            self.rows = rows
            self.points = points
            self.dimensions = d
            let m = rows.count
            guard m <= cacheLimit else { distances = nil; return }
            var distances = [Double](repeating: 0, count: m * m)
            distances.withUnsafeMutableBufferPointer { out in
                for a in 0..<m {
                    for b in (a + 1)..<max(a + 1, m) {
                        let dist = Self.distance(points, rows[a] * d, rows[b] * d, d)
                        out[a * m + b] = dist
                        out[b * m + a] = dist
                    }
                }
            }
            self.distances = distances
        }

        @inline(__always)
        static func distance(_ p: [Double], _ a: Int, _ b: Int, _ d: Int) -> Double {
            p.withUnsafeBufferPointer { q in
                var sum = 0.0
                for j in 0..<d {
                    let t = q[a + j] - q[b + j]
                    sum += t * t
                }
                return sum.squareRoot()
            }
        }

        /// The mean silhouette over the sampled rows for `assignments` (indexed by original row).
        func silhouette(assignments: [Int], k: Int) -> Double {
            let m = rows.count
            let labels = rows.map { assignments[$0] }
            var members = [Int](repeating: 0, count: k)
            for c in labels { members[c] += 1 }
            guard members.filter({ $0 > 0 }).count >= 2 else { return .nan }
            var total = 0.0
            var sums = [Double](repeating: 0, count: k)
            var row = [Double](repeating: 0, count: m)
            for a in 0..<m {
                if let distances {
                    for b in 0..<m { row[b] = distances[a * m + b] }
                } else {
                    for b in 0..<m { row[b] = a == b ? 0 : Self.distance(points, rows[a] * dimensions, rows[b] * dimensions, dimensions) }
                }
                for c in 0..<k { sums[c] = 0 }
                for b in 0..<m { sums[labels[b]] += row[b] }   // the distance to itself is 0
                let own = labels[a]
                guard members[own] > 1 else { continue }   // s(i) = 0
                let inner = sums[own] / Double(members[own] - 1)
                var nearest = Double.infinity
                for c in 0..<k where c != own && members[c] > 0 { nearest = min(nearest, sums[c] / Double(members[c])) }
                let scale = max(inner, nearest)
                total += scale > 0 ? (nearest - inner) / scale : 0
            }
            return total / Double(m)
        }
    }

    /// One candidate k and how it scored.
    public struct Candidate: Codable, Sendable, Equatable {
        public var k: Int
        public var silhouette: Double
        public var inertia: Double
    }

    /// Fits k-means for every k in `range` (capped at n − 1) and returns the fit with the highest
    /// silhouette (ties: the smaller k), with every candidate's score.
    public static func chooseK(points: [Double], dimensions: Int, range: ClosedRange<Int>, seed: UInt64,
                               sampleSize: Int = defaultSampleSize) throws -> (best: KMeansResult, candidates: [Candidate]) {
        let n = try KMeans.validate(points: points, dimensions: dimensions)
        let upper = min(range.upperBound, n - 1)
        guard range.lowerBound >= 2, upper >= range.lowerBound else {
            throw KMeansError("Choosing the number of clusters needs k from 2 and more customers than clusters "
                + "(asked for k in \(range.lowerBound)...\(range.upperBound) with \(n) customer\(n == 1 ? "" : "s")).")
        }
        // The candidate k values are independent: fit them on both cores.
        let ks = Array(range.lowerBound...upper)
        let sample = DistanceSample(points: points, dimensions: dimensions, count: n, sampleSize: sampleSize, seed: seed)
        var fits = [KMeansResult?](repeating: nil, count: ks.count)
        var scores = [Double](repeating: .nan, count: ks.count)
        fits.withUnsafeMutableBufferPointer { fitBuffer in
            scores.withUnsafeMutableBufferPointer { scoreBuffer in
                nonisolated(unsafe) let fitOut = fitBuffer, scoreOut = scoreBuffer
                DispatchQueue.concurrentPerform(iterations: ks.count) { index in
                    // Cannot throw: the points were validated and 2 <= k < n.
                    guard let fit = try? KMeans.fit(points: points, dimensions: dimensions, k: ks[index], seed: seed) else { return }
                    fitOut[index] = fit
                    scoreOut[index] = sample.silhouette(assignments: fit.assignments, k: ks[index])
                }
            }
        }
        var best: (KMeansResult, Double)?
        var candidates: [Candidate] = []
        for (index, k) in ks.enumerated() {
            guard let fit = fits[index] else { continue }
            let s = scores[index]
            candidates.append(Candidate(k: k, silhouette: s, inertia: fit.inertia))
            if s.isFinite, s > (best?.1 ?? -.infinity) + 1e-12 { best = (fit, s) }
        }
        guard let chosen = best else {
            throw KMeansError("The customers could not be split into clusters: every customer has the same feature values.")
        }
        return (chosen.0, candidates)
    }
}
