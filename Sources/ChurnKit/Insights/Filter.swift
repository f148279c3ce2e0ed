/// A parsed filter expression such as `risk > 0.7 and late_payments >= 3 and contract == "Month-to-month"`.
///
/// The language:
/// - values: numbers (`3`, `-0.5`, `1e3`), strings in double or single quotes (escapes `\"`, `\'`,
///   `\\`, `\n`, `\t`), `true`/`false` (1/0);
/// - fields: plain names (`late_payments`), or any name in backquotes (`` `contract=Month-to-month` ``);
///   names match exactly, else ignoring case when only one field matches;
/// - conditions: `== != < <= > >=` (also `=` and `<>`), `in [..]`, `not in [..]`, `contains "text"`
///   (case-insensitive substring of a text field), `is missing`, `is not missing`, and a bare number
///   field (true when present and not 0);
/// - logic: `not`/`!`, `and`/`&&`, `or`/`||` (that order of precedence) and parentheses.
///
/// Missing values: a comparison, `in`, `not in` or `contains` on a missing value is false (so
/// `x != 3` and `x not in [3]` leave missing rows out, while `not (x == 3)` keeps them); `is missing`
/// is true. Text equality is exact (case-sensitive); ordering operators apply to numbers only.
///
/// Parsing needs no table; `bind(to:)` resolves names and checks types against one, and
/// `evaluate(on:)` does both and returns the matching rows. Expressions are never turned into SQL.
public struct CustomerFilter: Equatable, Sendable {
    /// The expression as typed.
    public let text: String
    /// Its syntax tree.
    public let expression: FilterExpression

    /// Parses `text`.
    /// - Throws: `FilterError` with the position of the first syntax mistake.
    public init(_ text: String) throws {
        self.text = text
        self.expression = try FilterParser.parse(text)
    }

    /// The field names the expression mentions.
    public var fieldNames: [String] { expression.fieldNames }

    /// The filter checked against `table`, ready to run.
    /// - Throws: `FilterError` for unknown fields (with a suggestion) and type mismatches.
    public func bind(to table: CustomerTable) throws -> BoundFilter {
        var checker = FilterChecker(expression: text, table: table)
        let plan = try checker.plan(expression)
        return BoundFilter(filter: self, table: table, plan: plan, warnings: checker.warnings)
    }

    /// The rows of `table` that match.
    /// - Throws: `FilterError` as `bind(to:)`.
    public func evaluate(on table: CustomerTable) throws -> RowSelection {
        try bind(to: table).evaluate()
    }
}

/// A filter checked against one table.
public struct BoundFilter: Sendable {
    /// The filter.
    public let filter: CustomerFilter
    /// The table it was checked against and runs over.
    public let table: CustomerTable
    let plan: FilterPlan
    /// Things that look unintended, e.g. a text value no customer has (with a close one if any).
    public let warnings: [FilterWarning]

    /// The matching rows of `table`.
    public func evaluate() -> RowSelection {
        FilterEvaluator.evaluate(plan, table: table)
    }
}
