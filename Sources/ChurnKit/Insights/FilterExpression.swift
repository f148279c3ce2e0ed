/// The syntax tree of a filter expression, as parsed, before names are checked against a table.
///
/// Every node keeps the 1-based character position of the text it came from, so that the checker
/// can point at the right place.
public indirect enum FilterExpression: Equatable, Sendable {
    /// Both sides hold.
    case and(FilterExpression, FilterExpression)
    /// Either side holds.
    case or(FilterExpression, FilterExpression)
    /// The inner condition does not hold (a missing value makes a comparison false, so its `not` is true).
    case not(FilterExpression, column: Int)
    /// `left op right`, e.g. `risk > 0.7`; `column` is the operator's position.
    case comparison(FilterOperand, FilterComparison, FilterOperand, column: Int)
    /// `operand in [values]`, or `operand not in [values]` when `negated`; `column` is the position of `in`/`not`.
    case membership(FilterOperand, [FilterOperand], negated: Bool, column: Int)
    /// `operand contains "text"`: case-insensitive substring; `column` is the position of `contains`.
    case contains(FilterOperand, FilterOperand, column: Int)
    /// `operand is missing`, or `is not missing` when `negated`; `column` is the position of `is`.
    case missing(FilterOperand, negated: Bool, column: Int)
    /// A bare operand used as a condition: a number field holds when it is present and not 0.
    case truth(FilterOperand)

    /// Every field name the expression mentions, in order of first appearance.
    public var fieldNames: [String] {
        var names: [String] = []
        func visit(_ operand: FilterOperand) {
            if case .field(let name) = operand.value, !names.contains(name) { names.append(name) }
        }
        func walk(_ e: FilterExpression) {
            switch e {
            case .and(let a, let b), .or(let a, let b): walk(a); walk(b)
            case .not(let a, _): walk(a)
            case .comparison(let l, _, let r, _): visit(l); visit(r)
            case .membership(let l, let list, _, _): visit(l); list.forEach(visit)
            case .contains(let l, let r, _): visit(l); visit(r)
            case .missing(let l, _, _): visit(l)
            case .truth(let l): visit(l)
            }
        }
        walk(self)
        return names
    }
}

/// A comparison operator.
public enum FilterComparison: String, Equatable, Sendable, CaseIterable {
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="

    /// The operator with its sides swapped (`3 < x` is `x > 3`).
    var swapped: FilterComparison {
        switch self {
        case .equal, .notEqual: return self
        case .less: return .greater
        case .lessOrEqual: return .greaterOrEqual
        case .greater: return .less
        case .greaterOrEqual: return .lessOrEqual
        }
    }

    /// Whether the operator orders values (as opposed to testing equality).
    var isOrdering: Bool { self != .equal && self != .notEqual }

    /// The result for two present numbers.
    @inline(__always)
    func holds(_ a: Double, _ b: Double) -> Bool {
        switch self {
        case .equal: return a == b
        case .notEqual: return a != b
        case .less: return a < b
        case .lessOrEqual: return a <= b
        case .greater: return a > b
        case .greaterOrEqual: return a >= b
        }
    }
}

/// A field name or a literal value, with its 1-based character position.
public struct FilterOperand: Equatable, Sendable {
    /// What the operand is.
    public enum Value: Equatable, Sendable {
        case field(String)
        case number(Double)
        case string(String)
    }

    public var value: Value
    public var column: Int

    public init(_ value: Value, column: Int) {
        self.value = value
        self.column = column
    }
}
