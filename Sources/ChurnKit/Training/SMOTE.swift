import Foundation

/// Synthetic Minority Over-sampling TEchnique (Chawla, Bowyer, Hall & Kegelmeyer 2002) for 0/1 labels.
///
/// Each synthetic row is made by picking a minority row `x` uniformly at random, one of its `k`
/// nearest minority neighbours `n` uniformly at random, and `u ~ U(0, 1)` from `SeededRandom`:
/// - a numeric feature with both values present becomes `x + u·(n − x)` (a point on the segment);
/// - a numeric feature with either value missing (NaN) copies the endpoint nearer to the synthetic
///   point: the row's value when `u < 0.5`, the neighbour's otherwise (so it may stay missing);
/// - a categorical feature (`TrainingMatrix.categorical`) is never interpolated: it takes the row's
///   value when `u < 0.5`, the neighbour's otherwise.
///
/// Neighbours are found by brute force with Euclidean distance on standardised features (mean and
/// standard deviation of the non-missing values of all given rows; missing values are imputed with the
/// mean, i.e. 0 after standardising). A categorical feature adds 1 to the squared distance when the
/// two codes differ (a missing code counts as one more level). Ties go to the lower row index. The
/// cost is O(n_min² · d) time and O(n_min · k) memory, fine for churn-sized tables; above
/// `maximumMinorityRows` minority rows `oversample` throws rather than run for minutes.
///
/// Apply it to training rows only (each cross-validation fold's training rows, and all rows for the
/// final refit), never to rows a model is evaluated on. The same input and seed give the same rows.
public struct SMOTE: Sendable, Equatable {
    /// Nearest minority neighbours to interpolate towards (fewer when the minority class is smaller).
    public var neighbours: Int
    /// Target minority count as a share of the majority count (1 = balanced classes).
    public var ratio: Double

    /// The largest minority class accepted by the brute-force neighbour search.
    public static let maximumMinorityRows = 50_000

    /// A sampler with `neighbours` (k, default 5) and a target `ratio` of minority to majority rows
    /// (default 1: as many minority rows as majority rows), in (0, 1].
    public init(neighbours: Int = 5, ratio: Double = 1) {
        self.neighbours = neighbours
        self.ratio = ratio
    }

    /// The over-sampled rows: the rows of `x` given by `rows` in order, followed by the synthetic rows.
    public struct Output: Sendable {
        /// The original rows then the synthetic ones (same names and categorical set as the input).
        public var matrix: TrainingMatrix
        /// Labels of `matrix`'s rows.
        public var labels: [Double]
        /// Number of synthetic rows appended at the end.
        public var syntheticCount: Int
        /// For each synthetic row, the (row, neighbour) pair it was made from, as positions in `rows`.
        public var origins: [(row: Int, neighbour: Int)]

        /// Number of original rows (before the synthetic ones).
        public var originalCount: Int { labels.count - syntheticCount }
    }

    /// How many synthetic rows bring `minority` up to `ratio` · `majority` (0 when already there).
    public func syntheticCount(minority: Int, majority: Int) -> Int {
        let target = Int((ratio * Double(majority)).rounded(.up))
        return max(0, target - minority)
    }

    /// Over-samples the rarer class among `rows` of `x` (all rows when nil) with `labels` (one per row of
    /// `x`, 0/1), drawing from `random`.
    ///
    /// - Throws: `SMOTEError` for a bad setting, fewer than two minority rows, or too many minority rows.
    public func oversample(_ x: TrainingMatrix, labels: [Double], rows: [Int]? = nil,
                           random: inout SeededRandom) throws -> Output {
        guard neighbours >= 1 else { throw SMOTEError.badSetting("k must be at least 1 (got \(neighbours))") }
        guard ratio > 0, ratio <= 1 else { throw SMOTEError.badSetting("the ratio must be in (0, 1] (got \(ratio))") }
        let rows = rows ?? Array(0..<x.rows)
        let rowLabels = rows.map { labels[$0] > 0.5 ? 1.0 : 0.0 }
        let positives = rowLabels.reduce(0, +)
        let minorityLabel: Double = positives * 2 <= Double(rows.count) ? 1 : 0
        let minorityPositions = rowLabels.indices.filter { rowLabels[$0] == minorityLabel }
        let majority = rows.count - minorityPositions.count
        let count = syntheticCount(minority: minorityPositions.count, majority: majority)
        var columns = x.columns.map { column in rows.map { column[$0] } }
        guard count > 0 else {
            return Output(matrix: TrainingMatrix(names: x.names, columns: columns, categorical: x.categorical),
                          labels: rowLabels, syntheticCount: 0, origins: [])
        }
        guard minorityPositions.count >= 2 else { throw SMOTEError.tooFewMinority(minorityPositions.count) }
        guard minorityPositions.count <= Self.maximumMinorityRows else {
            throw SMOTEError.tooManyMinority(minorityPositions.count, limit: Self.maximumMinorityRows)
        }
        let k = min(neighbours, minorityPositions.count - 1)
        let space = Self.distanceSpace(columns, minority: minorityPositions, categorical: x.categorical)
        var neighbourLists = [[Int]?](repeating: nil, count: minorityPositions.count)

        var origins: [(row: Int, neighbour: Int)] = []
        origins.reserveCapacity(count)
        var synthetic = [[Double]](repeating: [], count: x.featureCount)
        for j in 0..<x.featureCount { synthetic[j].reserveCapacity(count) }
        for _ in 0..<count {
            let a = random.nextInt(below: minorityPositions.count)
            if neighbourLists[a] == nil { neighbourLists[a] = Self.nearest(a, k: k, space: space) }
            let list = neighbourLists[a] ?? []
            let b = list[random.nextInt(below: list.count)]
            let u = random.nextDouble()
            let rowPosition = minorityPositions[a], neighbourPosition = minorityPositions[b]
            for j in 0..<x.featureCount {
                let v = columns[j][rowPosition], w = columns[j][neighbourPosition]
                if x.categorical.contains(j) || v.isNaN || w.isNaN {
                    synthetic[j].append(u < 0.5 ? v : w)
                } else {
                    synthetic[j].append(v + u * (w - v))
                }
            }
            origins.append((rowPosition, neighbourPosition))
        }
        for j in 0..<x.featureCount { columns[j].append(contentsOf: synthetic[j]) }
        return Output(matrix: TrainingMatrix(names: x.names, columns: columns, categorical: x.categorical),
                      labels: rowLabels + [Double](repeating: minorityLabel, count: count),
                      syntheticCount: count, origins: origins)
    }

    /// The minority rows in distance space: row-major standardised numeric values (mean-imputed) and,
    /// separately, categorical codes (NaN mapped to −1).
    struct DistanceSpace {
        var numeric: [Double]      // minority row i, numeric feature j at i * numericCount + j
        var numericCount: Int
        var codes: [Double]        // minority row i, categorical feature j at i * codeCount + j
        var codeCount: Int
        var rows: Int
    }

    /// Standardises with statistics of all given rows and lays the minority rows out row by row.
    static func distanceSpace(_ columns: [[Double]], minority: [Int], categorical: Set<Int>) -> DistanceSpace {
        let numericFeatures = columns.indices.filter { !categorical.contains($0) }
        let categoricalFeatures = columns.indices.filter { categorical.contains($0) }
        var numeric = [Double](repeating: 0, count: minority.count * numericFeatures.count)
        for (jj, j) in numericFeatures.enumerated() {
            var sum = 0.0, count = 0.0
            for v in columns[j] where !v.isNaN { sum += v; count += 1 }
            let mean = count > 0 ? sum / count : 0
            var squares = 0.0
            for v in columns[j] where !v.isNaN { squares += (v - mean) * (v - mean) }
            let sd = count > 1 ? (squares / (count - 1)).squareRoot() : 0
            let scale = sd > 0 ? 1 / sd : 0
            for (i, r) in minority.enumerated() {
                let v = columns[j][r]
                numeric[i * numericFeatures.count + jj] = v.isNaN ? 0 : (v - mean) * scale
            }
        }
        var codes = [Double](repeating: 0, count: minority.count * categoricalFeatures.count)
        for (jj, j) in categoricalFeatures.enumerated() {
            for (i, r) in minority.enumerated() {
                let v = columns[j][r]
                codes[i * categoricalFeatures.count + jj] = v.isNaN ? -1 : v
            }
        }
        return DistanceSpace(numeric: numeric, numericCount: numericFeatures.count, codes: codes,
                             codeCount: categoricalFeatures.count, rows: minority.count)
    }

    /// The `k` minority rows nearest to minority row `a` (excluding itself), nearest first, ties to the lower index.
    static func nearest(_ a: Int, k: Int, space: DistanceSpace) -> [Int] {
        var best: [(distance: Double, index: Int)] = []
        best.reserveCapacity(k + 1)
        let d = space.numericCount, c = space.codeCount
        space.numeric.withUnsafeBufferPointer { numeric in
            space.codes.withUnsafeBufferPointer { codes in
                for b in 0..<space.rows where b != a {
                    var distance = 0.0
                    for j in 0..<d {
                        let diff = numeric[a * d + j] - numeric[b * d + j]
                        distance += diff * diff
                    }
                    for j in 0..<c where codes[a * c + j] != codes[b * c + j] { distance += 1 }
                    if best.count == k, let worst = best.last, distance >= worst.distance { continue }
                    var position = best.count
                    while position > 0 && best[position - 1].distance > distance { position -= 1 }
                    best.insert((distance, b), at: position)
                    if best.count > k { best.removeLast() }
                }
            }
        }
        return best.map(\.index)
    }
}

/// Why SMOTE could not over-sample.
public enum SMOTEError: UserFacingError, Equatable {
    /// A setting out of range (k or the ratio).
    case badSetting(String)
    /// Fewer than two rows of the rarer class: there is no neighbour to interpolate towards.
    case tooFewMinority(Int)
    /// More rarer-class rows than the brute-force neighbour search accepts.
    case tooManyMinority(Int, limit: Int)

    public var message: String {
        switch self {
        case .badSetting(let what): return "SMOTE: \(what)"
        case .tooFewMinority(let n):
            return "SMOTE needs at least 2 rows of the rarer class in the training rows, found \(n); use --imbalance weights"
        case .tooManyMinority(let n, let limit):
            return "SMOTE: the rarer class has \(n) training rows, more than the \(limit) its neighbour search handles; use --imbalance weights"
        }
    }

    public var exitCode: Int32 { ExitCode.dataError }
}
