import Foundation

/// How to read ambiguous `NN/NN/YYYY` dates.
public enum DateOrder: String, Codable, Sendable {
    /// `MM/DD/YYYY`.
    case monthFirst
    /// `DD/MM/YYYY`.
    case dayFirst

    /// Reads `--date-format` text such as "DD/MM/YYYY", "dd-mm-yyyy" or "MM/DD/YYYY".
    public init?(formatText: String) {
        let t = formatText.uppercased().filter { $0.isLetter }
        switch t {
        case "DDMMYYYY", "DMY", "DDMMYY", "DAYFIRST": self = .dayFirst
        case "MMDDYYYY", "MDY", "MMDDYY", "MONTHFIRST": self = .monthFirst
        default: return nil
        }
    }
}

/// What the user told the loader: role overrides, a forced shape, the reference day and a date order.
public struct IngestOptions: Sendable {
    /// User overrides from `--map role=column` (may be partial).
    public var mapping: ColumnMapping
    /// Forced shape; nil means detect.
    public var shape: DatasetShape?
    /// The day number (days since 1970-01-01) after which dates count as "in the future".
    public var today: Int64
    /// How to read `NN/NN/YYYY` dates when the file itself does not tell (from `--date-format`).
    public var dateOrder: DateOrder?

    public init(mapping: ColumnMapping = ColumnMapping(), shape: DatasetShape? = nil, today: Int64? = nil,
                dateOrder: DateOrder? = nil) {
        self.mapping = mapping
        self.shape = shape
        self.today = today ?? CivilDate.dayNumber(seconds: Int64(Date().timeIntervalSince1970.rounded(.down)))
        self.dateOrder = dateOrder
    }
}

/// A data file read into typed columns, with what was detected on the way.
public struct LoadedDataset: Sendable {
    /// All columns, typed.
    public var table: DataTable
    /// "UTF-8", "UTF-8 (BOM)" or "Windows-1252".
    public var encoding: String
    /// The field delimiter: ",", ";", "\t" or "|".
    public var delimiter: String
    public var shape: DatasetShape
    /// One sentence saying why the shape was chosen.
    public var shapeReason: String
    /// Detected roles merged with the user's overrides.
    public var mapping: ColumnMapping
    /// The header row and the first 20 data rows, as text exactly as in the file (quotes removed).
    public var preview: [[String]]
    /// Things detected and reported: encoding fallback, date formats and why, decimal comma, skipped lines.
    public var notes: [String]

    public init(table: DataTable, encoding: String, delimiter: String, shape: DatasetShape, shapeReason: String,
                mapping: ColumnMapping, preview: [[String]], notes: [String]) {
        self.table = table; self.encoding = encoding; self.delimiter = delimiter; self.shape = shape
        self.shapeReason = shapeReason; self.mapping = mapping; self.preview = preview; self.notes = notes
    }
}
