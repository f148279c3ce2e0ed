/// A columnar view of customers that filters, tiers and segment comparisons run over.
///
/// One row per customer; each field is a whole column, either numbers (`Double.nan` = missing) or
/// interned text (codes into levels, -1 = missing). Built from a `FeatureMatrix` (optionally with the
/// `DataTable` it came from, so that text columns such as `contract` stay queryable as text), from a
/// `DataTable` alone, and extended with computed columns such as `risk`, `tier` and `value`.
public struct CustomerTable: Sendable {
    /// The customer of each row.
    public private(set) var customerIDs: [String]
    /// The fields in order; names are unique.
    public private(set) var fields: [CustomerField]

    /// Number of rows (customers).
    public var rowCount: Int { customerIDs.count }

    /// The field names, in order.
    public var fieldNames: [String] { fields.map(\.name) }

    /// An empty table of these customers; add fields with `adding`.
    public init(customerIDs: [String]) {
        self.customerIDs = customerIDs
        self.fields = []
    }

    /// A table with these fields.
    /// - Throws: `CustomerTableError` when a field's length differs from the number of customers or a
    ///   name is used twice.
    public init(customerIDs: [String], fields: [CustomerField]) throws {
        self.customerIDs = customerIDs
        self.fields = []
        for field in fields { try add(field) }
    }

    /// The index of the field with this exact name, or of the only one that matches ignoring case.
    public func fieldIndex(named name: String) -> Int? {
        if let exact = fields.firstIndex(where: { $0.name == name }) { return exact }
        let lowered = name.lowercased()
        let matches = fields.indices.filter { fields[$0].name.lowercased() == lowered }
        return matches.count == 1 ? matches[0] : nil
    }

    /// The field with this name (see `fieldIndex(named:)`).
    public func field(named name: String) -> CustomerField? {
        fieldIndex(named: name).map { fields[$0] }
    }

    /// Appends a field.
    /// - Throws: `CustomerTableError` when its length differs from the number of customers or its
    ///   name is already taken.
    public mutating func add(_ field: CustomerField) throws {
        guard field.count == rowCount else {
            throw CustomerTableError.lengthMismatch(field: field.name, count: field.count, rows: rowCount)
        }
        guard !fields.contains(where: { $0.name == field.name }) else {
            throw CustomerTableError.duplicateField(field.name)
        }
        fields.append(field)
    }

    /// Replaces the field of the same name, or appends it when there is none.
    /// - Throws: `CustomerTableError.lengthMismatch` when its length differs from the number of customers.
    public mutating func set(_ field: CustomerField) throws {
        guard field.count == rowCount else {
            throw CustomerTableError.lengthMismatch(field: field.name, count: field.count, rows: rowCount)
        }
        if let i = fields.firstIndex(where: { $0.name == field.name }) {
            fields[i] = field
        } else {
            fields.append(field)
        }
    }

    /// A copy with `field` set (replacing one of the same name).
    public func adding(_ field: CustomerField) throws -> CustomerTable {
        var copy = self
        try copy.set(field)
        return copy
    }

    /// A copy with the model's probabilities as `risk` and their tiers as the text field `tier`.
    /// - Throws: `CustomerTableError.lengthMismatch` when there is not one probability per customer.
    public func addingRisk(_ probabilities: [Double], tiers: RiskTiers = RiskTiers()) throws -> CustomerTable {
        var copy = self
        try copy.set(.number(CustomerTable.riskField, probabilities))
        try copy.set(tiers.field(for: probabilities))
        return copy
    }

    /// The conventional name of the churn probability field.
    public static let riskField = "risk"
    /// The conventional name of the risk tier field.
    public static let tierField = "tier"
    /// The conventional name of the customer value field.
    public static let valueField = "value"
}

/// One named column of a `CustomerTable`.
public struct CustomerField: Sendable {
    /// The name used in filter expressions (backquote it there when it has spaces or `=`).
    public var name: String
    /// The values, one per customer.
    public var values: CustomerFieldValues

    public init(name: String, values: CustomerFieldValues) {
        self.name = name
        self.values = values
    }

    /// A number field (NaN = missing).
    public static func number(_ name: String, _ values: [Double]) -> CustomerField {
        CustomerField(name: name, values: .number(values))
    }

    /// A text field from codes into levels (-1 = missing).
    public static func text(_ name: String, codes: [Int32], levels: [String]) -> CustomerField {
        CustomerField(name: name, values: .text(codes: codes, levels: levels))
    }

    /// A text field from one optional string per customer (nil = missing), interned in order of appearance.
    public static func text(_ name: String, _ strings: [String?]) -> CustomerField {
        var index: [String: Int32] = [:]
        var levels: [String] = []
        var codes = [Int32](repeating: -1, count: strings.count)
        for (row, value) in strings.enumerated() {
            guard let value else { continue }
            if let code = index[value] {
                codes[row] = code
            } else {
                let code = Int32(levels.count)
                index[value] = code
                levels.append(value)
                codes[row] = code
            }
        }
        return CustomerField(name: name, values: .text(codes: codes, levels: levels))
    }

    /// Number of values.
    public var count: Int {
        switch values {
        case .number(let v): return v.count
        case .text(let codes, _): return codes.count
        }
    }

    /// Whether the field holds numbers.
    public var isNumber: Bool {
        if case .number = values { return true }
        return false
    }

    /// The value of one row as display text ("" when missing).
    public func text(at row: Int) -> String {
        switch values {
        case .number(let v):
            let x = v[row]
            if x.isNaN { return "" }
            if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
            return String(x)
        case .text(let codes, let levels):
            let c = codes[row]
            return c < 0 ? "" : levels[Int(c)]
        }
    }
}

/// Typed storage of a `CustomerField`.
public enum CustomerFieldValues: Sendable {
    /// Numbers; NaN marks a missing value.
    case number([Double])
    /// Interned text: `codes[row]` indexes `levels`; -1 marks a missing value.
    case text(codes: [Int32], levels: [String])
}

/// Why a customer table could not be built.
public enum CustomerTableError: UserFacingError, Equatable {
    /// A field does not have one value per customer.
    case lengthMismatch(field: String, count: Int, rows: Int)
    /// Two fields share a name.
    case duplicateField(String)
    /// The data table and the feature matrix describe different numbers of customers.
    case tableMismatch(tableRows: Int, matrixRows: Int)
    /// The column named as customer id does not exist.
    case unknownColumn(name: String, suggestion: String?)

    public var message: String {
        switch self {
        case .lengthMismatch(let field, let count, let rows):
            return "field \"\(field)\" has \(count) values but the table has \(rows) customers; give one value per customer."
        case .duplicateField(let name):
            return "field \"\(name)\" appears twice; every field needs its own name."
        case .tableMismatch(let tableRows, let matrixRows):
            return "the data table has \(tableRows) rows but the feature matrix has \(matrixRows) customers; "
                + "pass the table the features were built from."
        case .unknownColumn(let name, let suggestion):
            return "there is no column \"\(name)\"" + (suggestion.map { "; did you mean \"\($0)\"?" } ?? ".")
        }
    }

    public var exitCode: Int32 { ExitCode.dataError }
}
