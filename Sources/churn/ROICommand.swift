import ArgumentParser
import ChurnKit
import Foundation

/// `churn roi --top 100 --cost 8 --success 0.35`: what a retention campaign on the latest scores costs and keeps.
struct ROICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roi",
        abstract: "Expected cost, saves and net value of a retention campaign on the latest scores.",
        discussion: """
        Reads the latest scoring of the model (see `churn score`). Choose whom to contact with one of --top N
        (highest risk), --tier high|medium|low|safe, --segment NAME (a saved segment) or --budget B (the best
        expected nets within the budget); the default is --top 100. Per customer: expected saves = risk x success,
        revenue protected = saves x value, cost = --cost + the offer cost (--offer-cost, paid per accepted offer
        unless --offer-per-contact). Customer values: --value-field (default total_spend, the historical spend,
        for transaction logs), or --value-source clv for the expected spend within the model's horizon
        (BG/NBD + Gamma-Gamma, transaction logs), else --value for everyone. A comparison of three preset
        scenarios follows.
        """
    )

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var modelOptions: ModelOptions
    @OptionGroup var valueOptions: ValueOptions

    @Option(help: ArgumentHelp("Contact the N customers with the highest risk.", valueName: "N"))
    var top: Int?

    @Option(help: ArgumentHelp("Contact one risk tier.", valueName: "high|medium|low|safe"))
    var tier: String?

    @Option(help: ArgumentHelp("Contact a saved segment (see `churn segments`).", valueName: "name"))
    var segment: String?

    @Option(help: ArgumentHelp("Contact the best customers whose expected total cost fits this budget.", valueName: "amount"))
    var budget: Double?

    @Option(help: ArgumentHelp("Cost of reaching one customer.", valueName: "amount"))
    var cost: Double = 8

    @Option(help: ArgumentHelp("Probability that a contacted churner stays (0-1).", valueName: "rate"))
    var success: Double = 0.35

    @Option(name: .customLong("offer-cost"), help: ArgumentHelp("Cost of the retention offer.", valueName: "amount"))
    var offerCost: Double = 0

    @Flag(name: .customLong("offer-per-contact"), help: "Charge the offer for every customer contacted (default: only for those it saves).")
    var offerPerContact = false

    @Flag(help: "Print the result as JSON on stdout.")
    var json = false

    mutating func run() throws {
        let command = self
        try CommandLineErrors.guarded { try command.execute() }
    }

    private struct Report: Encodable {
        var modelVersion: Int
        var scoringID: Int64
        var customers: Int
        var target: String
        var valueSource: String
        var assumptions: CampaignAssumptions
        var outcome: CampaignOutcome
        var budget: Double?
        var budgetMethod: String?
        var scenarios: [CampaignScenarioResult]
    }

    private func execute() throws {
        let choices = [top != nil, tier != nil, segment != nil, budget != nil].filter { $0 }.count
        guard choices <= 1 else { throw UsageError(message: "give at most one of --top, --tier, --segment and --budget") }
        let (store, scored) = try ScoredCustomers.loadLatest(workspace: workspace, modelOptions: modelOptions, valueOptions: valueOptions)
        let model = scored.model
        let assumptions = CampaignAssumptions(costPerContact: cost, offerCost: offerCost,
                                              offerCharging: offerPerContact ? .perContact : .perAcceptedOffer,
                                              successRate: success, defaultCustomerValue: valueOptions.value)
        try assumptions.validate()
        let population = try CampaignPopulation(risks: scored.probabilities, values: scored.values)

        var targetLabel: String
        var outcome: CampaignOutcome
        var method: String?
        if let budget {
            let plan = try BudgetTargeting.plan(budget: budget, population: population, assumptions: assumptions)
            outcome = plan.outcome
            method = plan.method.rawValue
            targetLabel = "best expected nets within budget \(budget)"
        } else {
            let target: CampaignTarget
            if let tier {
                let t = try RiskTier.parseOption(tier)
                let tiers = RiskTiers()
                target = .customers(scored.probabilities.indices.filter { tiers.tier(for: scored.probabilities[$0]) == t })
                targetLabel = "tier \(t.rawValue) (\(tiers.range(of: t)))"
            } else if let segment {
                guard let saved = try store.segment(named: segment) else {
                    let names = try store.segments().map(\.name)
                    let hint = Suggestion.closest(to: segment, in: names).map { "; did you mean \($0)?" } ?? ""
                    throw UsageError(message: "--segment \(segment): no saved segment of that name\(hint)")
                }
                target = .customers(try scored.selectShowingErrors(saved.expression).indices)
                targetLabel = "segment \(saved.name) (\(saved.expression))"
            } else {
                let n = top ?? 100
                guard n >= 0 else { throw UsageError(message: "--top \(n): expected 0 or more") }
                target = .topByRisk(n)
                targetLabel = target.label
            }
            outcome = try CampaignROI.evaluate(target, in: population, assumptions: assumptions)
        }
        let scenarios = try CampaignScenarioComparison.compare(CampaignScenario.presets(base: assumptions, customerCount: population.count),
                                                               in: population)
        if json {
            Console.out(try JSONOutput.encode(Report(modelVersion: model.version, scoringID: scored.scoring.id, customers: population.count,
                                                     target: targetLabel, valueSource: scored.valueSource, assumptions: assumptions,
                                                     outcome: outcome, budget: budget, budgetMethod: method, scenarios: scenarios)))
            return
        }
        func money(_ x: Double) -> String { String(format: "%.2f", x) }
        var lines = [
            "Model version \(model.version), scoring \(scored.scoring.id) of \(population.count) customers; values: \(scored.valueSource).",
            "Target: \(targetLabel)" + (method.map { " [\($0)]" } ?? ""),
            "Contacted \(outcome.contacted), expected churners \(String(format: "%.1f", outcome.expectedChurners)), value at risk \(money(outcome.valueAtRisk))",
            "Cost \(money(outcome.totalCost)) (contacts \(money(outcome.contactCost)), offers \(money(outcome.offerCost))), "
                + "expected saves \(String(format: "%.1f", outcome.expectedSaves)), revenue protected \(money(outcome.revenueProtected))",
            "Net \(money(outcome.net)), ROI " + (outcome.roiPercent.map { String(format: "%.1f%%", $0) } ?? "n/a (nothing spent)"),
            "",
            "Scenarios:",
            CampaignScenarioComparison.table(scenarios),
        ]
        if outcome.contacted == 0 { lines.insert("Nobody is contacted with this choice.", at: 2) }
        Console.out(lines.joined(separator: "\n"))
    }
}
