import ArgumentParser
import ChurnKit
import Foundation

/// `churn segments --discover`: k-means clusters of the at-risk customers (`SegmentDiscovery`).
extension SegmentsCommand {
    /// A discovered segment as JSON: its numbers and traits, without its row list.
    struct DiscoveredSummary: Encodable {
        var number: Int
        var customers: Int
        var meanRisk: Double
        var valueAtRisk: Double
        var summary: String
        var traits: [SegmentTrait]
        /// The first customers of the segment (up to 5), to look at one with `churn explain`.
        var exampleCustomers: [String]
    }

    /// The `--discover --json` document.
    struct DiscoveryDocument: Encodable {
        var modelVersion: Int
        var scoringID: Int64
        var valueSource: String
        var minimumRisk: Double
        var atRiskCustomers: Int
        var k: Int
        var kChosenBy: String
        var candidates: [KMeansSilhouette.Candidate]
        var featuresUsed: [String]
        var segments: [DiscoveredSummary]
    }

    func discoverSegments() throws {
        guard minRisk.isFinite, (0...1).contains(minRisk) else {
            throw UsageError(message: "--min-risk \(minRisk): expected a probability between 0 and 1")
        }
        if let k, !(2...20).contains(k) { throw UsageError(message: "--k \(k): expected a number of clusters from 2 to 20") }
        let (_, scored) = try ScoredCustomers.loadLatest(workspace: workspace, modelOptions: modelOptions, valueOptions: valueOptions)
        let values = scored.table.numbers(named: CustomerTable.valueField)
        let result = try SegmentDiscovery.discover(features: scored.features.features, risks: scored.probabilities, values: values,
                                                   minimumRisk: minRisk, kRange: k.map { $0...$0 } ?? 2...8)
        let document = DiscoveryDocument(
            modelVersion: scored.model.version, scoringID: scored.scoring.id, valueSource: scored.valueSource, minimumRisk: minRisk,
            atRiskCustomers: result.atRiskCount, k: result.k, kChosenBy: k == nil ? "silhouette" : "--k", candidates: result.candidates,
            featuresUsed: result.featuresUsed,
            segments: result.segments.map { s in
                DiscoveredSummary(number: s.number, customers: s.count, meanRisk: s.meanRisk, valueAtRisk: s.valueAtRisk, summary: s.summary,
                                  traits: s.traits, exampleCustomers: s.rows.prefix(5).map { scored.customerIDs[$0] })
            })
        if json {
            Console.out(try JSONOutput.encode(document))
            return
        }
        Console.out(Self.discoveryText(document))
    }

    /// The discovered segments as text: how k was chosen, then one block per segment.
    static func discoveryText(_ d: DiscoveryDocument) -> String {
        var lines = ["Discovered segments over scoring \(d.scoringID) of model version \(d.modelVersion) (values: \(d.valueSource)):",
                     "\(d.atRiskCustomers) customers with risk >= \(ReasonText.number(d.minimumRisk)) clustered on \(d.featuresUsed.count) standardised features; "
                     + "k = \(d.k) (" + (d.kChosenBy == "silhouette" ? "largest silhouette" : "set with --k") + ")"]
        if d.candidates.count > 1 {
            lines.append("  silhouette by k: " + d.candidates.map { "k=\($0.k) \(String(format: "%.3f", $0.silhouette))" }.joined(separator: ", "))
        }
        for s in d.segments {
            lines.append("")
            lines.append("Segment \(s.number): \(s.customers) customers, mean risk \(String(format: "%.3f", s.meanRisk)), "
                         + "value at risk \(String(format: "%.2f", s.valueAtRisk))")
            if s.traits.isEmpty { lines.append("  " + s.summary) }
            for t in s.traits { lines.append("  - " + t.phrase) }
            if !s.exampleCustomers.isEmpty { lines.append("  e.g. " + s.exampleCustomers.joined(separator: ", ")) }
        }
        return lines.joined(separator: "\n")
    }
}
