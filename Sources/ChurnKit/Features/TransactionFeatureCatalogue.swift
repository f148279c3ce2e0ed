/// The names and one-line descriptions of the features built from a transaction log, in output order.
///
/// Definitions (A = the cutoff or as-of day; only transactions on or before A are read):
/// - A *purchase* is one transaction row; a *purchase day* is a distinct day with at least one purchase.
///   Gaps are measured between consecutive purchase days, so several rows on one day (a basket of line
///   items) are one visit, not zero-day gaps.
/// - Gap features need two purchase days (`mean_gap_days`, `longest_gap_days`, `recency_to_mean_gap`) or
///   three (`std_gap_days`, `regularity_score`); customers with fewer get NaN (missing), not 0, because
///   "no gap observed yet" is not the same as "buys every day".
/// - "Last N days" means the window (A - N, A]: day A and the N - 1 days before it.
/// - `spend_trend_90d` = (a - b) / (|a| + |b|) with a = spend in (A-90, A] and b = spend in;
///   it lies in [-1, 1] (-1: stopped spending, 0: flat or no spend in either window, +1: new spend).
/// - `regularity_score` = 1 / (1 + CV) with CV = std / mean of the gaps: 1 for clockwork buyers, towards 0
///   for erratic ones.
/// - `std_gap_days` is the population standard deviation of the gaps.
enum TransactionFeatureCatalogue {
    /// Features every transaction log gets, in this order.
    static let base: [(name: String, description: String)] = [
        ("days_since_last_purchase", "Days from the last purchase to the cutoff date"),
        ("purchases", "Number of purchases (transaction rows) up to the cutoff"),
        ("purchase_days", "Number of distinct days with a purchase up to the cutoff"),
        ("total_spend", "Total amount spent up to the cutoff"),
        ("mean_spend", "Average amount per purchase"),
        ("max_spend", "Largest single purchase amount"),
        ("spend_per_purchase_day", "Average amount spent per day with a purchase (basket size)"),
        ("tenure_days", "Days from the first purchase to the cutoff date"),
        ("mean_gap_days", "Average days between purchase days (missing with fewer than 2 purchase days)"),
        ("std_gap_days", "Standard deviation of days between purchase days (missing with fewer than 3 purchase days)"),
        ("longest_gap_days", "Longest gap in days between two purchase days (missing with fewer than 2 purchase days)"),
        ("recency_to_mean_gap", "Days since last purchase divided by the customer's average gap (above 1 = overdue)"),
        ("regularity_score", "1 / (1 + coefficient of variation of gaps): 1 = perfectly regular, near 0 = erratic"),
        ("purchases_last_30d", "Purchases in the 30 days up to the cutoff"),
        ("spend_last_30d", "Amount spent in the 30 days up to the cutoff"),
        ("purchases_last_90d", "Purchases in the 90 days up to the cutoff"),
        ("spend_last_90d", "Amount spent in the 90 days up to the cutoff"),
        ("purchases_last_180d", "Purchases in the 180 days up to the cutoff"),
        ("spend_last_180d", "Amount spent in the 180 days up to the cutoff"),
        ("spend_trend_90d", "Spend in the last 90 days vs the 90 before, (a-b)/(|a|+|b|): -1 stopped, 0 flat, +1 new"),
        ("months_active", "Number of distinct calendar months with a purchase"),
        ("weekend_share", "Share of purchases made on a Saturday or Sunday"),
    ]
    /// Added when the log has a category column.
    static let category: [(name: String, description: String)] = [
        ("distinct_categories", "Number of different categories bought"),
    ]
    /// Added when the log has a quantity column.
    static let quantity: [(name: String, description: String)] = [
        ("total_quantity", "Total number of items bought (blank quantities skipped)"),
        ("mean_quantity", "Average number of items per purchase (blank quantities skipped)"),
    ]

    /// The catalogue for a log with or without the optional columns.
    static func features(hasCategory: Bool, hasQuantity: Bool) -> [(name: String, description: String)] {
        base + (hasCategory ? category : []) + (hasQuantity ? quantity : [])
    }
}
