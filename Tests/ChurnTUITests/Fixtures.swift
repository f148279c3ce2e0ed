import ChurnKit
@testable import ChurnTUI

/// Hand-made profiles standing in for what the loader produces.
enum Fixtures {
    static func column(_ name: String, _ kind: ColumnKind, role: ColumnRole? = nil, format: String? = nil,
                       missing: Int = 0, rows: Int = 7_000, distinct: Int, min: Double? = nil, max: Double? = nil,
                       mean: Double? = nil, std: Double? = nil, outliers: Int? = nil, examples: [String]) -> ColumnProfile {
        ColumnProfile(name: name, kind: kind, role: role, format: format, missing: missing,
                      missingRate: Double(missing) / Double(rows), distinct: distinct, min: min, max: max, mean: mean,
                      std: std, outliersIQR: outliers, outliersSigma: outliers.map { $0 / 2 }, examples: examples)
    }

    /// A subscription customer table like sample-data/subscription.csv.
    static var subscription: DataProfile {
        let header = ["customer_id", "tenure_months", "contract", "monthly_charges", "total_charges", "payment_method",
                      "late_payments", "support_tickets", "usage_trend", "paperless", "churned"]
        let rows: [[String]] = [
            ["S000001", "34", "one-year", "56.95", "1889.50", "mailed check", "0", "1", "0.12", "no", "No"],
            ["S000002", "2", "month-to-month", "53.85", "108.15", "electronic check", "2", "3", "-0.41", "yes", "Yes"],
            ["S000003", "45", "two-year", "42.30", "1840.75", "bank transfer", "0", "0", "0.05", "no", "No"],
            ["S000004", "2", "month-to-month", "70.70", "151.65", "electronic check", "1", "4", "-0.62", "yes", "Yes"],
            ["S000005", "8", "month-to-month", "99.65", "820.50", "credit card", "0", "2", "-0.18", "yes", "Yes"],
            ["S000006", "22", "month-to-month", "89.10", "1949.40", "credit card", "0", "1", "0.02", "yes", "No"],
            ["S000007", "10", "month-to-month", "29.75", "301.90", "mailed check", "0", "0", "0.30", "no", "No"],
            ["S000008", "28", "month-to-month", "104.80", "3046.05", "electronic check", "3", "5", "-0.55", "yes", "Yes"],
        ]
        let columns = [
            column("customer_id", .identifier, role: .customer, distinct: 7_000, examples: ["S000001", "S000002"]),
            column("tenure_months", .integer, distinct: 72, min: 0, max: 72, mean: 32.4, std: 24.5, outliers: 0,
                   examples: ["34", "2", "45"]),
            column("contract", .categorical, distinct: 3, examples: ["one-year", "month-to-month", "two-year"]),
            column("monthly_charges", .decimal, distinct: 1_585, min: 18.25, max: 118.75, mean: 64.76, std: 30.09,
                   outliers: 0, examples: ["56.95", "53.85"]),
            column("total_charges", .decimal, missing: 11, distinct: 6_530, min: 18.8, max: 8_684.8, mean: 2_283.3,
                   std: 2_266.77, outliers: 14, examples: ["1889.50", "108.15"]),
            column("payment_method", .categorical, distinct: 4, examples: ["mailed check", "electronic check"]),
            column("late_payments", .integer, distinct: 6, min: 0, max: 5, mean: 0.41, std: 0.83, outliers: 312,
                   examples: ["0", "2"]),
            column("support_tickets", .integer, distinct: 9, min: 0, max: 8, mean: 1.2, std: 1.4, outliers: 95,
                   examples: ["1", "3"]),
            column("usage_trend", .decimal, distinct: 181, min: -0.9, max: 0.9, mean: -0.03, std: 0.31, outliers: 41,
                   examples: ["0.12", "-0.41"]),
            column("paperless", .boolean, format: "yes/no", distinct: 2, min: 0, max: 1, mean: 0.59, std: 0.49,
                   outliers: 0, examples: ["no", "yes"]),
            column("churned", .boolean, role: .target, format: "Yes/No", distinct: 2, min: 0, max: 1, mean: 0.265,
                   std: 0.44, outliers: 0, examples: ["No", "Yes"]),
        ]
        return DataProfile(
            file: "sample-data/subscription.csv", encoding: "UTF-8", delimiter: ",", rows: 7_000,
            shape: .customerTable,
            shapeReason: "One row per customer (customer_id is unique) and a yes/no outcome column \"churned\", so this is a customer table.",
            roles: ["customer": "customer_id", "target": "churned"], customers: 7_000, dateSpan: nil,
            columns: columns,
            classBalance: ClassBalance(positiveLabel: "Yes", negativeLabel: "No", positives: 1_855, negatives: 5_145),
            counts: ProblemCounts(duplicateRows: 0),
            checks: [
                QualityCheck(id: "missing-values", severity: .info,
                             message: "total_charges has 11 blank values (0.2%); they are kept as missing.", penalty: 0.1),
                QualityCheck(id: "outliers", severity: .warning,
                             message: "late_payments has 312 values outside the interquartile fences (1.5 IQR); check that they are real before training.",
                             penalty: 0.4),
            ],
            qualityScore: 9.5, usable: true, preview: [header] + rows)
    }

    /// A transaction log with data that needs sanitising and wide characters.
    static var messyTransactions: DataProfile {
        let header = ["user_id", "order_date", "total_price", "item_name"]
        let rows: [[String]] = [
            ["U1", "2023-01-05", "12.50", "東京 tea"],
            ["U2\u{1b}[31m", "2023-01-06", "-3.00", "bell\u{07}ring"],
            ["U3", "2023-01-07", "7.25", "line\nbreak"],
        ]
        let columns = [
            column("user_id", .identifier, role: .customer, rows: 3, distinct: 3, examples: ["U1"]),
            column("order_date", .date, role: .date, format: "YYYY-MM-DD", rows: 3, distinct: 3, examples: ["2023-01-05"]),
            column("total_price", .decimal, role: .amount, rows: 3, distinct: 3, min: -3, max: 12.5, mean: 5.58, std: 6.4,
                   outliers: 0, examples: ["12.50"]),
            column("item_name", .text, role: .category, rows: 3, distinct: 3, examples: ["東京 tea"]),
        ]
        return DataProfile(
            file: "/data/orders\u{1b}]0;pwned\u{07}.csv", encoding: "UTF-8 (BOM)", delimiter: ";", rows: 3,
            shape: .transactions, shapeReason: "Several rows per customer with a date and an amount: a transaction log.",
            roles: ["customer": "user_id", "date": "order_date", "amount": "total_price", "category": "item_name"],
            customers: 3, dateSpan: DateSpan(first: "2023-01-05", last: "2023-01-07", days: 2), columns: columns,
            classBalance: nil, counts: ProblemCounts(negativeAmounts: 1),
            checks: [
                QualityCheck(id: "too-few-customers", severity: .error,
                             message: "Only 3 customers; at least 100 are needed to train a model.", penalty: 5),
                QualityCheck(id: "negative-amounts", severity: .warning, message: "1 transaction has a negative amount.", penalty: 0.5),
            ],
            qualityScore: 4.5, usable: false, preview: [header] + rows)
    }
}
