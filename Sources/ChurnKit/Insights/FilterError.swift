/// A mistake in a filter expression, with the 1-based character position where it was found.
///
/// The message reads "column 14: unknown field 'late_paymnts', did you mean 'late_payments'?";
/// `caretLine` draws a `^` under that position for screens that show the expression above it.
public struct FilterError: UserFacingError, Equatable {
    /// The expression as the user typed it.
    public var expression: String
    /// The 1-based character position of the problem (one past the end for "expected more").
    public var column: Int
    /// What is wrong and what to write instead, without the position.
    public var detail: String

    public init(expression: String, column: Int, detail: String) {
        self.expression = expression
        self.column = column
        self.detail = detail
    }

    /// "column N: detail".
    public var message: String { "column \(column): \(detail)" }

    public var exitCode: Int32 { ExitCode.usage }

    /// Spaces up to the error's position and a `^`, to print on the line below the expression.
    public var caretLine: String { FilterError.caretLine(column: column) }

    /// The expression, a caret line under it, and the message, as three lines.
    public var annotated: String { "\(expression)\n\(caretLine)\n\(message)" }

    /// Spaces up to `column` (1-based) and a `^`.
    public static func caretLine(column: Int) -> String {
        String(repeating: " ", count: max(0, column - 1)) + "^"
    }
}
