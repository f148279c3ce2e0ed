import Foundation

/// Plain-language sentences for explanation factors, e.g.
/// "No purchase for 78 days, 3.1x their usual gap between purchases; raises risk by 0.21" or
/// "late_payments is 4 (churned customers average 2.1); raises risk by 0.12".
///
/// Transaction features (see `TransactionFeatures.catalogue`) get phrasing of their own; customer-table
/// columns get a generic form, one-hot columns `column=level` read "Column is level".
public enum ReasonText {
    /// The sentence for feature `f` of a customer whose feature values are `row` (names in `reference`).
    public static func sentence(feature f: Int, row: [Double], reference: ReferenceProfile, probabilityChange: Double) -> String {
        let name = reference.featureNames[f]
        let value = row[f]
        func other(_ feature: String) -> Double? {
            guard let i = reference.index(of: feature), !row[i].isNaN else { return nil }
            return row[i]
        }
        let raises = probabilityChange > 0
        let comparisonMean = raises ? reference.churnedMean[f] : reference.retainedMean[f]
        let group = raises ? "churned" : "retained"
        let comparison = comparisonMean.isNaN ? "" : " (\(group) customers average \(number(comparisonMean)))"
        let body: String
        if value.isNaN {
            body = "\(readable(name)) is not known"
        } else if let eq = name.firstIndex(of: "="), name.first != "=" {
            let column = String(name[..<eq]), level = String(name[name.index(after: eq)...])
            body = "\(capitalised(column.replacingOccurrences(of: "_", with: " "))) is \(value >= 0.5 ? "" : "not ")\(level)"
                + sameAs(value: value, share: comparisonMean, group: group)
        } else if let phrase = transactionPhrase(name, value: value, other: other) {
            body = phrase + comparison
        } else if reference.isBinary[f] {
            body = "\(name): \(value >= 0.5 ? "yes" : "no")" + sameAs(value: value, share: comparisonMean, group: group)
        } else {
            body = "\(name) is \(number(value))" + comparison
        }
        return body + "; " + effect(probabilityChange)
    }

    /// "raises risk by 0.21", "lowers risk by 0.05" or "barely changes the risk".
    public static func effect(_ change: Double) -> String {
        if abs(change) < 0.005 { return "barely changes the risk" }
        return (change > 0 ? "raises" : "lowers") + " risk by " + String(format: "%.2f", abs(change))
    }

    /// Phrases for the transaction-log features; nil for other names.
    static func transactionPhrase(_ name: String, value v: Double, other: (String) -> Double?) -> String? {
        let n = number(v)
        switch name {
        case "days_since_last_purchase":
            var text = v == 0 ? "Bought on the last day" : "No purchase for \(n) day\(v == 1 ? "" : "s")"
            if let ratio = other("recency_to_mean_gap") ?? other("mean_gap_days").flatMap({ $0 > 0 ? v / $0 : nil }) {
                text += ", " + String(format: "%.1f", ratio) + "x their usual gap between purchases"
            }
            return text
        case "purchases": return "\(n) purchase\(v == 1 ? "" : "s") so far"
        case "purchase_days": return "Bought on \(n) different day\(v == 1 ? "" : "s")"
        case "total_spend": return "Spent \(n) in total"
        case "mean_spend": return "Spends \(n) per purchase on average"
        case "max_spend": return "Largest purchase \(n)"
        case "spend_per_purchase_day": return "Spends \(n) per shopping day"
        case "tenure_days": return "Customer for \(n) day\(v == 1 ? "" : "s")"
        case "mean_gap_days": return "Buys every \(n) days on average"
        case "std_gap_days": return "Gaps between purchases vary by \(n) days"
        case "longest_gap_days": return "Longest gap between purchases \(n) days"
        case "recency_to_mean_gap":
            return v > 1 ? "Overdue: " + String(format: "%.1f", v) + "x their usual gap between purchases"
                : "Within their usual gap between purchases (" + String(format: "%.1f", v) + "x)"
        case "regularity_score": return "Buying regularity " + String(format: "%.2f", v) + " (1 = like clockwork)"
        case "purchases_last_30d", "purchases_last_90d", "purchases_last_180d":
            let days = name.dropFirst("purchases_last_".count).dropLast(1)
            return "\(n) purchase\(v == 1 ? "" : "s") in the last \(days) days"
        case "spend_last_30d", "spend_last_90d", "spend_last_180d":
            let days = name.dropFirst("spend_last_".count).dropLast(1)
            return "Spent \(n) in the last \(days) days"
        case "spend_trend_90d":
            let trend = String(format: "%+.2f", v)
            if v < -0.05 { return "Spending fell in the last 90 days compared with the 90 before (trend \(trend))" }
            if v > 0.05 { return "Spending rose in the last 90 days compared with the 90 before (trend \(trend))" }
            return "Spending was flat over the last 180 days (trend \(trend))"
        case "months_active": return "Bought in \(n) different month\(v == 1 ? "" : "s")"
        case "weekend_share": return "\(percent(v)) of purchases at weekends"
        case "distinct_categories": return "Bought from \(n) categor\(v == 1 ? "y" : "ies")"
        case "total_quantity": return "Bought \(n) items in total"
        case "mean_quantity": return "Buys \(n) items per purchase on average"
        default: return nil
        }
    }

    /// A number as people write it: whole numbers without decimals, others with at most 1-2 (trailing zeros dropped).
    public static func number(_ v: Double) -> String {
        if v.isNaN { return "unknown" }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        if abs(v) >= 100 { return String(format: "%.0f", v) }
        var text = String(format: abs(v) >= 10 ? "%.1f" : "%.2f", v)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// ", as for 88% of churned customers": the share of the group with the same 0/1 value.
    static func sameAs(value: Double, share: Double, group: String) -> String {
        guard !share.isNaN else { return "" }
        return ", as for \(percent(value >= 0.5 ? share : 1 - share)) of \(group) customers"
    }

    static func percent(_ share: Double) -> String { String(format: "%.0f%%", share * 100) }

    static func readable(_ name: String) -> String {
        name.contains("=") ? capitalised(name.replacingOccurrences(of: "_", with: " ")) : name
    }

    static func capitalised(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }
}
