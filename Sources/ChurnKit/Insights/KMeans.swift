import Foundation

/// A k-means clustering: centroids, each point's cluster and the within-cluster sum of squares.
public struct KMeansResult: Sendable, Equatable {
    /// Number of clusters.
    public var k: Int
    /// Number of coordinates per point.
    public var dimensions: Int
    /// Cluster centres, row-major: centroid c occupies `centroids[c*dimensions ..< (c+1)*dimensions]`.
    public var centroids: [Double]
    /// The cluster (0..<k) of each point.
    public var assignments: [Int]
    /// Sum over points of the squared distance to their centroid.
    public var inertia: Double
    /// Lloyd iterations run by the best restart.
    public var iterations: Int
    /// Whether the best restart stopped because assignments no longer changed.
    public var converged: Bool

    /// Number of points in each cluster.
    public var sizes: [Int] {
        var s = [Int](repeating: 0, count: k)
        for a in assignments { s[a] += 1 }
        return s
    }
}

/// k-means with k-means++ seeding and Lloyd iterations, on points stored row-major in one flat array.
///
/// Seeding (Arthur & Vassilvitskii 2007): the first centre is a uniformly random point, each further
/// centre a point drawn with probability proportional to its squared distance to the nearest centre
/// chosen so far. Lloyd iterations then alternate "assign each point to its nearest centre" and "move
/// each centre to the mean of its points" until no assignment changes or `maxIterations` is reached;
/// a cluster left empty takes the point farthest from its own centre. `restarts` independent seedings
/// (streams of `seed`) are run and the one with the lowest inertia is kept. The same seed gives the
/// same result.
public enum KMeans {
    /// Clusters `points` (n × `dimensions`, row-major, all finite) into `k` clusters.
    public static func fit(points: [Double], dimensions: Int, k: Int, seed: UInt64,
                           restarts: Int = 3, maxIterations: Int = 100) throws -> KMeansResult {
        let n = try validate(points: points, dimensions: dimensions)
        guard k >= 1, k <= n else {
            throw KMeansError("k-means cannot make \(k) clusters from \(n) customer\(n == 1 ? "" : "s"); choose k between 1 and \(n).",
                              exitCode: k < 1 ? ExitCode.usage : ExitCode.dataError)
        }
        func run(_ r: Int) -> KMeansResult {
            var random = SeededRandom(seed: seed, stream: UInt64(r))
            return lloyd(points: points, n: n, d: dimensions, k: k,
                         centroids: seedPlusPlus(points: points, n: n, d: dimensions, k: k, random: &random),
                         maxIterations: maxIterations)
        }
        var best = run(0)
        for r in 1..<max(1, restarts) {
            let result = run(r)
            if result.inertia < best.inertia - 1e-12 * max(1, best.inertia) { best = result }
        }
        return best
    }

    /// Checks that `points` holds whole rows of finite numbers; returns the number of rows.
    public static func validate(points: [Double], dimensions: Int) throws -> Int {
        guard dimensions > 0, points.count % dimensions == 0 else {
            throw KMeansError("k-means needs a whole number of points of \(dimensions) coordinates (got \(points.count) numbers).")
        }
        if let bad = points.firstIndex(where: { !$0.isFinite }) {
            throw KMeansError("k-means needs finite numbers; point \(bad / dimensions + 1) has \(points[bad]) in coordinate \(bad % dimensions + 1).")
        }
        return points.count / dimensions
    }

    /// The k-means++ starting centres.
    static func seedPlusPlus(points: [Double], n: Int, d: Int, k: Int, random: inout SeededRandom) -> [Double] {
        var centroids = [Double]()
        centroids.reserveCapacity(k * d)
        let first = random.nextInt(below: n)
        centroids.append(contentsOf: points[first * d ..< (first + 1) * d])
        var nearest = (0..<n).map { squaredDistance(points, $0 * d, centroids, 0, d) }
        for c in 1..<max(1, k) where c < k {
            let total = nearest.reduce(0, +)
            var chosen = n - 1
            if total > 0 {
                var target = random.nextDouble() * total
                for i in 0..<n {
                    target -= nearest[i]
                    if target < 0 { chosen = i; break }
                }
            } else {
                chosen = random.nextInt(below: n)   // every point sits on a centre already
            }
            centroids.append(contentsOf: points[chosen * d ..< (chosen + 1) * d])
            let base = c * d
            for i in 0..<n { nearest[i] = min(nearest[i], squaredDistance(points, i * d, centroids, base, d)) }
        }
        return centroids
    }

    /// Lloyd iterations from the given centres.
    ///
    /// Stops when no assignment changes, when the centres move less than `relativeTolerance` × the mean
    /// per-coordinate variance of the points (summed squared shift, as scikit-learn's `tol`), or after
    /// `maxIterations`; the assignments returned always match the final centres.
    static func lloyd(points: [Double], n: Int, d: Int, k: Int, centroids start: [Double], maxIterations: Int,
                      relativeTolerance: Double = 1e-4) -> KMeansResult {
        var centroids = start
        var assignments = [Int](repeating: -1, count: n)
        var distances = [Double](repeating: 0, count: n)
        var iterations = 0, converged = false
        var sums = [Double](repeating: 0, count: k * d)
        var counts = [Int](repeating: 0, count: k)
        let tolerance = relativeTolerance * meanVariance(points, n: n, d: d)
        points.withUnsafeBufferPointer { p in
            while iterations < maxIterations {
                iterations += 1
                var changed = false
                centroids.withUnsafeBufferPointer { c in
                    assignments.withUnsafeMutableBufferPointer { a in
                        distances.withUnsafeMutableBufferPointer { dist in
                            for i in 0..<n {
                                let (best, bestDistance) = nearest(p, i * d, c, k, d)
                                if best != a[i] { a[i] = best; changed = true }
                                dist[i] = bestDistance
                            }
                        }
                    }
                }
                if !changed { converged = true; break }
                for j in sums.indices { sums[j] = 0 }
                for c in 0..<k { counts[c] = 0 }
                sums.withUnsafeMutableBufferPointer { sum in
                    for i in 0..<n {
                        let c = assignments[i]
                        counts[c] += 1
                        let base = c * d, offset = i * d
                        for j in 0..<d { sum[base + j] += p[offset + j] }
                    }
                }
                var shift = 0.0
                for c in 0..<k {
                    if counts[c] > 0 {
                        for j in 0..<d {
                            let moved = sums[c * d + j] / Double(counts[c])
                            shift += (moved - centroids[c * d + j]) * (moved - centroids[c * d + j])
                            centroids[c * d + j] = moved
                        }
                    } else {
                        // Empty cluster: move it to the point farthest from its own centre.
                        var far = 0
                        for i in 1..<n where distances[i] > distances[far] { far = i }
                        for j in 0..<d { centroids[c * d + j] = p[far * d + j] }
                        distances[far] = 0
                        shift = .infinity
                    }
                }
                if shift <= tolerance { converged = true; break }
            }
            // Assignments and distances must match the final centres.
            centroids.withUnsafeBufferPointer { c in
                for i in 0..<n { (assignments[i], distances[i]) = nearest(p, i * d, c, k, d) }
            }
        }
        return KMeansResult(k: k, dimensions: d, centroids: centroids, assignments: assignments,
                            inertia: distances.reduce(0, +), iterations: iterations, converged: converged)
    }

    /// The mean over coordinates of the population variance of the points.
    static func meanVariance(_ points: [Double], n: Int, d: Int) -> Double {
        guard n > 0 else { return 0 }
        var total = 0.0
        for j in 0..<d {
            var sum = 0.0, squares = 0.0
            for i in 0..<n {
                let x = points[i * d + j]
                sum += x; squares += x * x
            }
            let mean = sum / Double(n)
            total += max(0, squares / Double(n) - mean * mean)
        }
        return total / Double(d)
    }

    /// The nearest centroid to the point at `offset` (lowest index on ties) and its squared distance.
    @inline(__always)
    static func nearest(_ p: UnsafeBufferPointer<Double>, _ offset: Int, _ c: UnsafeBufferPointer<Double>,
                        _ k: Int, _ d: Int) -> (Int, Double) {
        var best = 0, bestDistance = Double.infinity
        for cluster in 0..<k {
            let base = cluster * d
            var sum = 0.0
            for j in 0..<d {
                let t = p[offset + j] - c[base + j]
                sum += t * t
            }
            if sum < bestDistance { best = cluster; bestDistance = sum }
        }
        return (best, bestDistance)
    }

    /// Assigns every row of `points` to its nearest centroid of `result`.
    public static func assign(points: [Double], to result: KMeansResult) -> [Int] {
        let d = result.dimensions
        return points.withUnsafeBufferPointer { p in
            result.centroids.withUnsafeBufferPointer { c in
                (0..<(points.count / d)).map { nearest(p, $0 * d, c, result.k, d).0 }
            }
        }
    }

    @inline(__always)
    static func squaredDistance(_ a: [Double], _ ai: Int, _ b: [Double], _ bi: Int, _ d: Int) -> Double {
        var s = 0.0
        for j in 0..<d {
            let t = a[ai + j] - b[bi + j]
            s += t * t
        }
        return s
    }
}
