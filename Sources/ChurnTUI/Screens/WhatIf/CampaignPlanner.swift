import ChurnKit

/// The campaign planner of the What-if tab: whom to contact (the top N by risk), what it costs and how
/// often it works, with the outcome (`CampaignROI`) and the preset scenarios (`CampaignScenario`)
/// recomputed on every change.
struct CampaignPlanner: Sendable, Equatable {
    /// The planner's sliders, top to bottom.
    enum Setting: Int, CaseIterable, Sendable {
        case targeted, offerCost, contactCost, successRate, customerValue

        var title: String {
            switch self {
            case .targeted: return "Customers targeted"
            case .offerCost: return "Offer cost"
            case .contactCost: return "Cost per contact"
            case .successRate: return "Success rate"
            case .customerValue: return "Customer value"
            }
        }
    }

    /// The defaults of `churn roi`: the top 100, 8 per contact, 35% success, no offer.
    static let defaultTargeted = 100
    static let defaultContactCost = 8.0
    static let defaultSuccessRate = 0.35
    static let defaultOfferCost = 0.0

    var selected: Setting = .targeted
    /// How many of the riskiest customers are contacted.
    var targeted: Int
    var offerCost = CampaignPlanner.defaultOfferCost
    var costPerContact = CampaignPlanner.defaultContactCost
    var successRate = CampaignPlanner.defaultSuccessRate
    var offerCharging: CampaignAssumptions.OfferCharging = .perAcceptedOffer
    /// One value for every customer; nil uses each customer's own value.
    var flatValue: Double?
    /// The customers there are, and the mean known value (NaN: none), which set the ranges.
    var customerCount: Int
    var meanValue: Double

    /// A planner with the defaults for `basis` (own values when some customer has one, else a flat value).
    init(basis: CampaignBasis) {
        customerCount = basis.count
        meanValue = basis.meanValue
        targeted = min(Self.defaultTargeted, basis.count)
        flatValue = basis.meanValue.isNaN ? basis.unknownValue : nil
    }

    /// The range and step of a setting (the value axis of its slider).
    func range(_ setting: Setting) -> (low: Double, high: Double, step: Double) {
        switch setting {
        case .targeted:
            let n = Double(customerCount)
            return (0, n, WhatIfSlider.niceStep(span: n, integral: true, parts: 100))
        case .offerCost:
            let high = max(100, Self.roundUp(meanValue.isNaN ? 0 : meanValue))
            return (0, high, WhatIfSlider.niceStep(span: high, integral: false, parts: 100))
        case .contactCost:
            return (0, 100, 0.5)
        case .successRate:
            return (0, 1, 0.01)
        case .customerValue:
            let high = max(1000, Self.roundUp(4 * (meanValue.isNaN ? 0 : meanValue)))
            return (0, high, WhatIfSlider.niceStep(span: high, integral: false, parts: 100))
        }
    }

    /// The current value of a setting (the customer value: the flat value, or the mean own value).
    func value(_ setting: Setting) -> Double {
        switch setting {
        case .targeted: return Double(targeted)
        case .offerCost: return offerCost
        case .contactCost: return costPerContact
        case .successRate: return successRate
        case .customerValue: return flatValue ?? meanValue
        }
    }

    /// Moves the selected setting `steps` steps (negative: down), within its range. Moving the
    /// customer value from "own values" starts a flat value at the (rounded) mean own value.
    mutating func step(_ steps: Int) {
        let (low, high, step) = range(selected)
        let start = value(selected)
        var next = WhatIfSlider.snap(start + Double(steps) * step, step: step)
        if selected == .customerValue, flatValue == nil {
            next = WhatIfSlider.snap(start.isNaN ? 0 : start, step: step)
        }
        set(selected, min(high, max(low, next)))
    }

    /// Moves the selected setting to the end of its range.
    mutating func toEnd(high: Bool) {
        let r = range(selected)
        set(selected, high ? r.high : r.low)
    }

    /// Sets a setting (targeted rounds to a whole number of customers).
    mutating func set(_ setting: Setting, _ v: Double) {
        switch setting {
        case .targeted: targeted = min(customerCount, max(0, Int(v.rounded())))
        case .offerCost: offerCost = v
        case .contactCost: costPerContact = v
        case .successRate: successRate = min(1, max(0, v))
        case .customerValue: flatValue = v
        }
    }

    /// Puts the selected setting back to its default.
    mutating func reset(_ setting: Setting) {
        switch setting {
        case .targeted: targeted = min(Self.defaultTargeted, customerCount)
        case .offerCost: offerCost = Self.defaultOfferCost
        case .contactCost: costPerContact = Self.defaultContactCost
        case .successRate: successRate = Self.defaultSuccessRate
        case .customerValue: flatValue = meanValue.isNaN ? CustomerValueChoice.defaultFallback : nil
        }
    }

    /// The assumptions the settings describe for `basis`.
    func assumptions(_ basis: CampaignBasis) -> CampaignAssumptions {
        CampaignAssumptions(costPerContact: costPerContact, offerCost: offerCost, offerCharging: offerCharging,
                            successRate: successRate, defaultCustomerValue: flatValue ?? basis.unknownValue)
    }

    /// The population the values come from (own values, or none so the flat value applies to all).
    func population(_ basis: CampaignBasis) -> CampaignPopulation {
        flatValue == nil ? basis.population : basis.flatPopulation
    }

    /// The outcome of contacting the `targeted` riskiest customers.
    func outcome(_ basis: CampaignBasis) -> CampaignOutcome {
        let rows = basis.byRisk.prefix(targeted).map { Int($0) }
        return CampaignROI.outcome(rows: rows, in: population(basis), assumptions: assumptions(basis))
    }

    /// The preset scenarios (conservative / balanced / aggressive) from these settings, each contacting
    /// the top customers by expected value lost.
    func scenarios(_ basis: CampaignBasis) -> [PlannedScenario] {
        let population = population(basis)
        let order: [Int32]
        if flatValue == nil {
            order = basis.byLoss
        } else if let v = flatValue, v > 0 {
            order = basis.byRisk
        } else {
            order = (0..<Int32(basis.count)).map { $0 }  // every expected loss is 0: ties in row order
        }
        return CampaignScenario.presets(base: assumptions(basis), customerCount: basis.count).map { scenario in
            var count = 0
            if case .topByExpectedLoss(let n) = scenario.target { count = n }
            let rows = order.prefix(count).map { Int($0) }
            return PlannedScenario(scenario: scenario,
                                   outcome: CampaignROI.outcome(rows: rows, in: population, assumptions: scenario.assumptions))
        }
    }

    /// `x` rounded up to 1, 2 or 5 times a power of ten.
    static func roundUp(_ x: Double) -> Double {
        guard x > 0, x.isFinite else { return 0 }
        var power = 1.0
        while power * 10 <= x { power *= 10 }
        while power > x { power /= 10 }
        for m in [1.0, 2, 5, 10] where power * m >= x { return power * m }
        return power * 10
    }
}

/// One row of the planner's scenario comparison: a preset plan and its outcome.
struct PlannedScenario: Sendable, Equatable {
    var scenario: CampaignScenario
    var outcome: CampaignOutcome
}
