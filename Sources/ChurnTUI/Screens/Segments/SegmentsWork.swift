import ChurnKit

/// The heavy work of the Segments tab, run by the effect runner in the background (and by tests
/// directly): driver segments from exact contributions, k-means clusters, and comparisons.
public enum SegmentsWork {
    /// Driver segments and each customer's dominant driver.
    public struct Drivers: Sendable {
        public var segments: [DriverSegment]
        /// One per scored customer.
        public var dominant: [RiskDriver]
    }

    /// Customers with at least this risk are grouped by driver and clustered (as `churn segments`).
    public static let minimumRisk = 0.4

    /// Driver segments from the explainer's contributions for every customer.
    /// - Throws: `RiskDriverError`, explainer errors, or `SegmentsWorkError` when the model has no explainer.
    public static func drivers(_ analysis: WorkspaceAnalysis) throws -> Drivers {
        guard let context = analysis.context else {
            throw SegmentsWorkError("driver segments need per-customer contributions, which this model cannot give"
                                    + (analysis.explainNote.map { ": " + $0 } ?? ""))
        }
        let phi = try context.explainer.shapValues(analysis.matrix)
        let rows = (0..<phi.rows).map { phi.contributions(row: $0) }
        let names = context.explainer.featureNames
        let table = analysis.population.table
        let segments = try RiskDriverSegments.segments(featureNames: names, contributions: rows, risks: analysis.population.probabilities,
                                                       values: table.numbers(named: CustomerTable.valueField), minimumRisk: minimumRisk)
        let dominant = try RiskDriverSegments.dominantDrivers(featureNames: names, contributions: rows).map(\.driver)
        return Drivers(segments: segments, dominant: dominant)
    }

    /// k-means clusters of the at-risk customers on their features.
    /// - Throws: `KMeansError` (e.g. too few at-risk customers).
    public static func clusters(_ analysis: WorkspaceAnalysis) throws -> [DiscoveredSegment] {
        let population = analysis.population
        return try SegmentDiscovery.discover(features: population.features.features, risks: population.probabilities,
                                             values: population.table.numbers(named: CustomerTable.valueField),
                                             minimumRisk: minimumRisk).segments
    }

    /// Compares two segments over the scored customers.
    public static func compare(_ first: SegmentCard, _ second: SegmentCard, table: CustomerTable) -> SegmentComparison {
        SegmentComparison(first: (first.name, first.selection(rowCount: table.rowCount)),
                          second: (second.name, second.selection(rowCount: table.rowCount)), table: table)
    }
}

/// Why a piece of the Segments tab could not be computed.
public struct SegmentsWorkError: UserFacingError, Equatable {
    public var message: String
    public var exitCode: Int32 { ExitCode.dataError }
    public init(_ message: String) { self.message = message }
}
