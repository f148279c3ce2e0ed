import ArgumentParser
import ChurnKit
import Foundation

/// `churn segment "EXPR"`: the scored customers a filter expression selects, optionally saved or exported.
struct SegmentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segment",
        abstract: "Select scored customers with a filter expression; save it as a segment or export it.",
        discussion: """
        The expression runs over the latest scoring of the model joined with the customers' features, e.g.
        'risk > 0.7 and contract == "Month-to-month"' or 'tier == "high" and days_since_last_purchase > 60'.
        Fields: every feature, the source table's text columns, risk, tier and value. The features are
        recomputed from the scored file, which must still be where it was when scored.
        """
    )

    @Argument(help: "The filter expression.")
    var expression: String

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var modelOptions: ModelOptions
    @OptionGroup var valueOptions: ValueOptions

    @Option(help: ArgumentHelp("Save the expression as a segment with this name.", valueName: "name"))
    var save: String?

    @Option(help: ArgumentHelp("Write the selected customers to this CSV file.", valueName: "file.csv"))
    var out: String?

    @Flag(help: "Print the result as JSON on stdout.")
    var json = false

    mutating func run() throws {
        let command = self
        try CommandLineErrors.guarded { try command.execute() }
    }

    private struct Report: Encodable {
        var expression: String
        var modelVersion: Int
        var scoringID: Int64
        var profile: SegmentProfile
        var valueSource: String
        var saved: String?
        var out: String?
        var sample: [String]
    }

    private func execute() throws {
        let (store, scored) = try ScoredCustomers.loadLatest(workspace: workspace, modelOptions: modelOptions, valueOptions: valueOptions)
        let model = scored.model
        let rows = try scored.selectShowingErrors(expression)
        let profile = SegmentProfile(name: save ?? "selection", rows: rows, table: scored.table)
        if let out { try CustomerExport.write(scored, rows: rows.indices, to: out) }
        if let save { try store.saveSegment(name: save, expression: expression) }
        let sample = Array(rows.indices.sorted { scored.probabilities[$0] > scored.probabilities[$1] }.prefix(10))
        if json {
            Console.out(try JSONOutput.encode(Report(expression: expression, modelVersion: model.version, scoringID: scored.scoring.id,
                                                     profile: profile, valueSource: scored.valueSource, saved: save, out: out,
                                                     sample: sample.map { scored.customerIDs[$0] })))
            return
        }
        var lines = ["\(profile.customers) of \(scored.table.rowCount) customers (\(String(format: "%.1f%%", profile.share * 100))) match \(expression)",
                     "Mean risk " + (profile.meanRisk.map { String(format: "%.3f", $0) } ?? "-")
                        + ", value " + (profile.totalValue.map { String(format: "%.2f", $0) } ?? "-")
                        + ", value at risk " + (profile.valueAtRisk.map { String(format: "%.2f", $0) } ?? "-") + " (\(scored.valueSource))"]
        if !sample.isEmpty {
            lines.append("Highest risk: " + sample.map { "\(scored.customerIDs[$0]) \(String(format: "%.3f", scored.probabilities[$0]))" }.joined(separator: ", "))
        }
        if let out { lines.append("Wrote \(rows.count) customers to \(out)") }
        if let save { lines.append("Saved as segment \"\(save)\"") }
        Console.out(lines.joined(separator: "\n"))
    }
}
