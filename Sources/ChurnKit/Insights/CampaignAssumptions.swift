/// What a retention contact costs, how often it works and what a kept customer is worth.
///
/// The money model, per targeted customer i with churn probability pᵢ and value vᵢ, success rate s:
/// - expected saves:      pᵢ · s  (the chance that i would have left and stays because of the contact)
/// - revenue protected:   pᵢ · s · vᵢ
/// - cost:                `costPerContact` + the offer cost, which is either
///   - `.perContact`: `offerCost` for every customer contacted (a voucher sent to all), or
///   - `.perAcceptedOffer`: `offerCost` · pᵢ · s, i.e. paid only for the customers the offer saves
///     (an expected cost: the optimistic reading in which customers who would have stayed anyway do not redeem it).
/// - net:                 revenue protected − cost
/// Customers who would have stayed anyway (probability 1 − pᵢ) bring no gain: the contact only pays when
/// it changes an outcome. Values are in whatever currency the customer values are in.
public struct CampaignAssumptions: Codable, Sendable, Equatable {
    /// How the offer cost is charged.
    public enum OfferCharging: String, Codable, Sendable, CaseIterable {
        /// The offer costs `offerCost` for every customer contacted.
        case perContact = "per-contact"
        /// The offer costs `offerCost` only for customers it saves (expected number: risk × success rate).
        case perAcceptedOffer = "per-accepted-offer"
    }

    /// Cost of reaching one customer (a call, an e-mail, an agent's time).
    public var costPerContact: Double
    /// Cost of the retention offer (discount, voucher, gift).
    public var offerCost: Double
    /// Whether `offerCost` is paid per contact or per accepted offer.
    public var offerCharging: OfferCharging
    /// Probability that a contacted customer who would have churned is kept (0...1).
    public var successRate: Double
    /// The value used for customers whose own value is unknown (missing array or NaN entry).
    public var defaultCustomerValue: Double

    public init(costPerContact: Double, offerCost: Double = 0, offerCharging: OfferCharging = .perAcceptedOffer,
                successRate: Double, defaultCustomerValue: Double = 0) {
        self.costPerContact = costPerContact
        self.offerCost = offerCost
        self.offerCharging = offerCharging
        self.successRate = successRate
        self.defaultCustomerValue = defaultCustomerValue
    }

    /// Throws a `CampaignROIError` naming the first setting that is negative, not finite or out of range.
    public func validate() throws {
        func check(_ value: Double, _ name: String) throws {
            guard value.isFinite, value >= 0 else {
                throw CampaignROIError("\(name) must be a number of at least 0 (got \(value)).")
            }
        }
        try check(costPerContact, "The cost per contact")
        try check(offerCost, "The offer cost")
        try check(defaultCustomerValue, "The default customer value")
        guard successRate.isFinite, successRate >= 0, successRate <= 1 else {
            throw CampaignROIError("The success rate must be between 0 and 1 (got \(successRate)); write 35% as 0.35.")
        }
    }

    /// The expected offer cost for one contacted customer with churn probability `risk`.
    @inline(__always)
    public func expectedOfferCost(risk: Double) -> Double {
        switch offerCharging {
        case .perContact: return offerCost
        case .perAcceptedOffer: return offerCost * risk * successRate
        }
    }

    /// The expected cost of contacting one customer with churn probability `risk`.
    @inline(__always)
    public func expectedCost(risk: Double) -> Double { costPerContact + expectedOfferCost(risk: risk) }

    /// The expected net value of contacting one customer: risk · success · value − expected cost.
    @inline(__always)
    public func expectedNet(risk: Double, value: Double) -> Double {
        risk * successRate * value - expectedCost(risk: risk)
    }
}
