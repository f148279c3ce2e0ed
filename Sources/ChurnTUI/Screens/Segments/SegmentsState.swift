import ChurnKit

/// The state of the Segments tab: driver segments, saved and discovered segments, the segment builder and comparison.
public struct SegmentsState: Sendable {
    /// Progress of one piece of background work.
    public enum Status: Sendable, Equatable {
        case idle, running, done
        case failed(String)
    }

    /// What the tab shows.
    public enum Mode: Sendable, Equatable {
        /// The cards.
        case cards
        /// The members of a segment, riskiest first, with a cursor.
        case members(SegmentCard, order: Shared<[Int]>, cursor: Int, top: Int)
        /// Two segments side by side (the comparison arrives from the background).
        case compare(SegmentCard, SegmentCard)
    }

    public var drivers: [SegmentCard] = []
    public var saved: [SegmentCard] = []
    public var clusters: [SegmentCard] = []
    public var driverStatus: Status = .idle
    public var clusterStatus: Status = .idle
    public var savedStatus: Status = .idle
    /// Each scored customer's dominant driver, once the driver segments are computed.
    var dominant: Shared<[RiskDriver]>?
    /// The selected card (index into `cards`) and the first visible row of cards.
    public var selected = 0
    public var top = 0
    public var mode: Mode = .cards
    /// The card picked first for a comparison.
    public var compareFirst: SegmentCard?
    public var comparison: Shared<SegmentComparison>?
    /// The expression of a new segment being typed, and what it would select.
    public var builder: TextInput?
    public var builderPreview: FilterPreview = .empty
    /// The name of the new segment being typed, and its expression.
    public var nameInput: TextInput?
    public var pendingExpression = ""

    public init() {}

    /// Every card: driver segments, then saved segments, then clusters.
    public var cards: [SegmentCard] { drivers + saved + clusters }

    /// The selected card, if any.
    public var selectedCard: SegmentCard? {
        let all = cards
        return all.indices.contains(selected) ? all[selected] : nil
    }

    /// Sets the recommended action of saved and cluster cards from the members' dominant drivers.
    mutating func refreshActions() {
        guard let dominant = dominant?.value else { return }
        for i in saved.indices { saved[i].action = SegmentCard.action(rows: saved[i].rows.value, dominant: dominant) }
        for i in clusters.indices { clusters[i].action = SegmentCard.action(rows: clusters[i].rows.value, dominant: dominant) }
    }
}
