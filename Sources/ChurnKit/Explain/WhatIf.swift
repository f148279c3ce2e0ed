/// One feature set to a new value.
public struct FeatureChange: Sendable, Equatable {
    /// Feature name.
    public var feature: String
    /// The customer's current value.
    public var from: Double
    /// The value tried.
    public var to: Double
}

/// The outcome of re-scoring a customer with some feature values changed.
public struct WhatIfResult: Sendable {
    /// The changes applied (only those that change a value).
    public var changes: [FeatureChange]
    /// Feature names, in the model's order.
    public var featureNames: [String]
    /// Churn probability before and after.
    public var oldProbability: Double
    public var newProbability: Double
    /// Margin contributions before and after (empty when no explainer was given).
    public var oldContributions: [Double]
    public var newContributions: [Double]
    /// The feature values after the changes.
    public var newRow: [Double]

    /// newProbability − oldProbability.
    public var probabilityChange: Double { newProbability - oldProbability }

    /// New minus old contribution per feature (empty when no explainer was given).
    public var contributionChanges: [Double] { zip(newContributions, oldContributions).map { $0 - $1 } }
}

/// A single change and how far it lowers the risk.
public struct SuggestedChange: Sendable, Equatable {
    /// The values set (one, or a whole one-hot group for a categorical column).
    public var changes: [FeatureChange]
    /// A short description, e.g. "contract → Two year" or "late_payments 4 → 0".
    public var summary: String
    /// Probability before and after.
    public var oldProbability: Double
    public var newProbability: Double
}

/// What-if analysis: re-score one customer with changed feature values using the model itself.
public enum WhatIf {
    /// Re-scores `row` (the customer's values, in the order of `featureNames`) with `changes` applied,
    /// and, with an explainer, the contributions before and after. Throws for unknown feature names
    /// (with a suggestion) and for rows of the wrong length.
    public static func evaluate(model: any Classifier, explainer: ModelExplainer?, featureNames: [String],
                                row: [Double], set changes: [String: Double]) throws -> WhatIfResult {
        guard row.count == featureNames.count else {
            throw ExplainError("\(row.count) feature values for \(featureNames.count) features.")
        }
        var newRow = row
        var applied: [FeatureChange] = []
        for name in changes.keys.sorted() {
            guard let f = featureNames.firstIndex(of: name) else { throw ExplainError.unknownFeature(name, known: featureNames) }
            guard let value = changes[name] else { continue }
            newRow[f] = value
            if !(value == row[f] || (value.isNaN && row[f].isNaN)) { applied.append(FeatureChange(feature: name, from: row[f], to: value)) }
        }
        let p = model.predictProbabilities(matrix([row, newRow], names: featureNames))
        let before = try explainer?.contributions(row: row) ?? []
        let after = try explainer?.contributions(row: newRow) ?? []
        return WhatIfResult(changes: applied, featureNames: featureNames, oldProbability: p[0], newProbability: p[1],
                            oldContributions: before, newContributions: after, newRow: newRow)
    }

    /// The single realistic change that lowers the customer's churn probability most, or nil when none does.
    ///
    /// Each feature not in `fixed` is tried at every value of its reference grid (the 5th…95th
    /// percentiles, see `ReferenceProfile`); one-hot columns `column=level` are tried as a group (one
    /// level set, the others cleared), so the customer never gets two contracts at once. Derived
    /// features are moved one at a time (e.g. recency without its ratio to the usual gap), so the
    /// answer is a direction to act on, not a full simulation. All candidates are scored in one batch.
    public static func bestSingleChange(model: any Classifier, featureNames: [String], row: [Double],
                                        reference: ReferenceProfile, fixed: Set<String> = []) throws -> SuggestedChange? {
        guard reference.featureNames == featureNames else {
            throw ExplainError("the reference data has different features from the model.")
        }
        guard row.count == featureNames.count else {
            throw ExplainError("\(row.count) feature values for \(featureNames.count) features.")
        }
        var candidates: [[FeatureChange]] = []
        var groups: [String: [Int]] = [:]
        for (f, name) in featureNames.enumerated() {
            if let eq = name.firstIndex(of: "="), eq != name.startIndex {
                groups[String(name[..<eq]), default: []].append(f)
            }
        }
        for (f, name) in featureNames.enumerated() where !fixed.contains(name) {
            if let eq = name.firstIndex(of: "="), eq != name.startIndex, groups[String(name[..<eq])] != nil {
                continue
            }
            for value in reference.grid[f] where value != row[f] {
                candidates.append([FeatureChange(feature: name, from: row[f], to: value)])
            }
        }
        for column in groups.keys.sorted() {
            guard let members = groups[column], !members.contains(where: { fixed.contains(featureNames[$0]) }) else { continue }
            for target in members where !(row[target] == 1 && members.allSatisfy({ $0 == target || row[$0] == 0 })) {
                candidates.append(members.compactMap { f in
                    let to: Double = f == target ? 1 : 0
                    return to == row[f] ? nil : FeatureChange(feature: featureNames[f], from: row[f], to: to)
                })
            }
        }
        guard !candidates.isEmpty else { return nil }
        var rows = [row]
        for changes in candidates {
            var r = row
            for c in changes { if let f = featureNames.firstIndex(of: c.feature) { r[f] = c.to } }
            rows.append(r)
        }
        let p = model.predictProbabilities(matrix(rows, names: featureNames))
        var best: Int?
        for i in 1..<p.count where p[i] < p[0] && (best == nil || p[i] < p[best ?? 0]) { best = i }
        guard let b = best else { return nil }
        let changes = candidates[b - 1]
        return SuggestedChange(changes: changes, summary: summary(changes), oldProbability: p[0], newProbability: p[b])
    }

    static func summary(_ changes: [FeatureChange]) -> String {
        if let set = changes.first(where: { $0.to == 1 && $0.feature.contains("=") }),
           let eq = set.feature.firstIndex(of: "=") {
            return "\(set.feature[..<eq]) → \(set.feature[set.feature.index(after: eq)...])"
        }
        return changes.map { "\($0.feature) \(ReasonText.number($0.from)) → \(ReasonText.number($0.to))" }.joined(separator: ", ")
    }

    /// A matrix whose rows are `rows`.
    static func matrix(_ rows: [[Double]], names: [String]) -> TrainingMatrix {
        TrainingMatrix(names: names, columns: names.indices.map { f in rows.map { $0[f] } })
    }
}
