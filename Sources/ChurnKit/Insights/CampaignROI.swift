/// The expected money result of contacting a list of customers.
///
/// All figures are expectations under the model in `CampaignAssumptions`. ROI % is net / total cost × 100
/// and is nil when the campaign costs nothing.
public struct CampaignOutcome: Codable, Sendable, Equatable {
    /// Number of customers contacted.
    public var contacted: Int
    /// Expected number of churners among them: Σ risk.
    public var expectedChurners: Double
    /// Σ risk × value over the targets: what the campaign stands to lose without any action.
    public var valueAtRisk: Double
    /// Contact costs: Σ cost per contact.
    public var contactCost: Double
    /// Expected offer costs (certain when charged per contact).
    public var offerCost: Double
    /// contactCost + offerCost.
    public var totalCost: Double
    /// Expected customers kept by the campaign: Σ risk × success rate.
    public var expectedSaves: Double
    /// Expected value kept: Σ risk × success rate × value.
    public var revenueProtected: Double
    /// revenueProtected − totalCost.
    public var net: Double
    /// net / totalCost × 100, nil when the total cost is 0.
    public var roiPercent: Double?

    public init(contacted: Int, expectedChurners: Double, valueAtRisk: Double, contactCost: Double, offerCost: Double,
                totalCost: Double, expectedSaves: Double, revenueProtected: Double, net: Double, roiPercent: Double?) {
        self.contacted = contacted
        self.expectedChurners = expectedChurners
        self.valueAtRisk = valueAtRisk
        self.contactCost = contactCost
        self.offerCost = offerCost
        self.totalCost = totalCost
        self.expectedSaves = expectedSaves
        self.revenueProtected = revenueProtected
        self.net = net
        self.roiPercent = roiPercent
    }
}

/// Campaign ROI: what a target list costs and what it is expected to keep.
public enum CampaignROI {
    /// The outcome of contacting `target` in `population` under `assumptions`.
    public static func evaluate(_ target: CampaignTarget, in population: CampaignPopulation,
                                assumptions: CampaignAssumptions) throws -> CampaignOutcome {
        try assumptions.validate()
        let rows = try target.rows(in: population, defaultValue: assumptions.defaultCustomerValue)
        return outcome(rows: rows, in: population, assumptions: assumptions)
    }

    /// The outcome of contacting exactly `rows` (assumed valid and distinct). `contactCosts`, when given,
    /// replaces the uniform cost per contact with one cost per customer (indexed like the population).
    public static func outcome(rows: [Int], in population: CampaignPopulation, assumptions a: CampaignAssumptions,
                               contactCosts: [Double]? = nil) -> CampaignOutcome {
        var churners = 0.0, atRisk = 0.0, contact = 0.0, offer = 0.0, saves = 0.0, protected = 0.0
        for i in rows {
            let p = population.risks[i]
            let v = population.value(i, fallback: a.defaultCustomerValue)
            let save = p * a.successRate
            churners += p
            atRisk += p * v
            contact += contactCosts?[i] ?? a.costPerContact
            offer += a.expectedOfferCost(risk: p)
            saves += save
            protected += save * v
        }
        let total = contact + offer
        let net = protected - total
        return CampaignOutcome(contacted: rows.count, expectedChurners: churners, valueAtRisk: atRisk,
                               contactCost: contact, offerCost: offer, totalCost: total, expectedSaves: saves,
                               revenueProtected: protected, net: net, roiPercent: total > 0 ? net / total * 100 : nil)
    }
}
