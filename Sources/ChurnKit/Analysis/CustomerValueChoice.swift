/// Where the value of each scored customer comes from, and what a customer without one is worth.
public struct CustomerValueChoice: Sendable, Equatable {
    /// The two views of customer value.
    public enum Source: String, Sendable, CaseIterable {
        /// A number field of the scored customers (total spend to date for transaction logs).
        case historical
        /// Expected future spend from `CustomerValue.estimate(log:settings:)` (transaction logs only).
        case clv
    }

    /// The value of a customer whose own value is unknown.
    public static let defaultFallback = 500.0

    /// The value of a customer whose own value is unknown (at least 0).
    public var fallback: Double
    /// A number field holding each customer's value (default: total_spend for transaction logs).
    public var field: String?
    public var source: Source

    public init(fallback: Double = CustomerValueChoice.defaultFallback, field: String? = nil, source: Source = .historical) {
        self.fallback = fallback
        self.field = field
        self.source = source
    }
}
