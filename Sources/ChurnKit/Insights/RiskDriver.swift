/// A named reason a customer is at risk, the level at which retention teams plan their actions.
///
/// Features are mapped to drivers by `RiskDriverRules`; a customer's dominant driver is the one whose
/// features add the most to their risk.
public enum RiskDriver: String, Codable, Sendable, CaseIterable {
    case longAbsence = "long_absence"
    case decliningFrequency = "declining_frequency"
    case fallingSpend = "falling_spend"
    case paymentIssues = "payment_issues"
    case supportBurden = "support_burden"
    case shortTenure = "short_tenure"
    case usageDecline = "usage_decline"
    case price = "price"
    /// Features that match no named driver.
    case other = "other"
    /// No group of features raises this customer's risk above the model's average.
    case none = "none"

    /// A title for tables and screens.
    public var title: String {
        switch self {
        case .longAbsence: return "Long absence"
        case .decliningFrequency: return "Declining frequency"
        case .fallingSpend: return "Falling spend"
        case .paymentIssues: return "Payment issues"
        case .supportBurden: return "Support burden"
        case .shortTenure: return "Short tenure or contract"
        case .usageDecline: return "Usage decline"
        case .price: return "Price"
        case .other: return "Other factors"
        case .none: return "No dominant driver"
        }
    }
}
