/// The mapping from feature names to risk drivers: an ordered list of rules, each a driver and name
/// fragments; a feature belongs to the first rule with a fragment contained in its name.
///
/// Matching is case-insensitive on the column part of the name (for one-hot columns `contract=Month-to-month`,
/// the part before `=`). Order matters: `days_since_last_purchase` must be an absence before "purchase"
/// makes it a frequency feature, and `spend_per_purchase_day` spend before frequency. Features matching no
/// rule are `.other`. The rules are plain values: edit `rules` to add your own column names.
public struct RiskDriverRules: Sendable, Equatable {
    /// A driver and the name fragments that select it.
    public struct Rule: Sendable, Equatable {
        public var driver: RiskDriver
        public var fragments: [String]
        public init(driver: RiskDriver, fragments: [String]) {
            self.driver = driver
            self.fragments = fragments
        }
    }

    /// The rules, tried in order.
    public var rules: [Rule]

    public init(rules: [Rule]) { self.rules = rules }

    /// Rules for the features this project builds (transaction features, the subscription sample) and common names.
    public static let standard = RiskDriverRules(rules: [
        Rule(driver: .longAbsence, fragments: ["days_since", "recency", "inactive", "last_seen", "last_login", "last_visit"]),
        Rule(driver: .paymentIssues, fragments: ["late_payment", "payment", "billing", "arrears", "overdue", "debt", "declined", "dunning"]),
        Rule(driver: .supportBurden, fragments: ["support", "ticket", "complaint", "call", "escalation"]),
        Rule(driver: .shortTenure, fragments: ["tenure", "contract", "renewal", "account_age", "customer_age", "months_with"]),
        Rule(driver: .usageDecline, fragments: ["usage", "login", "session", "minutes", "data_gb", "activity", "logins"]),
        Rule(driver: .price, fragments: ["charge", "price", "fee", "tariff"]),
        Rule(driver: .fallingSpend, fragments: ["spend", "amount", "revenue", "basket", "quantity", "order_value"]),
        Rule(driver: .decliningFrequency, fragments: ["purchase", "gap", "frequency", "regularity", "months_active", "visits", "orders", "transactions"]),
    ])

    /// The driver of one feature.
    public func driver(of feature: String) -> RiskDriver {
        let column = (feature.split(separator: "=", maxSplits: 1).first.map(String.init) ?? feature).lowercased()
        for rule in rules where rule.fragments.contains(where: { column.contains($0.lowercased()) }) {
            return rule.driver
        }
        return .other
    }

    /// The driver of each feature, in order.
    public func drivers(of features: [String]) -> [RiskDriver] { features.map(driver(of:)) }
}
