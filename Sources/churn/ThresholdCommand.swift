import ArgumentParser
import ChurnKit
import Foundation

/// `churn threshold --objective f1|profit|recall=0.8|precision=0.7`: the decision threshold chosen on the
/// model's out-of-fold predictions.
struct ThresholdCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "threshold",
        abstract: "Choose the decision threshold on the model's out-of-fold predictions.",
        discussion: """
        Uses the champion's calibrated out-of-fold probabilities stored by `churn train` (each customer scored
        by a model that never saw it), so precision and recall are honest estimates. Objectives: f1 (largest F1),
        profit (largest net value: churners flagged x value x success - flagged x cost), recall=R (highest
        threshold reaching recall R), precision=P (lowest threshold keeping precision P). --save stores the
        threshold as the workspace setting `threshold`, which the full-screen application uses.
        """
    )

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var modelOptions: ModelOptions

    @Option(help: ArgumentHelp("What the threshold should achieve.", valueName: "f1|profit|recall=0.8|precision=0.7"))
    var objective: String = "f1"

    @Option(help: ArgumentHelp("Everything spent per flagged customer (contact plus offer).", valueName: "amount"))
    var cost: Double = 8

    @Option(help: ArgumentHelp("Value of keeping a customer.", valueName: "amount"))
    var value: Double = ScoredCustomers.defaultValue

    @Option(help: ArgumentHelp("Probability that a contacted churner stays (0-1).", valueName: "rate"))
    var success: Double = 0.3

    @Flag(help: "Store the chosen threshold as the workspace setting `threshold`.")
    var save = false

    @Flag(help: "Print the result as JSON on stdout.")
    var json = false

    mutating func run() throws {
        let command = self
        try CommandLineErrors.guarded { try command.execute() }
    }

    private struct Report: Encodable {
        var modelVersion: Int
        var family: String
        var objective: String
        var customers: Int
        var churners: Int
        var costPerContact: Double
        var customerValue: Double
        var successRate: Double
        var chosen: ThresholdPoint
        var comparison: [ThresholdPoint]
        var saved: Bool
    }

    private func execute() throws {
        let parsed = try ThresholdObjective(parsing: objective)
        let store = try Workspace(path: workspace.resolvedPath)
        let model = try modelOptions.resolve(in: store)
        guard let oof = try store.outOfFold(modelID: model.id) else {
            throw UsageError(message: "model version \(model.version) has no stored out-of-fold predictions (it was trained before they were kept); "
                             + "run `churn train FILE` again")
        }
        let profit = ThresholdProfitModel(costPerContact: cost, customerValue: value, successRate: success)
        let optimizer = try ThresholdOptimizer(scores: oof.probabilities, labels: oof.labels, profit: profit)
        let chosen = try optimizer.require(parsed)
        let comparison = optimizer.comparison()
        guard !save || chosen.threshold.isFinite else {
            throw UsageError(message: "the best choice for \(parsed.label) is to flag nobody; nothing was saved")
        }
        if save { try store.setSetting("threshold", String(chosen.threshold)) }
        if json {
            let report = Report(modelVersion: model.version, family: model.family, objective: parsed.label, customers: oof.labels.count,
                                churners: Int(oof.labels.reduce(0, +)), costPerContact: cost, customerValue: value, successRate: success,
                                chosen: chosen, comparison: comparison, saved: save)
            Console.out(try JSONOutput.encode(report))
            return
        }
        let thresholdText = chosen.threshold.isFinite ? String(format: "%.4f", chosen.threshold) : "none (flag nobody)"
        Console.out("""
            Model version \(model.version) (\(model.family)), \(oof.labels.count) out-of-fold predictions, \(Int(oof.labels.reduce(0, +))) churners.
            Objective: \(parsed.label). Money: cost \(cost) per contact, value \(value), success rate \(success).
            Threshold \(thresholdText): precision \(String(format: "%.3f", chosen.precision)), recall \(String(format: "%.3f", chosen.recall)), \
            F1 \(String(format: "%.3f", chosen.f1)), flagged \(chosen.flagged), net value \(String(format: "%.2f", chosen.netValue)).

            \(ThresholdOptimizer.table(comparison))
            """)
        if save { Console.error("Saved threshold \(thresholdText) as the workspace setting `threshold`.") }
    }
}
