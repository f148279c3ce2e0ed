import Foundation

/// Plain words for "this cluster is higher/lower than average on feature X", for the features the
/// project builds (see TransactionFeatureCatalogue and the sample data) and a generic fallback.
///
/// `phrase("days_since_last_purchase", +1.8)` is "longer absence than average (+1.8 sd)";
/// a one-hot column `contract=Month-to-month` gives "more often contract = Month-to-month (+1.2 sd)";
/// an unknown feature gives "higher late fees than average (+0.9 sd)".
public enum SegmentDiscoveryPhrases {
    /// (words when higher, words when lower) by base feature name (window suffixes such as `_last_30d` removed).
    static let words: [String: (higher: String, lower: String)] = [
        "days_since_last_purchase": ("longer absence", "more recent purchases"),
        "recency_to_mean_gap": ("more overdue against their usual rhythm", "less overdue against their usual rhythm"),
        "purchases": ("more purchases", "fewer purchases"),
        "purchase_days": ("more days with a purchase", "fewer days with a purchase"),
        "total_spend": ("higher total spend", "lower total spend"),
        "spend": ("higher spend", "lower spend"),
        "mean_spend": ("larger purchases", "smaller purchases"),
        "max_spend": ("a larger biggest purchase", "a smaller biggest purchase"),
        "spend_per_purchase_day": ("larger baskets", "smaller baskets"),
        "tenure_days": ("longer tenure", "shorter tenure"),
        "tenure_months": ("longer tenure", "shorter tenure"),
        "tenure": ("longer tenure", "shorter tenure"),
        "mean_gap_days": ("longer gaps between purchases", "shorter gaps between purchases"),
        "std_gap_days": ("more irregular gaps between purchases", "steadier gaps between purchases"),
        "longest_gap_days": ("a longer longest gap", "a shorter longest gap"),
        "regularity_score": ("more regular buying", "less regular buying"),
        "spend_trend": ("rising spend", "falling spend"),
        "usage_trend": ("rising usage", "falling usage"),
        "months_active": ("more active months", "fewer active months"),
        "weekend_share": ("more weekend shopping", "less weekend shopping"),
        "distinct_categories": ("more categories bought", "fewer categories bought"),
        "late_payments": ("more late payments", "fewer late payments"),
        "support_tickets": ("more support tickets", "fewer support tickets"),
        "monthly_charges": ("higher monthly charges", "lower monthly charges"),
        "total_charges": ("higher total charges", "lower total charges"),
        "num_products": ("more products", "fewer products"),
        "total_quantity": ("more items bought", "fewer items bought"),
        "mean_quantity": ("more items per purchase", "fewer items per purchase"),
    ]

    /// The phrase for a standardised mean difference `difference` (in standard deviations) on `feature`.
    public static func phrase(feature: String, difference: Double) -> String {
        let amount = String(format: "%@%.1f sd", difference >= 0 ? "+" : "-", abs(difference))
        if let eq = feature.firstIndex(of: "=") {
            let column = feature[..<eq].replacingOccurrences(of: "_", with: " ")
            let level = feature[feature.index(after: eq)...]
            return "\(difference >= 0 ? "more" : "less") often \(column) = \(level) (\(amount))"
        }
        let (base, window) = splitWindow(feature)
        let pair = words[base] ?? words[feature]
        let text: String
        if let pair {
            text = difference >= 0 ? pair.higher : pair.lower
        } else {
            text = (difference >= 0 ? "higher " : "lower ") + base.replacingOccurrences(of: "_", with: " ")
        }
        return "\(text)\(window) than average (\(amount))"
    }

    /// The phrase for a 0/1 feature (a one-hot level or a yes/no column), in shares rather than standard
    /// deviations, which mislead for rare levels: "contract = Two year: 100% vs 3% on average".
    public static func sharePhrase(feature: String, segmentShare: Double, overallShare: Double) -> String {
        let name: String
        if let eq = feature.firstIndex(of: "=") {
            name = feature[..<eq].replacingOccurrences(of: "_", with: " ") + " = " + feature[feature.index(after: eq)...]
        } else {
            name = feature.replacingOccurrences(of: "_", with: " ")
        }
        return "\(name): \(TextTable.percent(roundedShare(segmentShare))) vs \(TextTable.percent(roundedShare(overallShare))) on average"
    }

    /// A share rounded to a whole percent, or to a tenth of a percent below 10%.
    private static func roundedShare(_ x: Double) -> Double {
        x >= 0.1 ? (x * 100).rounded() / 100 : (x * 1000).rounded() / 1000
    }

    /// Splits a window suffix off a feature name: "spend_last_30d" -> ("spend", " in the last 30 days"),
    /// "spend_trend_90d" -> ("spend_trend", " over 90 days").
    static func splitWindow(_ name: String) -> (String, String) {
        if let range = name.range(of: "_last_"), name.hasSuffix("d"),
           let days = Int(name[range.upperBound...].dropLast()) {
            return (String(name[..<range.lowerBound]), " in the last \(days) days")
        }
        if let underscore = name.lastIndex(of: "_"), name.hasSuffix("d"),
           let days = Int(name[name.index(after: underscore)...].dropLast()) {
            return (String(name[..<underscore]), " over \(days) days")
        }
        return (name, "")
    }
}
