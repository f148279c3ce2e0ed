import ArgumentParser
import ChurnKit
import Foundation

/// `churn segments`: the saved segments with their size, mean risk and value at risk; `--compare A B`.
struct SegmentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segments",
        abstract: "List saved segments with size, mean risk and value at risk, or compare two.",
        discussion: """
        Every saved segment is evaluated over the latest scoring of the model (see `churn segment`).
        --compare A B shows both profiles, their overlap and the features that differ most (standardized
        mean difference). Driver segments (customers with risk >= 0.4 grouped by their main risk driver) are
        listed from the champion's exact contributions (TreeSHAP for trees, forests and boosting, linear
        contributions for logistic regression and SVM); naive Bayes and blends containing a forest have none.
        --discover clusters the at-risk customers (risk >= --min-risk) with k-means on standardised features,
        k chosen by silhouette in 2...8 (or fixed with --k), and describes each cluster by its most distinctive
        features, with its size, mean risk and value at risk (sum of risk x value).
        """
    )

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var modelOptions: ModelOptions
    @OptionGroup var valueOptions: ValueOptions

    @Option(parsing: .upToNextOption, help: ArgumentHelp("Compare two saved segments.", valueName: "A B"))
    var compare: [String] = []

    @Flag(help: "Discover segments: k-means clusters of at-risk customers, each described by its distinctive features.")
    var discover = false

    @Option(help: ArgumentHelp("With --discover: the number of clusters (default: chosen by silhouette in 2...8).", valueName: "n"))
    var k: Int?

    @Option(name: .customLong("min-risk"), help: ArgumentHelp("With --discover: the risk from which a customer counts as at risk.", valueName: "p"))
    var minRisk: Double = 0.4

    @Flag(help: "Print the result as JSON on stdout.")
    var json = false

    mutating func run() throws {
        let command = self
        try CommandLineErrors.guarded { try command.execute() }
    }

    private struct Listed: Encodable {
        var name: String
        var expression: String
        var createdBy: String
        var profile: SegmentProfile?
        var error: String?
    }

    private func execute() throws {
        if discover {
            guard compare.isEmpty else { throw UsageError(message: "--discover and --compare cannot be combined") }
            try discoverSegments()
            return
        }
        guard k == nil else { throw UsageError(message: "--k needs --discover") }
        guard compare.isEmpty || compare.count == 2 else {
            throw UsageError(message: "--compare takes two segment names (got \(compare.count))")
        }
        let store = try Workspace(path: workspace.resolvedPath)
        let saved = try store.segments()
        func named(_ name: String) throws -> SavedSegment {
            guard let s = saved.first(where: { $0.name == name.trimmingCharacters(in: .whitespaces) }) else {
                throw SegmentError.notFound(name: name, suggestion: Suggestion.closest(to: name, in: saved.map(\.name)))
            }
            return s
        }
        if compare.count == 2 {
            let a = try named(compare[0]), b = try named(compare[1])
            let scored = try ScoredCustomers.load(store: store, model: try modelOptions.resolve(in: store), valueOptions: valueOptions)
            let comparison = SegmentComparison(first: (a.name, try scored.selectShowingErrors(a.expression)), second: (b.name, try scored.selectShowingErrors(b.expression)),
                                               table: scored.table)
            if json { Console.out(try JSONOutput.encode(comparison)); return }
            var lines = [profileLine(comparison.first), profileLine(comparison.second), "Overlap: \(comparison.overlap) customers", "",
                         "Largest differences (\(a.name) vs \(b.name), standardized difference):"]
            for d in comparison.differences {
                lines.append("  \(d.field.padding(toLength: 32, withPad: " ", startingAt: 0)) \(String(format: "%10.3f %10.3f %+7.2f", d.firstMean, d.secondMean, d.standardizedDifference))")
            }
            Console.out(lines.joined(separator: "\n"))
            return
        }
        guard !saved.isEmpty else {
            if json {
                struct Empty: Encodable { var segments: [Listed] }
                Console.out(try JSONOutput.encode(Empty(segments: [])))
            } else {
                Console.out("No saved segments yet. Save one with: churn segment 'risk > 0.7' --save \"high risk\"")
            }
            return
        }
        let scored = try ScoredCustomers.load(store: store, model: try modelOptions.resolve(in: store), valueOptions: valueOptions)
        let listed = saved.map { s -> Listed in
            do {
                let rows = try scored.selectShowingErrors(s.expression)
                return Listed(name: s.name, expression: s.expression, createdBy: s.createdBy,
                              profile: SegmentProfile(name: s.name, rows: rows, table: scored.table), error: nil)
            } catch {
                return Listed(name: s.name, expression: s.expression, createdBy: s.createdBy, profile: nil,
                              error: (error as? UserFacingError)?.message ?? "\(error)")
            }
        }
        let explained = try driverSegments(store: store, scored: scored)
        let drivers = explained.segments
        if json {
            struct Document: Encodable {
                var modelVersion: Int; var scoringID: Int64; var valueSource: String; var segments: [Listed]
                var driverSegments: [DriverSegmentSummary]?; var driverNote: String?
            }
            Console.out(try JSONOutput.encode(Document(modelVersion: scored.model.version, scoringID: scored.scoring.id, valueSource: scored.valueSource,
                                                       segments: listed, driverSegments: drivers.map { $0.map(DriverSegmentSummary.init) },
                                                       driverNote: explained.note)))
            return
        }
        var lines = ["Segments over scoring \(scored.scoring.id) of model version \(scored.model.version) (values: \(scored.valueSource)):"]
        for l in listed {
            if let p = l.profile { lines.append(profileLine(p) + "   " + l.expression) } else { lines.append("\(l.name): cannot evaluate: \(l.error ?? "")") }
        }
        if let drivers {
            lines += ["", "Driver segments (customers with risk >= 0.4 by their main risk driver; exact model contributions):",
                      RiskDriverSegments.table(drivers)]
        } else if let note = explained.note {
            lines.append("Note: " + note)
        }
        Console.out(lines.joined(separator: "\n"))
    }

    /// The note shown instead of driver segments when the champion has no exact explanation.
    static func driverNote(_ reason: String) -> String {
        "driver segments need per-customer contributions, which this model cannot give: " + reason
    }

    /// Driver segments from the champion's exact contributions (`TrainedModelExplainer`), or no segments
    /// and a note saying why when the model cannot be explained (naive Bayes, a blend containing a forest).
    private func driverSegments(store: Workspace, scored: ScoredCustomers) throws -> (segments: [DriverSegment]?, note: String?) {
        guard let blob = try store.modelBlob(id: scored.model.id) else {
            return (nil, Self.driverNote("the model's fitted parameters are not stored in this workspace."))
        }
        let model = try TrainedModel.decode(blob)
        let explainer: TrainedModelExplainer
        do {
            explainer = try TrainedModelExplainer(model)
        } catch let error as ExplainError {
            return (nil, Self.driverNote(error.message))
        }
        let phi = try explainer.shapValues(scored.features)
        let rows = (0..<phi.rows).map { phi.contributions(row: $0) }
        let segments = try RiskDriverSegments.segments(featureNames: explainer.featureNames, contributions: rows,
                                                       risks: scored.probabilities, values: scored.table.numbers(named: CustomerTable.valueField),
                                                       minimumRisk: 0.4)
        return (segments, nil)
    }

    private func profileLine(_ p: SegmentProfile) -> String {
        "\(p.name.padding(toLength: 24, withPad: " ", startingAt: 0)) \(String(format: "%7d", p.customers)) customers  mean risk "
            + (p.meanRisk.map { String(format: "%.3f", $0) } ?? "  -  ")
            + "  value at risk " + (p.valueAtRisk.map { String(format: "%.2f", $0) } ?? "-")
    }
}

/// A driver segment as JSON, without its row list.
struct DriverSegmentSummary: Encodable {
    var driver: String
    var customers: Int
    var meanRisk: Double
    var valueAtRisk: Double
    var leadingFeatures: [String]
    var recommendedAction: String

    init(_ s: DriverSegment) {
        driver = s.driver.rawValue
        customers = s.count
        meanRisk = s.meanRisk
        valueAtRisk = s.valueAtRisk
        leadingFeatures = s.leadingFeatures
        recommendedAction = s.recommendedAction
    }
}
