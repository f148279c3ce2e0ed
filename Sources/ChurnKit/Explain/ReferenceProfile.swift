/// Per-feature statistics of a labelled reference population, for reading one customer's values:
/// overall mean and standard deviation (for z-scores), the means among retained and churned customers,
/// and a grid of realistic values (the 5th, 10th, …, 95th percentiles) for what-if searches.
///
/// Missing values are ignored everywhere. Built once per data set (O(features · rows · log rows)).
public struct ReferenceProfile: Sendable {
    /// Feature names.
    public var featureNames: [String]
    /// One-line descriptions (empty when unknown).
    public var descriptions: [String]
    /// Mean of the present values.
    public var mean: [Double]
    /// Population standard deviation of the present values.
    public var std: [Double]
    /// Mean among customers labelled 0 (NaN without labels or such customers).
    public var retainedMean: [Double]
    /// Mean among customers labelled 1.
    public var churnedMean: [Double]
    /// Whether the feature only takes the values 0 and 1.
    public var isBinary: [Bool]
    /// Distinct values at the 5th, 10th, …, 95th percentiles, ascending.
    public var grid: [[Double]]

    /// The profile of a labelled (or unlabelled) feature matrix.
    public init(features: FeatureMatrix) {
        self.init(names: features.features.map(\.name), descriptions: features.features.map(\.description),
                  columns: features.features.map(\.values), labels: features.label)
    }

    /// The profile of raw columns; `labels` (1 churned, 0 retained, NaN unknown) may be nil.
    public init(names: [String], descriptions: [String]? = nil, columns: [[Double]], labels: [Double]?) {
        precondition(names.count == columns.count, "one name per column")
        featureNames = names
        self.descriptions = descriptions ?? [String](repeating: "", count: names.count)
        var mean: [Double] = [], std: [Double] = [], retained: [Double] = [], churned: [Double] = []
        var binary: [Bool] = [], grid: [[Double]] = []
        for column in columns {
            var sum = 0.0, count = 0, sum0 = 0.0, n0 = 0, sum1 = 0.0, n1 = 0
            var onlyBinary = true
            for (i, v) in column.enumerated() where !v.isNaN {
                sum += v; count += 1
                if v != 0 && v != 1 { onlyBinary = false }
                if let labels {
                    if labels[i] == 0 { sum0 += v; n0 += 1 } else if labels[i] == 1 { sum1 += v; n1 += 1 }
                }
            }
            let m = count > 0 ? sum / Double(count) : .nan
            var squares = 0.0
            for v in column where !v.isNaN { squares += (v - m) * (v - m) }
            mean.append(m)
            std.append(count > 0 ? (squares / Double(count)).squareRoot() : .nan)
            retained.append(n0 > 0 ? sum0 / Double(n0) : .nan)
            churned.append(n1 > 0 ? sum1 / Double(n1) : .nan)
            binary.append(onlyBinary && count > 0)
            let sorted = column.filter { !$0.isNaN }.sorted()
            var values: [Double] = []
            if !sorted.isEmpty {
                for p in stride(from: 5, through: 95, by: 5) {
                    let v = sorted[min(sorted.count - 1, (sorted.count - 1) * p / 100)]
                    if values.last != v { values.append(v) }
                }
            }
            grid.append(values)
        }
        self.mean = mean
        self.std = std
        retainedMean = retained
        churnedMean = churned
        isBinary = binary
        self.grid = grid
    }

    /// Index of a feature by name.
    public func index(of name: String) -> Int? { featureNames.firstIndex(of: name) }

    /// (value − mean) / std, 0 when the feature is constant, NaN when the value is missing.
    public func zScore(_ value: Double, feature f: Int) -> Double {
        guard !value.isNaN else { return .nan }
        return std[f] > 0 ? (value - mean[f]) / std[f] : 0
    }
}
