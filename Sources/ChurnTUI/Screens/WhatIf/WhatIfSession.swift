import ChurnKit

/// One customer being what-iffed: their own feature row and the row tried, the sliders over their most
/// important features, and the probability and contributions before and after.
struct WhatIfSession: Sendable {
    /// At most this many sliders (the features with the largest |contribution| for the customer).
    static let maxSliders = 12

    var customerID: String
    /// The customer's row in the scored population.
    var row: Int
    /// The customer's raw features (the model's input) and the features tried.
    var originalRow: [Double]
    var currentRow: [Double]
    var sliders: [WhatIfSlider]
    /// Explainer feature names (the contributions' order) and the margin space they are in.
    var contributionNames: [String]
    var marginName: String
    var originalProbability: Double
    var probability: Double
    var originalContributions: [Double]
    var contributions: [Double]
    /// The best single change from the row tried, and why there is none when it was not searched.
    var best: WhatIfSuggestion?
    var bestNote: String?
    /// The features set by "bought today" (by raw column), nil when it is not applied.
    var boughtToday: [Int: Double]?
    /// The reference mean of each slider's feature (where a missing value starts from).
    var references: [Double]
    /// The last scoring error, if any (shown instead of figures).
    var error: String?

    /// Whether anything differs from the customer's own features.
    var isChanged: Bool { zip(currentRow, originalRow).contains { !WhatIfSlider.same($0, $1) } }

    /// Raw columns changed that no slider shows (e.g. by "bought today" or the best change).
    var changesWithoutSlider: [Int] {
        let shown = Set(sliders.flatMap(\.columns))
        return currentRow.indices.filter { !shown.contains($0) && !WhatIfSlider.same(currentRow[$0], originalRow[$0]) }
    }

    /// The contribution of a slider (summed over its features) in the original and the tried row.
    func contribution(of slider: WhatIfSlider) -> (before: Double, after: Double) {
        var before = 0.0, after = 0.0
        for f in slider.contributionFeatures {
            before += originalContributions[f]
            after += f < contributions.count ? contributions[f] : .nan
        }
        return (before, after)
    }

    /// The session of scored customer `row`: sliders for the features with the largest |contribution|.
    static func build(scorer: WhatIfScorer, row: Int, customerID: String) throws -> WhatIfSession {
        let names = scorer.names
        let reference = scorer.context.reference
        let explained = scorer.context.explainer.featureNames
        let original = scorer.row(row)
        let probability = try scorer.probability(original)
        let phi = try scorer.contributions(original)
        var rawIndex: [String: Int] = [:]
        for (i, n) in names.enumerated() { rawIndex[n] = i }
        var explainedIndex: [String: Int] = [:]
        for (i, n) in explained.enumerated() { explainedIndex[n] = i }

        var candidates: [(slider: WhatIfSlider, weight: Double, reference: Double)] = []
        var groupsDone = Set<String>()
        for (e, name) in explained.enumerated() where !name.hasSuffix(" (missing)") {
            guard let column = rawIndex[name] else { continue }
            if let eq = name.firstIndex(of: "="), eq != name.startIndex {
                // A one-hot group: one slider over all its levels.
                let group = String(name[..<eq])
                guard !groupsDone.contains(group) else { continue }
                groupsDone.insert(group)
                let prefix = group + "="
                let members = names.indices.filter { names[$0].hasPrefix(prefix) }
                guard members.count >= 2 else { continue }
                let levels = members.map { String(names[$0].dropFirst(prefix.count)) }
                let features = members.compactMap { explainedIndex[names[$0]] }
                var slider = WhatIfSlider(name: group, kind: .choice(levels: levels), columns: members,
                                          contributionFeatures: features, original: 0, value: 0)
                slider.original = slider.read(from: original)
                slider.value = slider.original
                candidates.append((slider, abs(features.reduce(0) { $0 + phi[$1] }), .nan))
                continue
            }
            var features = [e]
            if let m = explainedIndex[name + " (missing)"] { features.append(m) }
            let own = original[column]
            let kind: WhatIfSlider.Kind
            if reference.isBinary[e] && (own.isNaN || own == 0 || own == 1) {
                kind = .flag
            } else {
                let grid = reference.grid[e]
                guard var low = grid.first, var high = grid.last else { continue }
                if !own.isNaN { low = min(low, own); high = max(high, own) }
                guard high > low else { continue }
                let integral = grid.allSatisfy { $0 == $0.rounded() } && (own.isNaN || own == own.rounded())
                kind = .number(low: low, high: high, step: WhatIfSlider.niceStep(span: high - low, integral: integral))
            }
            let slider = WhatIfSlider(name: name, kind: kind, columns: [column], contributionFeatures: features,
                                      original: own, value: own)
            candidates.append((slider, abs(features.reduce(0) { $0 + phi[$1] }), reference.mean[e]))
        }
        candidates.sort { $0.weight != $1.weight ? $0.weight > $1.weight : $0.slider.name < $1.slider.name }
        let chosen = candidates.prefix(maxSliders)
        var session = WhatIfSession(customerID: customerID, row: row, originalRow: original, currentRow: original,
                                    sliders: chosen.map(\.slider), contributionNames: explained,
                                    marginName: marginSpace(scorer.context.explainer.link),
                                    originalProbability: probability, probability: probability,
                                    originalContributions: phi, contributions: phi, best: nil, bestNote: nil,
                                    boughtToday: nil, references: chosen.map(\.reference), error: nil)
        (session.best, session.bestNote) = try scorer.bestChange(original)
        return session
    }

    /// Re-scores the row tried: probability, contributions and the best single change from it. The
    /// customer's own row gets the original figures back exactly.
    mutating func rescore(_ scorer: WhatIfScorer) {
        do {
            if !isChanged {
                probability = originalProbability
                contributions = originalContributions
            } else {
                probability = try scorer.probability(currentRow)
                contributions = try scorer.contributions(currentRow)
            }
            (best, bestNote) = try scorer.bestChange(currentRow)
            error = nil
        } catch {
            self.error = (error as? UserFacingError)?.message ?? "\(error)"
        }
    }

    /// Re-reads every slider's value from the row tried (after a change not made by a slider).
    mutating func syncSliders() {
        for i in sliders.indices { sliders[i].value = sliders[i].read(from: currentRow) }
    }

    /// The name of the margin space of `link` ("log-odds").
    static func marginSpace(_ link: MarginLink) -> String {
        switch link {
        case .logistic: return "log-odds"
        case .platt: return "SVM decision value"
        case .identity: return "probability"
        }
    }
}
