import ArgumentParser
import ChurnKit
import Foundation

/// `churn explain CUSTOMER_ID`: why the model gave one customer their score.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain one customer's churn score: the factors that raise or lower it.",
        discussion: """
        Reads the latest scoring of the active model (or --model VERSION) and recomputes the customer's features
        from the scored file. Contributions are exact (TreeSHAP for trees and boosting, coefficient x (value - mean)
        for linear models) in the model's margin space before calibration: expected value + the sum of all
        contributions = the margin. The probability shown is the calibrated score.
        """
    )

    @Argument(help: "The customer's id.")
    var customer: String

    @OptionGroup var modelOptions: ModelOptions
    @OptionGroup var workspace: WorkspaceOptions

    @Option(help: ArgumentHelp("How many factors to show.", valueName: "n"))
    var top: Int = 5

    @Flag(help: "Print JSON on stdout instead of text.")
    var json = false

    mutating func run() throws {
        let command = self
        try CommandLineErrors.guarded { try command.execute() }
    }

    struct Factor: Encodable {
        var feature: String
        var value: Double?
        var retainedMean: Double?
        var churnedMean: Double?
        var zScore: Double?
        var contribution: Double
        var probabilityChange: Double
        var sentence: String
    }

    struct Report: Encodable {
        var customerID: String
        var modelVersion: Int
        var family: String
        var probability: Double
        var tier: String
        var value: Double?
        var marginSpace: String
        var expectedValue: Double
        var margin: Double
        var contributionSum: Double
        var factors: [Factor]
    }

    private func execute() throws {
        guard top > 0 else { throw UsageError(message: "--top \(top): expected a positive number") }
        let c = try ExplainedCustomer.open(workspace: workspace, modelOptions: modelOptions, customerID: customer)
        let explainer = c.context.explainer
        let one = c.rows([c.rawRow])
        let explanation = try explainer.explain(one, row: 0, reference: c.context.reference, customerID: c.customerID, top: top)
        // The margin as the model computes it, independently of the contributions.
        let margin = try explainer.margins(one)[0]
        let report = Report(
            customerID: c.customerID, modelVersion: c.scored.model.version, family: c.scored.model.family,
            probability: c.probability, tier: c.tier, value: finite(c.value), marginSpace: explainer.marginDescription,
            expectedValue: explanation.expectedValue, margin: margin, contributionSum: explanation.contributions.reduce(0, +),
            factors: explanation.factors.map {
                Factor(feature: $0.feature, value: finite($0.value), retainedMean: finite($0.retainedMean), churnedMean: finite($0.churnedMean),
                       zScore: finite($0.zScore), contribution: $0.contribution, probabilityChange: $0.probabilityChange, sentence: $0.sentence)
            })
        if json {
            Console.out(try JSONOutput.encode(report))
            return
        }
        var lines = ["Customer \(report.customerID): churn probability \(String(format: "%.3f", report.probability)) (\(report.tier))"
                     + (report.value.map { ", value \(ReasonText.number($0))" } ?? ""),
                     "Model version \(report.modelVersion) (\(report.family)); contributions in \(report.marginSpace):",
                     "  expected value \(String(format: "%+.4f", report.expectedValue)) + contributions \(String(format: "%+.4f", report.contributionSum))"
                     + " = margin \(String(format: "%+.4f", report.margin))", "",
                     "  feature                        value   retained    churned   z-score  contribution"]
        for f in explanation.factors {
            func cell(_ v: Double, _ width: Int) -> String {
                let text = ReasonText.number(v)
                return String(repeating: " ", count: max(0, width - text.count)) + text
            }
            let name = f.feature.count > 28 ? String(f.feature.prefix(27)) + "…" : f.feature
            lines.append("  " + name.padding(toLength: 28, withPad: " ", startingAt: 0) + cell(f.value, 9) + cell(f.retainedMean, 11)
                         + cell(f.churnedMean, 11) + String(format: "%10.2f", f.zScore) + String(format: "%14.4f", f.contribution))
            lines.append("      \(f.sentence)")
        }
        Console.out(lines.joined(separator: "\n"))
    }
}
