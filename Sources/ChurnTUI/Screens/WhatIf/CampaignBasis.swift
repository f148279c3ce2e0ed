import ChurnKit

/// What the campaign planner reads, prepared once in the background: the scored customers as a
/// `CampaignPopulation` (own values, and the same risks without values for a flat value), and the
/// customers in contact order, so every slider move costs only the customers targeted.
///
/// The orders are those of `CampaignTarget.topByRisk` and `.topByExpectedLoss` (largest first, ties
/// in row order), so the planner's figures equal `CampaignROI.evaluate` on the same targets.
public struct CampaignBasis: Sendable {
    /// The customers with their own values (NaN where unknown: `unknownValue` applies).
    var population: CampaignPopulation
    /// The same risks without values (every customer gets the flat value).
    var flatPopulation: CampaignPopulation
    /// Rows by risk, highest first.
    var byRisk: [Int32]
    /// Rows by expected value lost (risk × own value), highest first.
    var byLoss: [Int32]
    /// Where the values come from, in words ("total_spend"); nil when no customer has a value.
    var valueSource: String?
    /// The mean of the known values (NaN when none is known).
    var meanValue: Double
    /// The value of a customer whose own value is unknown.
    var unknownValue: Double

    var count: Int { population.count }

    /// The basis for `risks` and `values` (NaN: unknown).
    init(risks: [Double], values: [Double]?, valueSource: String?, unknownValue: Double = CustomerValueChoice.defaultFallback) throws {
        let known = values?.filter { !$0.isNaN } ?? []
        population = try CampaignPopulation(risks: risks, values: known.isEmpty ? nil : values)
        flatPopulation = try CampaignPopulation(risks: risks, values: nil)
        self.valueSource = known.isEmpty ? nil : valueSource
        meanValue = known.isEmpty ? .nan : known.reduce(0, +) / Double(known.count)
        self.unknownValue = unknownValue
        byRisk = Self.order(risks)
        let population = self.population
        byLoss = Self.order(risks.indices.map { risks[$0] * population.value($0, fallback: unknownValue) })
    }

    /// The workspace's scored customers and their values.
    init(analysis: WorkspaceAnalysis) throws {
        let p = analysis.population
        try self.init(risks: p.probabilities, values: p.values, valueSource: p.valueSource)
    }

    /// Rows by `key`, largest first, ties in row order.
    static func order(_ key: [Double]) -> [Int32] {
        (0..<Int32(key.count)).sorted { a, b in
            let ka = key[Int(a)], kb = key[Int(b)]
            return ka != kb ? ka > kb : a < b
        }
    }
}
