import ArgumentParser
import ChurnKit
import Foundation

/// `churn score FILE --out scores.csv`: every customer's churn probability and tier from a saved model.
struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score every customer with a saved model and write probabilities and tiers as CSV.",
        discussion: """
        Uses the active model unless --model names a version. Transaction logs are scored with features at the
        last date in the file. Tiers: high > 0.7, medium 0.4-0.7, low 0.2-0.4, safe < 0.2. Every scoring is kept
        in the workspace as a new scoring of that model version (history is never overwritten).
        """
    )

    @OptionGroup var data: DataOptions
    @OptionGroup var workspace: WorkspaceOptions

    @OptionGroup var modelOptions: ModelOptions

    @Option(help: ArgumentHelp("Where to write the scores.", valueName: "scores.csv"))
    var out: String

    @Flag(help: "Print a JSON summary on stdout instead of text.")
    var json = false

    mutating func run() throws {
        let command = self
        try CommandLineErrors.guarded { try command.execute() }
    }

    private func execute() throws {
        let store = try Workspace(path: workspace.resolvedPath)
        let record = try modelOptions.resolve(in: store)
        let outcome = try WorkspaceScoring.score(file: data.file, ingest: try data.ingestOptions(), record: record, store: store)
        let probabilities = outcome.probabilities, tierNames = outcome.tiers, scoringID = outcome.scoringID
        var text = "customer_id,churn_probability,tier\n"
        for i in probabilities.indices {
            text += "\(Self.csvField(outcome.customerIDs[i])),\(String(format: "%.6f", probabilities[i])),\(tierNames[i])\n"
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: out))
        } catch {
            throw UsageError(message: "cannot write \(out): \((error as NSError).localizedDescription)")
        }
        if let note = outcome.explanationNote { Console.error(note) }
        var counts: [String: Int] = [:]
        for t in tierNames { counts[t, default: 0] += 1 }
        if json {
            struct Summary: Encodable { var file: String; var out: String; var modelVersion: Int; var scoringID: Int64; var customers: Int; var tiers: [String: Int] }
            Console.out(try JSONOutput.encode(Summary(file: data.file, out: out, modelVersion: record.version, scoringID: scoringID,
                                                      customers: probabilities.count, tiers: counts)))
        } else {
            let tierText = RiskTier.allCases.map { "\($0.rawValue) \(counts[$0.rawValue] ?? 0)" }.joined(separator: ", ")
            Console.error("Scored \(probabilities.count) customers with model version \(record.version) (\(record.family)): \(tierText). Wrote \(out)")
        }
    }

    /// Quotes a CSV field when needed.
    static func csvField(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
