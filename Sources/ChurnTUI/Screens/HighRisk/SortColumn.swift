import ChurnKit

/// A column of the customer table that can be sorted.
public enum SortColumn: String, CaseIterable, Sendable, Equatable {
    case id
    case risk
    case tier
    case value
    /// Days since the last purchase (transaction logs) or tenure (customer tables), once the
    /// customers' features are loaded.
    case activity
    case reason

    /// The header shown above the column.
    public var title: String {
        switch self {
        case .id: return "Customer"
        case .risk: return "Risk"
        case .tier: return "Tier"
        case .value: return "Value"
        case .activity: return "Activity"
        case .reason: return "Top reason"
        }
    }

    /// Whether the first sort on this column puts the largest first (risk and value: yes).
    public var naturallyDescending: Bool { self == .risk || self == .value || self == .activity }

    /// The columns a scoring has: id, risk and tier always; value and reason when present.
    public static func available(in customers: ScoredCustomers) -> [SortColumn] {
        var columns: [SortColumn] = [.id, .risk, .tier]
        if customers.activity != nil { columns.append(.activity) }
        if customers.values != nil { columns.append(.value) }
        if customers.hasReasons { columns.append(.reason) }
        return columns
    }
}

/// Which tiers the customer table shows.
public enum TierFilter: String, CaseIterable, Sendable, Equatable {
    case all
    case high
    /// High and medium.
    case atRisk = "at-risk"
    case medium
    case low
    case safe

    /// Whether a customer of `tier` passes.
    @inline(__always)
    public func admits(_ tier: StoredTier) -> Bool {
        switch self {
        case .all: return true
        case .high: return tier == .high
        case .atRisk: return tier == .high || tier == .medium
        case .medium: return tier == .medium
        case .low: return tier == .low
        case .safe: return tier == .safe
        }
    }

    /// How the filter is named on screen.
    public var label: String {
        switch self {
        case .all: return "all tiers"
        case .atRisk: return "high + medium"
        default: return rawValue + " tier"
        }
    }
}
