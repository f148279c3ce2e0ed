/// A problem with an input file: what was found, where (file, physical line, column) and what was expected.
///
/// The message reads like `sales.csv line 812, column "amount": "12,3.4" is not a number (expected a decimal
/// like 12.34)`. Missing or unreadable files exit with 66 (no input), bad content with 65 (data error).
public struct IngestError: UserFacingError, Equatable {
    /// What kind of problem this is; stable, for tests and for callers that react to specific problems.
    public enum Reason: String, Sendable, Equatable {
        case missingFile, notAFile, unreadable, emptyFile, headerOnly, binaryFile
        case unterminatedQuote, textAfterQuote, tooManyFields, tooFewFields
        case notANumber, notADate, ambiguousDate, mixedDateOrder
        case blankIdentifier, tooManyOutcomes, unknownColumn, missingRole, unknownShape
    }

    public var reason: Reason
    /// The file as given by the user.
    public var file: String
    /// The 1-based physical line in the file, when the problem is on one line.
    public var line: Int?
    /// The column name, when the problem is in one column.
    public var column: String?
    /// The offending text, when there is one.
    public var found: String?
    /// What would have been accepted.
    public var expected: String?
    /// The sentence that follows the location in `message`.
    public var detail: String
    public var exitCode: Int32

    public init(_ reason: Reason, file: String, line: Int? = nil, column: String? = nil, found: String? = nil,
                expected: String? = nil, detail: String, exitCode: Int32 = ExitCode.dataError) {
        self.reason = reason; self.file = file; self.line = line; self.column = column
        self.found = found; self.expected = expected; self.detail = detail; self.exitCode = exitCode
    }

    /// `file line N, column "name": detail`, leaving out the parts that do not apply.
    public var message: String {
        var location = file
        if let line { location += " line \(line)" }
        if let column { location += ", column \"\(column)\"" }
        return location + ": " + detail
    }

    /// Quotes a cell for a message, shortened to 60 characters.
    static func quote(_ text: String) -> String {
        let shown = text.count > 60 ? String(text.prefix(57)) + "..." : text
        return "\"" + shown + "\""
    }
}
