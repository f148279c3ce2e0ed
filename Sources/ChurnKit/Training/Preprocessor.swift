import Foundation

/// Preprocessing fitted on training rows only and applied unchanged to validation and scoring rows.
///
/// Fitting (on the rows given, never on a validation fold) decides:
/// 1. **Near-constant features are dropped**: a feature is near-constant when it has no non-missing
///    value, or when its most frequent value holds at least `nearConstantShare` (99.5%) of the
///    non-missing training values.
/// 2. **Of each pair correlated above `correlationLimit` (|Pearson r| > 0.95) the later one is
///    dropped**. Correlations are computed on the training rows with missing values replaced by the
///    training mean; features are visited in order and a feature is kept only when it is not too
///    correlated with any feature already kept, so the first of a correlated group stays.
/// 3. **Imputation values**: the training mean of each kept feature; a feature with any missing value
///    in the training rows gets a missing-indicator column (`name (missing)`, 1 = was missing).
///
/// Two views come out of `transform`: `.linear` (missing values imputed, indicator columns appended;
/// the linear models then standardise inside themselves) and `.tree` (kept features only, NaN left in
/// place: tree models learn a default direction for missing values).
public struct Preprocessor: Codable, Sendable, Equatable {
    /// Which model input to build.
    public enum View: String, Codable, Sendable {
        /// Imputed values plus missing indicators (logistic regression, SVM, naive Bayes).
        case linear
        /// Kept features with NaN left as missing (trees and boosting).
        case tree
    }

    /// Why a feature was dropped.
    public struct DroppedFeature: Codable, Sendable, Equatable {
        public var name: String
        public var reason: String
    }

    /// Share of the most frequent value at or above which a feature counts as near-constant.
    public static let nearConstantShare = 0.995
    /// |Pearson r| above which the later feature of a pair is dropped.
    public static let correlationLimit = 0.95

    /// The feature names the preprocessor was fitted on (the input schema).
    public var inputNames: [String]
    /// Indices into `inputNames` of the kept features, in order.
    public var kept: [Int]
    /// Training mean of each kept feature (the imputation value; 0 when all were missing).
    public var means: [Double]
    /// Whether each kept feature gets a missing-indicator column in the linear view.
    public var indicators: [Bool]
    /// Features dropped and why.
    public var dropped: [DroppedFeature]
    /// Rows the statistics were computed from.
    public var fittedRows: Int

    /// Fits on `rows` of `x` (all rows when nil).
    ///
    /// With `screening` false, steps 1 and 2 are skipped: every feature with at least one value in the
    /// training rows is kept (as scikit-learn's `SimpleImputer(add_indicator=True)` does), which is what
    /// the side-by-side benchmark uses so that both sides see the same columns.
    /// - Throws: `TrainingError.allFeaturesConstant` when every feature is near-constant on these rows.
    public init(fitting x: TrainingMatrix, rows: [Int]? = nil, screening: Bool = true) throws {
        let rows = rows ?? Array(0..<x.rows)
        inputNames = x.names
        fittedRows = rows.count
        dropped = []
        var candidates: [Int] = []
        var allMeans = [Double](repeating: 0, count: x.featureCount)
        var anyMissing = [Bool](repeating: false, count: x.featureCount)
        for j in 0..<x.featureCount {
            let column = x.columns[j]
            var values: [Double] = []
            values.reserveCapacity(rows.count)
            for r in rows { let v = column[r]; if v.isNaN { anyMissing[j] = true } else { values.append(v) } }
            guard !values.isEmpty else {
                dropped.append(DroppedFeature(name: x.names[j], reason: "no value in the training rows"))
                continue
            }
            allMeans[j] = values.reduce(0, +) / Double(values.count)
            guard screening else { candidates.append(j); continue }
            let share = Self.largestValueShare(values)
            if share >= Self.nearConstantShare {
                let percent = (share * 1000).rounded() / 10
                dropped.append(DroppedFeature(name: x.names[j], reason: share == 1
                    ? "the same value for every customer" : "near-constant (\(percent)% share one value)"))
                continue
            }
            candidates.append(j)
        }
        guard !candidates.isEmpty else { throw TrainingError.allFeaturesConstant }
        // Centred, mean-imputed training columns for the correlation screen.
        var centred: [[Double]] = []
        var norms: [Double] = []
        var keptSoFar: [Int] = []   // positions in `centred`
        var kept: [Int] = []
        if !screening { kept = candidates; candidates = [] }
        for j in candidates {
            let mean = allMeans[j]
            let column = x.columns[j]
            var c = [Double](repeating: 0, count: rows.count)
            var squares = 0.0
            for (k, r) in rows.enumerated() {
                let v = column[r]
                let d = v.isNaN ? 0 : v - mean
                c[k] = d
                squares += d * d
            }
            let norm = squares.squareRoot()
            var partner: Int?
            for p in keptSoFar where norms[p] > 0 && norm > 0 {
                var dot = 0.0
                c.withUnsafeBufferPointer { a in
                    centred[p].withUnsafeBufferPointer { b in
                        for k in 0..<a.count { dot += a[k] * b[k] }
                    }
                }
                if abs(dot / (norm * norms[p])) > Self.correlationLimit { partner = p; break }
            }
            if let partner {
                let other = x.names[kept[partner]]
                dropped.append(DroppedFeature(name: x.names[j], reason: "correlated above \(Self.correlationLimit) with '\(other)'"))
                continue
            }
            centred.append(c)
            norms.append(norm)
            keptSoFar.append(centred.count - 1)
            kept.append(j)
        }
        self.kept = kept
        self.means = kept.map { allMeans[$0] }
        self.indicators = kept.map { anyMissing[$0] }
    }

    /// The share of the most frequent value among `values` (not empty).
    static func largestValueShare(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        var best = 1, run = 1
        for i in 1..<max(sorted.count, 1) {
            if sorted[i] == sorted[i - 1] { run += 1; best = max(best, run) } else { run = 1 }
        }
        return Double(best) / Double(sorted.count)
    }

    /// Names of the columns `transform` produces for `view`.
    public func outputNames(_ view: View) -> [String] {
        var names = kept.map { inputNames[$0] }
        if view == .linear {
            for (k, j) in kept.enumerated() where indicators[k] { names.append("\(inputNames[j]) (missing)") }
        }
        return names
    }

    /// Applies the fitted preprocessing to `rows` of `x` (all rows when nil).
    ///
    /// `x` must hold the input features by name (extra columns are ignored, order may differ).
    /// - Throws: `TrainingError.shapeMismatch` naming a missing feature.
    public func transform(_ x: TrainingMatrix, rows: [Int]? = nil, view: View) throws -> TrainingMatrix {
        let sourceIndex = try resolve(x)
        let rowList = rows ?? Array(0..<x.rows)
        var columns: [[Double]] = []
        columns.reserveCapacity(kept.count * 2)
        var missingColumns: [[Double]] = []
        for (k, source) in sourceIndex.enumerated() {
            let column = x.columns[source]
            let mean = means[k]
            switch view {
            case .tree:
                columns.append(rowList.map { column[$0] })
            case .linear:
                var values = [Double](repeating: 0, count: rowList.count)
                var missing = indicators[k] ? [Double](repeating: 0, count: rowList.count) : []
                for (i, r) in rowList.enumerated() {
                    let v = column[r]
                    if v.isNaN {
                        values[i] = mean
                        if indicators[k] { missing[i] = 1 }
                    } else {
                        values[i] = v
                    }
                }
                columns.append(values)
                if indicators[k] { missingColumns.append(missing) }
            }
        }
        columns.append(contentsOf: missingColumns)
        return TrainingMatrix(names: outputNames(view), columns: columns)
    }

    /// For each kept feature, the index of the same-named column in `x`.
    private func resolve(_ x: TrainingMatrix) throws -> [Int] {
        if x.names == inputNames { return kept }
        var position: [String: Int] = [:]
        for (i, name) in x.names.enumerated() { position[name] = i }
        return try kept.map { j in
            guard let i = position[inputNames[j]] else {
                throw TrainingError.shapeMismatch("the feature '\(inputNames[j])' the model was trained on is missing")
            }
            return i
        }
    }
}
