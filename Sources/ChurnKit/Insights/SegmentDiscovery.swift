import Foundation

/// One feature on which a discovered segment differs from the at-risk population.
public struct SegmentTrait: Codable, Sendable, Equatable {
    /// The feature's name.
    public var feature: String
    /// Standardised mean difference: (segment mean − at-risk mean) / at-risk standard deviation.
    public var difference: Double
    /// The segment's mean (missing values skipped).
    public var segmentMean: Double
    /// The mean over all at-risk customers.
    public var overallMean: Double
    /// The difference in words: "longer absence than average (+1.8 sd)".
    public var phrase: String
}

/// One cluster of at-risk customers.
public struct DiscoveredSegment: Codable, Sendable, Equatable {
    /// Cluster number, 1-based, largest cluster first.
    public var number: Int
    /// Rows (in the scored table) of the customers in it.
    public var rows: [Int]
    /// Mean churn probability.
    public var meanRisk: Double
    /// Σ risk × value (0 when no values are known).
    public var valueAtRisk: Double
    /// The most distinctive features, largest |difference| first.
    public var traits: [SegmentTrait]

    /// Number of customers.
    public var count: Int { rows.count }
    /// A one-line description: the traits' phrases joined, or a note when nothing stands out.
    public var summary: String {
        traits.isEmpty ? "close to the at-risk average on every feature" : traits.map(\.phrase).joined(separator: "; ")
    }
}

/// The result of automatic segment discovery.
public struct SegmentDiscoveryResult: Codable, Sendable, Equatable {
    /// Number of customers at or above the risk cut-off that were clustered.
    public var atRiskCount: Int
    /// The chosen number of clusters.
    public var k: Int
    /// Each k tried, with its silhouette and inertia.
    public var candidates: [KMeansSilhouette.Candidate]
    /// The segments, largest first.
    public var segments: [DiscoveredSegment]
    /// Features used for clustering (constant or empty features among the at-risk customers are left out).
    public var featuresUsed: [String]
}

/// Automatic segment discovery: k-means on standardised features of at-risk customers, k chosen by
/// silhouette, each cluster described by its most distinctive features.
///
/// Steps: keep customers with risk >= `minimumRisk`; standardise each feature over them (z = (x − mean)/sd,
/// a missing value becomes 0, the mean; features with no spread are dropped); choose k in `kRange` by
/// silhouette, fitting every candidate on at most `selectionSampleSize` customers (a seeded sample;
/// silhouette itself sampled as `KMeansSilhouette` documents); refit the chosen k on at most
/// `fitSampleSize` customers (a larger sample containing the first) and assign every at-risk customer
/// to its nearest centre. A trait is listed when |difference| >= `minimumDifference` (default 0.2 sd);
/// traits are ranked by |difference|, and 0/1 features (one-hot levels, yes/no columns) are phrased as
/// shares ("contract = Two year: 100% vs 3% on average") because standard deviations of rare levels are tiny.
public enum SegmentDiscovery {
    /// Largest number of customers each candidate k is fitted on when choosing k.
    public static let selectionSampleSize = 3_000
    /// Largest number of customers the chosen k is refitted on (the rest are assigned to the nearest centre).
    public static let fitSampleSize = 10_000

    public static func discover(features: [FeatureColumn], risks: [Double], values: [Double]? = nil,
                                minimumRisk: Double = 0.4, kRange: ClosedRange<Int> = 2...8,
                                traitsPerSegment: Int = 3, minimumDifference: Double = 0.2,
                                seed: UInt64 = 42) throws -> SegmentDiscoveryResult {
        if let bad = features.first(where: { $0.values.count != risks.count }) {
            throw KMeansError("Feature \"\(bad.name)\" has \(bad.values.count) values but there are \(risks.count) customers.")
        }
        if let values, values.count != risks.count {
            throw KMeansError("There are \(risks.count) customers but \(values.count) customer values.")
        }
        let rows = risks.indices.filter { risks[$0] >= minimumRisk }
        guard rows.count > kRange.lowerBound else {
            throw KMeansError("Only \(rows.count) customer\(rows.count == 1 ? " has" : "s have") a churn risk of at least "
                + "\(minimumRisk); segment discovery needs more than \(kRange.lowerBound). Lower the risk cut-off.")
        }
        // Standardise over the at-risk customers.
        var used: [(column: FeatureColumn, mean: Double, sd: Double, binary: Bool)] = []
        for column in features {
            var sum = 0.0, sumSquares = 0.0, count = 0.0
            var binary = true
            for r in rows where !column.values[r].isNaN {
                let x = column.values[r]
                sum += x; sumSquares += x * x; count += 1
                if x != 0 && x != 1 { binary = false }
            }
            guard count > 1 else { continue }
            let mean = sum / count
            let variance = max(0, sumSquares / count - mean * mean)
            guard variance > 1e-12 * max(1, mean * mean) else { continue }
            used.append((column, mean, variance.squareRoot(), binary))
        }
        guard !used.isEmpty else {
            throw KMeansError("No feature varies among the \(rows.count) at-risk customers, so there is nothing to cluster on.")
        }
        let d = used.count
        var points = [Double](repeating: 0, count: rows.count * d)
        for (j, f) in used.enumerated() {
            for (p, r) in rows.enumerated() {
                let x = f.column.values[r]
                points[p * d + j] = x.isNaN ? 0 : (x - f.mean) / f.sd
            }
        }
        // Choose k on a small sample, refit that k on a larger one, assign everyone.
        var order = Array(0..<rows.count)
        if rows.count > selectionSampleSize {
            var random = SeededRandom(seed: seed, stream: 99)
            random.shuffle(&order)
        }
        func gather(_ count: Int) -> (rows: [Int], points: [Double]) {
            let chosen = order.count > count ? Array(order.prefix(count)).sorted() : order
            var out = [Double]()
            out.reserveCapacity(chosen.count * d)
            for p in chosen { out.append(contentsOf: points[p * d ..< (p + 1) * d]) }
            return (chosen, out)
        }
        let selection = gather(selectionSampleSize)
        let chosen = try KMeansSilhouette.chooseK(points: selection.points, dimensions: d, range: kRange, seed: seed)
        let assignments: [Int]
        if rows.count <= selectionSampleSize {
            assignments = chosen.best.assignments
        } else {
            let fitSample = gather(fitSampleSize)
            let refit = try KMeans.fit(points: fitSample.points, dimensions: d, k: chosen.best.k, seed: seed)
            assignments = KMeans.assign(points: points, to: refit)
        }

        let k = chosen.best.k
        var members = [[Int]](repeating: [], count: k)
        for (p, c) in assignments.enumerated() { members[c].append(p) }
        var segments: [DiscoveredSegment] = []
        for c in 0..<k where !members[c].isEmpty {
            let memberRows = members[c].map { rows[$0] }
            var riskSum = 0.0, valueSum = 0.0
            for r in memberRows {
                riskSum += risks[r]
                if let v = values?[r], !v.isNaN { valueSum += risks[r] * v }
            }
            var traits: [SegmentTrait] = []
            for f in used {
                var sum = 0.0, count = 0.0
                for r in memberRows where !f.column.values[r].isNaN { sum += f.column.values[r]; count += 1 }
                guard count > 0 else { continue }
                let mean = sum / count
                let difference = (mean - f.mean) / f.sd
                guard abs(difference) >= minimumDifference else { continue }
                traits.append(SegmentTrait(feature: f.column.name, difference: difference, segmentMean: mean, overallMean: f.mean,
                                           phrase: f.binary
                                               ? SegmentDiscoveryPhrases.sharePhrase(feature: f.column.name, segmentShare: mean, overallShare: f.mean)
                                               : SegmentDiscoveryPhrases.phrase(feature: f.column.name, difference: difference)))
            }
            traits.sort { abs($0.difference) != abs($1.difference) ? abs($0.difference) > abs($1.difference) : $0.feature < $1.feature }
            segments.append(DiscoveredSegment(number: 0, rows: memberRows, meanRisk: riskSum / Double(memberRows.count),
                                              valueAtRisk: valueSum, traits: Array(traits.prefix(traitsPerSegment))))
        }
        segments.sort { $0.count != $1.count ? $0.count > $1.count : ($0.rows.first ?? 0) < ($1.rows.first ?? 0) }
        for i in segments.indices { segments[i].number = i + 1 }
        return SegmentDiscoveryResult(atRiskCount: rows.count, k: k, candidates: chosen.candidates,
                                      segments: segments, featuresUsed: used.map(\.column.name))
    }
}
