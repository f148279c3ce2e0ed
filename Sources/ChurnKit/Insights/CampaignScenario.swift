/// A named campaign plan: whom to contact and under which assumptions, for side-by-side comparison.
public struct CampaignScenario: Codable, Sendable, Equatable {
    /// The name shown in the comparison table.
    public var name: String
    /// Whom the scenario contacts.
    public var target: CampaignTarget
    /// Its costs, success rate and default value.
    public var assumptions: CampaignAssumptions

    public init(name: String, target: CampaignTarget, assumptions: CampaignAssumptions) {
        self.name = name
        self.target = target
        self.assumptions = assumptions
    }

    /// Three editable starting points derived from the user's own `base` assumptions, for `customerCount` customers:
    /// - conservative: the top 10% by expected value lost, half the offer, success rate × 0.8
    ///   (a smaller offer persuades fewer people);
    /// - balanced: the top 25% by expected value lost with `base` as given;
    /// - aggressive: the top 50% by expected value lost, twice the offer, success rate × 1.25 (at most 1).
    /// Each list has at least one customer when there are any customers.
    public static func presets(base: CampaignAssumptions, customerCount: Int) -> [CampaignScenario] {
        func share(_ fraction: Double) -> Int {
            customerCount == 0 ? 0 : max(1, Int((Double(customerCount) * fraction).rounded()))
        }
        var conservative = base
        conservative.offerCost = base.offerCost * 0.5
        conservative.successRate = base.successRate * 0.8
        var aggressive = base
        aggressive.offerCost = base.offerCost * 2
        aggressive.successRate = min(1, base.successRate * 1.25)
        return [
            CampaignScenario(name: "conservative", target: .topByExpectedLoss(share(0.10)), assumptions: conservative),
            CampaignScenario(name: "balanced", target: .topByExpectedLoss(share(0.25)), assumptions: base),
            CampaignScenario(name: "aggressive", target: .topByExpectedLoss(share(0.50)), assumptions: aggressive),
        ]
    }
}

/// One row of a scenario comparison.
public struct CampaignScenarioResult: Codable, Sendable, Equatable {
    public var scenario: CampaignScenario
    public var outcome: CampaignOutcome
}

/// Scenario comparison: the same population under several campaign plans, as rows of one table.
public enum CampaignScenarioComparison {
    /// Evaluates every scenario on `population` (throws the first scenario's input error, naming it).
    public static func compare(_ scenarios: [CampaignScenario], in population: CampaignPopulation) throws -> [CampaignScenarioResult] {
        try scenarios.map { scenario in
            do {
                return CampaignScenarioResult(scenario: scenario,
                                              outcome: try CampaignROI.evaluate(scenario.target, in: population,
                                                                                assumptions: scenario.assumptions))
            } catch let error as CampaignROIError {
                throw CampaignROIError("Scenario \"\(scenario.name)\": \(error.message)", exitCode: error.exitCode)
            }
        }
    }

    /// A plain-text table (one line per scenario) for the command line and reports.
    public static func table(_ results: [CampaignScenarioResult]) -> String {
        var rows: [[String]] = [["scenario", "target", "success", "contacted", "cost", "exp. saves",
                                 "protected", "net", "ROI %"]]
        for r in results {
            let o = r.outcome
            rows.append([r.scenario.name, r.scenario.target.label,
                         TextTable.percent(r.scenario.assumptions.successRate),
                         String(o.contacted), TextTable.money(o.totalCost), TextTable.fixed(o.expectedSaves, 1),
                         TextTable.money(o.revenueProtected), TextTable.money(o.net),
                         o.roiPercent.map { TextTable.fixed($0, 1) } ?? "n/a"])
        }
        return TextTable.render(rows, rightAligned: Set(2..<9))
    }
}
