/// The validation and profile report of one data file: what was read, what it means, and whether it
/// can be used for training. This is the stable `churn profile --json` document.
public struct DataProfile: Codable, Sendable {
    /// The file as given by the user.
    public var file: String
    /// How the bytes were decoded: "UTF-8", "UTF-8 (BOM)" or "Windows-1252".
    public var encoding: String
    /// The field delimiter, e.g. "," ";" "\t" "|".
    public var delimiter: String
    /// Data rows (header excluded).
    public var rows: Int
    /// The detected (or forced) shape.
    public var shape: DatasetShape
    /// Why that shape was chosen, in one sentence.
    public var shapeReason: String
    /// Role name to column name, e.g. {"customer": "user_id"}.
    public var roles: [String: String]
    /// Distinct customers (nil when there is no customer column).
    public var customers: Int?
    /// First and last date for transaction logs.
    public var dateSpan: DateSpan?
    /// One entry per column in file order.
    public var columns: [ColumnProfile]
    /// Outcome counts for customer tables.
    public var classBalance: ClassBalance?
    /// Counts of specific problems.
    public var counts: ProblemCounts
    /// Findings, most serious first.
    public var checks: [QualityCheck]
    /// Data quality from 0 (unusable) to 10 (no issue found).
    public var qualityScore: Double
    /// Whether the data can be used to build features and train (no check has severity `.error`).
    public var usable: Bool
    /// The header and the first rows as text, for previews.
    public var preview: [[String]]

    public init(file: String, encoding: String, delimiter: String, rows: Int, shape: DatasetShape,
                shapeReason: String, roles: [String: String], customers: Int?, dateSpan: DateSpan?,
                columns: [ColumnProfile], classBalance: ClassBalance?, counts: ProblemCounts,
                checks: [QualityCheck], qualityScore: Double, usable: Bool, preview: [[String]]) {
        self.file = file; self.encoding = encoding; self.delimiter = delimiter; self.rows = rows
        self.shape = shape; self.shapeReason = shapeReason; self.roles = roles; self.customers = customers
        self.dateSpan = dateSpan; self.columns = columns; self.classBalance = classBalance
        self.counts = counts; self.checks = checks; self.qualityScore = qualityScore
        self.usable = usable; self.preview = preview
    }
}

/// The first and last dates of a transaction log.
public struct DateSpan: Codable, Sendable {
    /// ISO date of the earliest transaction.
    public var first: String
    /// ISO date of the latest transaction.
    public var last: String
    /// Days between them.
    public var days: Int

    public init(first: String, last: String, days: Int) {
        self.first = first; self.last = last; self.days = days
    }
}

/// The profile of one column.
public struct ColumnProfile: Codable, Sendable {
    public var name: String
    public var kind: ColumnKind
    /// The role this column plays, if any.
    public var role: ColumnRole?
    /// How values were read, e.g. "DD/MM/YYYY" or "decimal comma".
    public var format: String?
    public var missing: Int
    /// Missing values as a fraction of rows (0...1).
    public var missingRate: Double
    public var distinct: Int
    /// Numeric summary (numbers only).
    public var min: Double?
    public var max: Double?
    public var mean: Double?
    public var std: Double?
    /// Values outside [Q1 - 1.5 IQR, Q3 + 1.5 IQR] (numbers only).
    public var outliersIQR: Int?
    /// Values more than 3 standard deviations from the mean (numbers only).
    public var outliersSigma: Int?
    /// A few example values as text.
    public var examples: [String]

    public init(name: String, kind: ColumnKind, role: ColumnRole?, format: String?, missing: Int,
                missingRate: Double, distinct: Int, min: Double?, max: Double?, mean: Double?, std: Double?,
                outliersIQR: Int?, outliersSigma: Int?, examples: [String]) {
        self.name = name; self.kind = kind; self.role = role; self.format = format; self.missing = missing
        self.missingRate = missingRate; self.distinct = distinct; self.min = min; self.max = max
        self.mean = mean; self.std = std; self.outliersIQR = outliersIQR; self.outliersSigma = outliersSigma
        self.examples = examples
    }
}

/// Outcome counts of a customer table's target column.
public struct ClassBalance: Codable, Sendable {
    /// The target value read as "churned".
    public var positiveLabel: String
    public var negativeLabel: String
    public var positives: Int
    public var negatives: Int
    /// positives / (positives + negatives).
    public var positiveRate: Double

    public init(positiveLabel: String, negativeLabel: String, positives: Int, negatives: Int) {
        self.positiveLabel = positiveLabel; self.negativeLabel = negativeLabel
        self.positives = positives; self.negatives = negatives
        let n = positives + negatives
        self.positiveRate = n > 0 ? Double(positives) / Double(n) : 0
    }
}

/// Counts of specific data problems.
public struct ProblemCounts: Codable, Sendable {
    /// Rows identical in every field to an earlier row.
    public var duplicateRows: Int = 0
    /// Transactions with the same customer, time and amount as an earlier one.
    public var duplicateTransactions: Int = 0
    public var negativeAmounts: Int = 0
    /// Dates after the day the profile was made.
    public var futureDates: Int = 0

    public init(duplicateRows: Int = 0, duplicateTransactions: Int = 0, negativeAmounts: Int = 0, futureDates: Int = 0) {
        self.duplicateRows = duplicateRows; self.duplicateTransactions = duplicateTransactions
        self.negativeAmounts = negativeAmounts; self.futureDates = futureDates
    }
}

/// One finding of validation.
public struct QualityCheck: Codable, Sendable {
    public enum Severity: String, Codable, Sendable, Comparable {
        case info, warning, error
        private var rank: Int { self == .info ? 0 : self == .warning ? 1 : 2 }
        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    }
    /// A stable identifier, e.g. "missing-values", "too-few-customers".
    public var id: String
    public var severity: Severity
    /// A sentence a user can act on.
    public var message: String
    /// Points taken off the 0-10 quality score.
    public var penalty: Double

    public init(id: String, severity: Severity, message: String, penalty: Double) {
        self.id = id; self.severity = severity; self.message = message; self.penalty = penalty
    }
}
