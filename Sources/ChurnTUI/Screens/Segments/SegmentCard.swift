import ChurnKit

/// One segment as the Segments tab shows it: what kind it is, its members, and their size, mean
/// risk, value at risk and the recommended action.
public struct SegmentCard: Sendable, Equatable {
    /// Where a segment comes from.
    public enum Kind: String, Sendable, Equatable {
        /// Customers grouped by their dominant risk driver.
        case driver
        /// A filter expression saved in the workspace.
        case saved
        /// A k-means cluster of at-risk customers.
        case cluster

        /// The tag drawn before the title.
        public var tag: String {
            switch self {
            case .driver: return "Driver"
            case .saved: return "Saved"
            case .cluster: return "Cluster"
            }
        }
    }

    public var kind: Kind
    /// The driver title, the saved name, or "Cluster 2".
    public var title: String
    /// The leading features, the expression, or the describing traits.
    public var detail: String
    /// Rows of the scored customers in the segment, ascending.
    public var rows: Shared<[Int]>
    public var meanRisk: Double?
    public var valueAtRisk: Double?
    /// The recommended action (from the template set), when known.
    public var action: String?
    /// The saved expression (saved segments only).
    public var expression: String?
    /// Why a saved segment could not be evaluated over these customers.
    public var problem: String?

    public var count: Int { rows.value.count }

    /// The name used in messages and comparisons: "Driver: Long absence".
    public var name: String { kind == .cluster ? title : kind.tag + ": " + title }

    /// The members as a selection over `rowCount` customers.
    public func selection(rowCount: Int) -> RowSelection { RowSelection(rowCount: rowCount, indices: rows.value) }

    /// A card from a driver segment.
    static func driver(_ s: DriverSegment) -> SegmentCard {
        SegmentCard(kind: .driver, title: s.driver.title,
                    detail: s.leadingFeatures.isEmpty ? "no single feature leads" : "leading: " + s.leadingFeatures.joined(separator: ", "),
                    rows: Shared(s.rows), meanRisk: s.meanRisk, valueAtRisk: s.valueAtRisk, action: s.recommendedAction)
    }

    /// A card from a discovered cluster.
    static func cluster(_ s: DiscoveredSegment) -> SegmentCard {
        SegmentCard(kind: .cluster, title: "Cluster \(s.number)", detail: s.summary, rows: Shared(s.rows), meanRisk: s.meanRisk,
                    valueAtRisk: s.valueAtRisk)
    }

    /// A card from a saved segment evaluated over `table` (an unevaluable one has no members and says why).
    static func saved(_ s: SavedSegment, table: CustomerTable) -> SegmentCard {
        do {
            let rows = try table.rows(in: s)
            let profile = SegmentProfile(name: s.name, rows: rows, table: table)
            return SegmentCard(kind: .saved, title: s.name, detail: s.expression, rows: Shared(rows.indices),
                               meanRisk: profile.meanRisk, valueAtRisk: profile.valueAtRisk, expression: s.expression)
        } catch {
            return SegmentCard(kind: .saved, title: s.name, detail: s.expression, rows: Shared([]), expression: s.expression,
                               problem: (error as? UserFacingError)?.message ?? "\(error)")
        }
    }

    /// The action for the most common dominant driver among the members (nil when none has one).
    static func action(rows: [Int], dominant: [RiskDriver], templates: RecommendationTemplates = .standard) -> String? {
        var counts = [Int](repeating: 0, count: RiskDriver.allCases.count)
        let index = Dictionary(uniqueKeysWithValues: RiskDriver.allCases.enumerated().map { ($1, $0) })
        for r in rows where r < dominant.count && dominant[r] != .none { counts[index[dominant[r]] ?? 0] += 1 }
        guard let best = counts.indices.max(by: { counts[$0] < counts[$1] || (counts[$0] == counts[$1] && $0 > $1) }),
              counts[best] > 0 else { return nil }
        return templates.template(for: RiskDriver.allCases[best]).action
    }
}
