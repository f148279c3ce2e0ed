import ArgumentParser
import ChurnKit
import Foundation

/// `churn export --out FILE.csv`: the scored customers as a CSV file for a CRM.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write scored customers as CSV for a CRM (id, probability, tier, value).",
        discussion: """
        Reads the latest scoring of the model. Narrow the list with --tier, --segment (a saved segment) and
        --top N (highest risk first); rows are ordered by risk, highest first. Cells that begin with = + - @
        are prefixed with ' so spreadsheet programs do not run them as formulas. The value column is the
        historical value (--value-field, default total_spend for transaction logs) or, with --value-source clv,
        the expected spend within the model's horizon (BG/NBD + Gamma-Gamma, transaction logs). Top reasons are added once
        model explanations are stored with the scores.
        """
    )

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var modelOptions: ModelOptions
    @OptionGroup var valueOptions: ValueOptions

    @Option(help: ArgumentHelp("Only this risk tier.", valueName: "high|medium|low|safe"))
    var tier: String?

    @Option(help: ArgumentHelp("Only the customers of this saved segment.", valueName: "name"))
    var segment: String?

    @Option(help: ArgumentHelp("At most N customers, highest risk first.", valueName: "N"))
    var top: Int?

    @Option(help: ArgumentHelp("The CSV file to write.", valueName: "file.csv"))
    var out: String

    @Flag(help: "Print a JSON summary on stdout.")
    var json = false

    mutating func run() throws {
        let command = self
        try CommandLineErrors.guarded { try command.execute() }
    }

    private func execute() throws {
        if let top, top < 0 { throw UsageError(message: "--top \(top): expected 0 or more") }
        let (store, scored) = try ScoredCustomers.loadLatest(workspace: workspace, modelOptions: modelOptions, valueOptions: valueOptions)
        let model = scored.model
        var keep = [Bool](repeating: true, count: scored.customerIDs.count)
        if let tier {
            let t = try RiskTier.parseOption(tier)
            let tiers = RiskTiers()
            for i in keep.indices where tiers.tier(for: scored.probabilities[i]) != t { keep[i] = false }
        }
        if let segment {
            guard let saved = try store.segment(named: segment) else {
                throw SegmentError.notFound(name: segment, suggestion: Suggestion.closest(to: segment, in: try store.segments().map(\.name)))
            }
            let rows = try scored.selectShowingErrors(saved.expression)
            for i in keep.indices where !rows[i] { keep[i] = false }
        }
        var rows = keep.indices.filter { keep[$0] }.sorted { a, b in
            scored.probabilities[a] != scored.probabilities[b] ? scored.probabilities[a] > scored.probabilities[b] : a < b
        }
        if let top { rows = Array(rows.prefix(top)) }
        try CustomerExport.write(scored, rows: rows, to: out)
        if json {
            struct Summary: Encodable { var out: String; var modelVersion: Int; var scoringID: Int64; var customers: Int; var valueSource: String }
            Console.out(try JSONOutput.encode(Summary(out: out, modelVersion: model.version, scoringID: scored.scoring.id,
                                                      customers: rows.count, valueSource: scored.valueSource)))
        } else {
            Console.error("Wrote \(rows.count) customers to \(out) (values: \(scored.valueSource))")
        }
    }
}

/// Writing chosen scored customers as a CRM CSV file.
enum CustomerExport {
    /// Writes `rows` of `scored` (in that order) to `path` via `CRMExport`.
    static func write(_ scored: ScoredCustomers, rows: [Int], to path: String) throws {
        let values = scored.table.numbers(named: CustomerTable.valueField)
        let export = CRMExport(customerIDs: rows.map { scored.customerIDs[$0] }, probabilities: rows.map { scored.probabilities[$0] },
                               tiers: rows.map { scored.scoring.tiers[$0] }, values: values.map { v in rows.map { v[$0] } })
        try export.table().write(toFile: path)
    }
}
