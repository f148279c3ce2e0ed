import ArgumentParser
import ChurnKit
import Foundation

/// `churn whatif CUSTOMER_ID --set feature=value`: re-score one customer with changed feature values.
struct WhatIfCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whatif",
        abstract: "Re-score one customer with changed feature values and find the single change that lowers the risk most.",
        discussion: """
        --set takes a model feature and a number (e.g. --set late_payments=0, --set contract=Two\\ year=1 for a one-hot
        column). For transaction logs, --bought-today recomputes every feature as if the customer bought today.
        Probabilities are calibrated scores from the saved model; contributions are in its margin space.
        """
    )

    @Argument(help: "The customer's id.")
    var customer: String

    @Option(name: .customLong("set"), help: ArgumentHelp("A feature value to try (repeatable).", valueName: "feature=value"))
    var settings: [String] = []

    @Flag(name: .customLong("bought-today"), help: "For transaction logs: as if the customer made a purchase on the last day.")
    var boughtToday = false

    @OptionGroup var modelOptions: ModelOptions
    @OptionGroup var workspace: WorkspaceOptions

    @Flag(help: "Print JSON on stdout instead of text.")
    var json = false

    mutating func run() throws {
        let command = self
        try CommandLineErrors.guarded { try command.execute() }
    }

    struct Change: Encodable { var feature: String; var from: Double?; var to: Double? }
    struct ContributionChange: Encodable { var feature: String; var before: Double; var after: Double; var change: Double }
    struct Suggestion: Encodable { var summary: String; var changes: [Change]; var newProbability: Double; var probabilityChange: Double }
    struct Report: Encodable {
        var customerID: String
        var modelVersion: Int
        var changes: [Change]
        var oldProbability: Double
        var newProbability: Double
        var probabilityChange: Double
        var marginSpace: String
        var contributionChanges: [ContributionChange]
        var bestSingleChange: Suggestion?
        var note: String?
    }

    /// Parses `feature=value` (the value after the last '=' so one-hot names like `contract=Two year` work).
    static func parse(_ setting: String) throws -> (String, Double) {
        guard let eq = setting.lastIndex(of: "="), eq != setting.startIndex else {
            throw UsageError(message: "--set \(setting): expected feature=value, e.g. --set late_payments=0")
        }
        let name = String(setting[..<eq]), text = String(setting[setting.index(after: eq)...]).trimmingCharacters(in: .whitespaces)
        guard let value = Double(text), value.isFinite else {
            throw UsageError(message: "--set \(setting): '\(text)' is not a number")
        }
        return (name, value)
    }

    private func execute() throws {
        guard !settings.isEmpty || boughtToday else {
            throw UsageError(message: "nothing to change: give --set feature=value (repeatable) or --bought-today")
        }
        let parsed = try settings.map(Self.parse)
        let c = try ExplainedCustomer.open(workspace: workspace, modelOptions: modelOptions, customerID: customer)
        let explainer = c.context.explainer
        let names = c.matrix.names
        let usable = Set(explainer.featureNames).intersection(names)

        var values: [String: Double] = [:]
        if boughtToday {
            guard c.scored.loaded.shape == .transactions, let asOf = c.scored.features.cutoffDay else {
                throw UsageError(message: "--bought-today applies to transaction logs; this scoring is of a customer table")
            }
            let log = try TransactionLog(table: c.scored.loaded.table, mapping: c.scored.loaded.mapping)
            values = try BoughtToday(log: log, customerID: c.customerID, asOfDay: asOf).changedValues.filter { names.contains($0.key) }
        }
        for (name, value) in parsed {
            guard usable.contains(name) else {
                if names.contains(name) {
                    throw UsageError(message: "--set \(name): the model does not use this feature (it was dropped when training: constant or duplicated)")
                }
                let hint = ChurnKit.Suggestion.closest(to: name, in: Array(usable)).map { ", did you mean '\($0)'?" }
                    ?? "; the model's features are: \(explainer.featureNames.filter(usable.contains).prefix(12).joined(separator: ", "))"
                throw UsageError(message: "--set \(name): unknown feature\(hint)")
            }
            values[name] = value
        }

        let old = c.rawRow
        var new = old
        var changes: [Change] = []
        for name in values.keys.sorted() {
            guard let f = names.firstIndex(of: name), let v = values[name] else { continue }
            if old[f] != v { changes.append(Change(feature: name, from: finite(old[f]), to: finite(v))) }
            new[f] = v
        }
        let both = c.rows([old, new])
        let p = try c.model.probabilities(both)
        let phi = try explainer.shapValues(both, parallel: false)
        var deltas: [ContributionChange] = []
        for f in 0..<phi.featureCount where phi[1, f] != phi[0, f] {
            deltas.append(ContributionChange(feature: phi.featureNames[f], before: phi[0, f], after: phi[1, f], change: phi[1, f] - phi[0, f]))
        }
        deltas.sort { abs($0.change) > abs($1.change) }

        var best: Suggestion?
        var note: String?
        if let part = explainer.parts.first, !explainer.isBlend {
            let memberRow = try explainer.explanationInputs(c.rows([old])).columns.map { $0[0] }
            let fixed = Set(explainer.featureNames.filter { $0.hasSuffix(" (missing)") })
            if let s = try WhatIf.bestSingleChange(model: part.model, featureNames: explainer.featureNames, row: memberRow,
                                                   reference: c.context.reference, fixed: fixed) {
                var row = old
                for change in s.changes { if let f = names.firstIndex(of: change.feature) { row[f] = change.to } }
                let calibrated = try c.model.probabilities(c.rows([row]))[0]
                best = Suggestion(summary: s.summary, changes: s.changes.map { Change(feature: $0.feature, from: finite($0.from), to: finite($0.to)) },
                                  newProbability: calibrated, probabilityChange: calibrated - p[0])
            }
        } else {
            note = "the best single change is searched for single models, not blends"
        }
        let report = Report(customerID: c.customerID, modelVersion: c.scored.model.version, changes: changes,
                            oldProbability: p[0], newProbability: p[1], probabilityChange: p[1] - p[0],
                            marginSpace: explainer.marginDescription, contributionChanges: deltas, bestSingleChange: best, note: note)
        if json {
            Console.out(try JSONOutput.encode(report))
            return
        }
        func number(_ v: Double?) -> String { v.map(ReasonText.number) ?? "missing" }
        var lines = ["Customer \(c.customerID), model version \(report.modelVersion):"]
        lines += changes.isEmpty ? ["  (the values given are the customer's own; nothing changes)"]
            : changes.map { "  \($0.feature): \(number($0.from)) → \(number($0.to))" }
        lines.append("Churn probability \(String(format: "%.3f", p[0])) → \(String(format: "%.3f", p[1])) (\(String(format: "%+.3f", p[1] - p[0])))")
        if !deltas.isEmpty {
            lines.append("Contribution changes (\(report.marginSpace)):")
            for d in deltas.prefix(10) {
                lines.append("  " + d.feature.padding(toLength: 30, withPad: " ", startingAt: 0)
                             + String(format: "%+.4f → %+.4f (%+.4f)", d.before, d.after, d.change))
            }
        }
        if let best {
            lines.append("Best single change: \(best.summary): probability \(String(format: "%.3f", p[0])) → \(String(format: "%.3f", best.newProbability))")
        } else {
            lines.append(note.map { "Best single change: \($0)" } ?? "Best single change: none of the realistic values lowers this customer's risk")
        }
        Console.out(lines.joined(separator: "\n"))
    }
}
