import Foundation

/// A filter checked against a table: names resolved to field positions, types checked, and text
/// conditions turned into per-level lookup tables, ready for column-at-a-time evaluation.
indirect enum FilterPlan: Sendable {
    case and(FilterPlan, FilterPlan)
    case or(FilterPlan, FilterPlan)
    case not(FilterPlan)
    /// A number field against a constant; missing values never match.
    case numberConstant(field: Int, FilterComparison, Double)
    /// Two number fields; a row matches when both are present and the comparison holds.
    case numberFields(Int, FilterComparison, Int)
    /// A number field is one of `values` (`negated`: present and none of them).
    case numberMembership(field: Int, values: [Double], negated: Bool)
    /// A text field whose code `c` matches when `levels[c]` is true; missing never matches.
    case textLevels(field: Int, levels: [Bool])
    /// Two text fields compared for equality (`equal`) or inequality, both present.
    case textFields(Int, Int, equal: Bool)
    /// The field is missing (`negated`: present).
    case missing(field: Int, negated: Bool)
    /// A number field is present and not zero.
    case truth(field: Int)
}

/// Something suspicious but not wrong in a filter, such as a text value no customer has.
public struct FilterWarning: Equatable, Sendable {
    /// 1-based character position in the expression.
    public var column: Int
    /// What looks wrong and what might have been meant.
    public var detail: String
    /// "column N: detail".
    public var message: String { "column \(column): \(detail)" }
}

/// Resolves and type-checks a `FilterExpression` against a `CustomerTable`.
struct FilterChecker {
    let expression: String
    let table: CustomerTable
    private(set) var warnings: [FilterWarning] = []

    init(expression: String, table: CustomerTable) {
        self.expression = expression
        self.table = table
    }

    private func error(_ column: Int, _ detail: String) -> FilterError {
        FilterError(expression: expression, column: column, detail: detail)
    }

    /// The plan for `node`.
    /// - Throws: `FilterError` for unknown fields and type mismatches.
    mutating func plan(_ node: FilterExpression) throws -> FilterPlan {
        switch node {
        case .and(let a, let b): return .and(try plan(a), try plan(b))
        case .or(let a, let b): return .or(try plan(a), try plan(b))
        case .not(let a, _): return .not(try plan(a))
        case .comparison(let left, let op, let right, let column):
            return try comparison(left, op, right, column: column)
        case .membership(let left, let list, let negated, _):
            return try membership(left, list, negated: negated)
        case .contains(let left, let right, let column):
            return try contains(left, right, column: column)
        case .missing(let operand, let negated, _):
            let field = try resolveField(operand, role: "'is missing' applies to a field")
            return .missing(field: field, negated: negated)
        case .truth(let operand):
            return try truth(operand)
        }
    }

    // MARK: Conditions

    private mutating func comparison(_ left: FilterOperand, _ op: FilterComparison, _ right: FilterOperand,
                                     column: Int) throws -> FilterPlan {
        switch (left.value, right.value) {
        case (.field, .field):
            let a = try resolve(left)
            let b = try resolve(right)
            switch (table.fields[a].values, table.fields[b].values) {
            case (.number, .number):
                return .numberFields(a, op, b)
            case (.text, .text):
                guard !op.isOrdering else { throw orderingOnText(a, op: op, column: column) }
                return .textFields(a, b, equal: op == .equal)
            case (.number, .text):
                throw error(right.column, "'\(table.fields[b].name)' is text and '\(table.fields[a].name)' is a number; they cannot be compared")
            case (.text, .number):
                throw error(right.column, "'\(table.fields[b].name)' is a number and '\(table.fields[a].name)' is text; they cannot be compared")
            }
        case (.field, _):
            return try fieldAgainstValue(left, op, right, column: column)
        case (_, .field):
            return try fieldAgainstValue(right, op.swapped, left, column: column)
        default:
            throw error(left.column, "a comparison needs a field on one side, e.g. risk > 0.7")
        }
    }

    private mutating func fieldAgainstValue(_ fieldOperand: FilterOperand, _ op: FilterComparison,
                                            _ value: FilterOperand, column: Int) throws -> FilterPlan {
        let f = try resolve(fieldOperand)
        let field = table.fields[f]
        switch (field.values, value.value) {
        case (.number, .number(let x)):
            return .numberConstant(field: f, op, x)
        case (.number, .string):
            throw error(fieldOperand.column, "'\(field.name)' is a number; compare it with a number, not a quoted string")
        case (.text(_, let levels), .string(let text)):
            guard !op.isOrdering else { throw orderingOnText(f, op: op, column: column) }
            let mask = levels.map { $0 == text }
            warnIfUnseen(text, in: field, matched: mask, column: value.column)
            // `!=`: present and different (a missing value never matches a comparison).
            return .textLevels(field: f, levels: op == .equal ? mask : mask.map { !$0 })
        case (.text, .number):
            throw error(fieldOperand.column, "'\(field.name)' is text; compare it with a quoted string")
        case (_, .field):
            throw error(value.column, "a comparison needs a value on one side")
        }
    }

    private mutating func membership(_ left: FilterOperand, _ list: [FilterOperand], negated: Bool) throws -> FilterPlan {
        let f = try resolveField(left, role: "'in' needs a field on its left, e.g. contract in [\"One year\", \"Two year\"]")
        let field = table.fields[f]
        switch field.values {
        case .number:
            var values: [Double] = []
            for item in list {
                guard case .number(let x) = item.value else {
                    throw error(item.column, "'\(field.name)' is a number; every value in the list must be a number")
                }
                values.append(x)
            }
            return .numberMembership(field: f, values: values, negated: negated)
        case .text(_, let levels):
            var mask = [Bool](repeating: false, count: levels.count)
            for item in list {
                guard case .string(let text) = item.value else {
                    throw error(item.column, "'\(field.name)' is text; every value in the list must be a quoted string")
                }
                let matched = levels.map { $0 == text }
                warnIfUnseen(text, in: field, matched: matched, column: item.column)
                for k in mask.indices where matched[k] { mask[k] = true }
            }
            return .textLevels(field: f, levels: negated ? mask.map { !$0 } : mask)
        }
    }

    private func contains(_ left: FilterOperand, _ right: FilterOperand, column: Int) throws -> FilterPlan {
        let f = try resolveField(left, role: "'contains' needs a text field on its left, e.g. plan contains \"fiber\"")
        let field = table.fields[f]
        guard case .text(_, let levels) = field.values else {
            throw error(left.column, "'\(field.name)' is a number; 'contains' applies to text fields")
        }
        guard case .string(let needle) = right.value else {
            throw error(right.column, "expected a quoted string after 'contains'")
        }
        let lowered = needle.lowercased()
        return .textLevels(field: f, levels: levels.map { lowered.isEmpty || $0.lowercased().contains(lowered) })
    }

    private func truth(_ operand: FilterOperand) throws -> FilterPlan {
        guard case .field = operand.value else {
            throw error(operand.column, "a value on its own is not a condition; compare a field with it, e.g. risk > 0.7")
        }
        let f = try resolve(operand)
        let field = table.fields[f]
        guard field.isNumber else {
            throw error(operand.column, "'\(field.name)' is text; compare it with a quoted string, e.g. \(Self.spelled(field.name)) == \"...\"")
        }
        return .truth(field: f)
    }

    // MARK: Names and messages

    private func resolveField(_ operand: FilterOperand, role: String) throws -> Int {
        guard case .field = operand.value else { throw error(operand.column, role) }
        return try resolve(operand)
    }

    /// The index of the field an operand names.
    /// - Throws: "unknown field 'x', did you mean 'y'?" with the operand's position.
    private func resolve(_ operand: FilterOperand) throws -> Int {
        guard case .field(let name) = operand.value else {
            throw error(operand.column, "expected a field name")
        }
        if let index = table.fieldIndex(named: name) { return index }
        let names = table.fieldNames
        if let close = Suggestion.closest(to: name, in: names) {
            throw error(operand.column, "unknown field '\(name)', did you mean \(Self.quoted(close))?")
        }
        let shown = names.prefix(8).map(Self.spelled).joined(separator: ", ")
        let more = names.count > 8 ? ", ... (\(names.count) in all)" : ""
        throw error(operand.column, "unknown field '\(name)'; the fields are \(shown)\(more)")
    }

    private func orderingOnText(_ f: Int, op: FilterComparison, column: Int) -> FilterError {
        error(column, "'\(table.fields[f].name)' is text, so '\(op.rawValue)' does not apply; use ==, !=, in, contains or is missing")
    }

    /// Records a warning when no level equals `text`, suggesting a close level.
    private mutating func warnIfUnseen(_ text: String, in field: CustomerField, matched: [Bool], column: Int) {
        guard !matched.contains(true), case .text(_, let levels) = field.values else { return }
        var detail = "no customer has \(field.name) \"\(text)\""
        if let close = Suggestion.closest(to: text, in: levels) { detail += "; did you mean \"\(close)\"?" }
        warnings.append(FilterWarning(column: column, detail: detail))
    }

    /// A field name for a message: in single quotes, or in backquotes when it must be typed that way.
    static func quoted(_ name: String) -> String {
        let typed = spelled(name)
        return typed.hasPrefix("`") ? typed : "'\(typed)'"
    }

    /// A field name as it must be typed: backquoted unless it is a plain name.
    static func spelled(_ name: String) -> String {
        guard let first = name.first, first.isLetter || first == "_",
              name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }),
              !FilterParser.reservedWords.contains(name.lowercased()) else { return "`\(name)`" }
        return name
    }
}
