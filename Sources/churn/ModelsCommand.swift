import ArgumentParser
import ChurnKit
import Foundation

/// `churn models`: the saved model versions with their metrics; the active one is marked.
struct ModelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "List saved model versions with their cross-validated metrics (* = active)."
    )

    @OptionGroup var workspace: WorkspaceOptions

    @Flag(help: "Print the list as JSON on stdout.")
    var json = false

    mutating func run() throws {
        let command = self
        try CommandLineErrors.guarded { try command.execute() }
    }

    private struct Listed: Encodable {
        var version: Int
        var family: String
        var active: Bool
        var createdAt: Date
        var createdBy: String
        var dataHash: String
        var seed: UInt64
        var metrics: [String: MetricSummary]
        var trainingSeconds: Double?
    }

    private struct StoredMetrics: Decodable {
        struct Entry: Decodable { var metrics: [String: MetricSummary] }
        var entry: Entry
        var trainingSeconds: Double?
    }

    private func execute() throws {
        let store = try Workspace(path: workspace.resolvedPath)
        let listed = try store.models().map { m -> Listed in
            let stored = try? JSONDecoder().decode(StoredMetrics.self, from: Data(m.metricsJSON.utf8))
            return Listed(version: m.version, family: m.family, active: m.active, createdAt: m.createdAt, createdBy: m.createdBy,
                          dataHash: m.dataHash, seed: m.seed, metrics: stored?.entry.metrics ?? [:], trainingSeconds: stored?.trainingSeconds)
        }
        if json {
            struct Document: Encodable { var workspace: String; var models: [Listed] }
            Console.out(try JSONOutput.encode(Document(workspace: store.path, models: listed)))
            return
        }
        guard !listed.isEmpty else {
            Console.out("No models in \(store.path) yet. Train one with: churn train FILE")
            return
        }
        var lines = ["  version  family        ROC-AUC        F1             recall         Brier          trained"]
        func cell(_ s: MetricSummary?) -> String {
            guard let s else { return "-".padding(toLength: 15, withPad: " ", startingAt: 0) }
            return String(format: "%.3f ± %.3f", s.mean, s.std).padding(toLength: 15, withPad: " ", startingAt: 0)
        }
        let formatter = ISO8601DateFormatter()
        for m in listed {
            let head = (m.active ? "* " : "  ") + String(m.version).padding(toLength: 9, withPad: " ", startingAt: 0)
            lines.append(head + m.family.padding(toLength: 14, withPad: " ", startingAt: 0) + cell(m.metrics["auc"]) + cell(m.metrics["f1"])
                         + cell(m.metrics["recall"]) + cell(m.metrics["brier"]) + formatter.string(from: m.createdAt) + " by " + m.createdBy)
        }
        Console.out(lines.joined(separator: "\n"))
    }
}
