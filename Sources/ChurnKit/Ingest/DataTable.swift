import Foundation

/// A parsed data file held column by column, with one typed array per column.
///
/// Missing values are kept as missing: `Double.nan` in number columns, `DataTable.missingTime`
/// in time columns and code `-1` in string columns. Nothing is boxed per row.
public struct DataTable: Sendable {
    /// The path the table was read from (used in messages).
    public var source: String
    /// The columns in file order.
    public var columns: [DataColumn]
    /// Number of data rows (the header is not counted).
    public var rowCount: Int

    /// The sentinel for a missing value in a time column.
    public static let missingTime = Int64.min

    public init(source: String, columns: [DataColumn], rowCount: Int) {
        self.source = source
        self.columns = columns
        self.rowCount = rowCount
    }

    /// The index of the column with this exact name, or of the only one that matches ignoring case.
    public func columnIndex(named name: String) -> Int? {
        if let exact = columns.firstIndex(where: { $0.name == name }) { return exact }
        let lowered = name.lowercased()
        let matches = columns.indices.filter { columns[$0].name.lowercased() == lowered }
        return matches.count == 1 ? matches[0] : nil
    }

    /// The column with this name (see `columnIndex(named:)`).
    public func column(named name: String) -> DataColumn? {
        columnIndex(named: name).map { columns[$0] }
    }
}

/// One column of a `DataTable`: its name, inferred kind and values.
public struct DataColumn: Sendable {
    public var name: String
    public var kind: ColumnKind
    public var values: ColumnValues
    /// How the text was read (e.g. the date format or decimal comma); shown in the profile.
    public var format: String?
    /// For boolean columns: the text read as 1 and the text read as 0 (e.g. "Yes" and "No").
    public var booleanLabels: (positive: String, negative: String)?

    public init(name: String, kind: ColumnKind, values: ColumnValues, format: String? = nil,
                booleanLabels: (positive: String, negative: String)? = nil) {
        self.name = name
        self.kind = kind
        self.values = values
        self.format = format
        self.booleanLabels = booleanLabels
    }

    /// Number of values in the column.
    public var count: Int {
        switch values {
        case .number(let v): return v.count
        case .time(let v): return v.count
        case .strings(let codes, _): return codes.count
        }
    }

    /// Number of missing values in the column.
    public var missingCount: Int {
        switch values {
        case .number(let v): return v.reduce(0) { $0 + ($1.isNaN ? 1 : 0) }
        case .time(let v): return v.reduce(0) { $0 + ($1 == DataTable.missingTime ? 1 : 0) }
        case .strings(let codes, _): return codes.reduce(0) { $0 + ($1 < 0 ? 1 : 0) }
        }
    }

    /// The numbers of a number column, or nil for other storage.
    public var numbers: [Double]? {
        if case .number(let v) = values { return v }
        return nil
    }

    /// The seconds since 1970 (UTC) of a time column, or nil for other storage.
    public var times: [Int64]? {
        if case .time(let v) = values { return v }
        return nil
    }

    /// The codes and levels of a string column, or nil for other storage.
    public var strings: (codes: [Int32], levels: [String])? {
        if case .strings(let c, let l) = values { return (c, l) }
        return nil
    }

    /// The value of one row as display text ("" when missing).
    public func text(at row: Int) -> String {
        switch values {
        case .number(let v):
            let x = v[row]
            if x.isNaN { return "" }
            if kind == .integer || kind == .boolean, x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
            return String(x)
        case .time(let v):
            let t = v[row]
            if t == DataTable.missingTime { return "" }
            return kind == .date ? CivilDate.isoDate(seconds: t) : CivilDate.isoDateTime(seconds: t)
        case .strings(let codes, let levels):
            let c = codes[row]
            return c < 0 ? "" : levels[Int(c)]
        }
    }
}

/// Typed storage for a column.
public enum ColumnValues: Sendable {
    /// Integers, decimals and booleans (0/1); NaN marks a missing value.
    case number([Double])
    /// Dates and date-times as seconds since 1970-01-01 UTC; `DataTable.missingTime` marks a missing value.
    case time([Int64])
    /// Categories, identifiers and text, interned: `codes[row]` indexes `levels`; -1 marks a missing value.
    case strings(codes: [Int32], levels: [String])
}

/// The kind of values a column holds, as inferred from its content.
public enum ColumnKind: String, Codable, Sendable, CaseIterable {
    case integer, decimal, date, datetime, boolean, categorical, identifier, text
    /// Every cell is blank.
    case empty

    /// Whether values of this kind are stored as numbers.
    public var isNumeric: Bool { self == .integer || self == .decimal || self == .boolean }
    /// Whether values of this kind are stored as times.
    public var isTemporal: Bool { self == .date || self == .datetime }
}
