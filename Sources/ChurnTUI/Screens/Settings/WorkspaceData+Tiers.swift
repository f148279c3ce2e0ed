import ChurnKit

extension WorkspaceData {
    /// Re-tiers every scored customer with `tiers` and recounts the Overview figures (O(n)).
    /// A customer without a probability keeps its stored tier.
    mutating func applyTierBoundaries(_ tiers: RiskTiers) {
        var customers = snapshot.customers
        let p = customers.probabilities
        for i in p.indices {
            guard let tier = tiers.tier(for: p[i]) else { continue }
            switch tier {
            case .high: customers.tiers[i] = .high
            case .medium: customers.tiers[i] = .medium
            case .low: customers.tiers[i] = .low
            case .safe: customers.tiers[i] = .safe
            }
        }
        snapshot.customers = customers
        summary = RiskSummary(customers, riskOrder: riskOrder)
    }
}
