/// A problem explaining a model or a customer: an unsupported model, unknown features or customers,
/// or data that does not match the model.
public struct ExplainError: UserFacingError, Equatable {
    /// The full sentence shown to the user.
    public var message: String
    /// The process exit code (64 bad options, 65 bad data).
    public var exitCode: Int32

    public init(_ message: String, exitCode: Int32 = ExitCode.dataError) {
        self.message = message
        self.exitCode = exitCode
    }

    /// The error for a feature name the model does not know, with a "did you mean" when one is close.
    static func unknownFeature(_ name: String, known: [String]) -> ExplainError {
        var text = "unknown feature '\(name)'"
        if let guess = Suggestion.closest(to: name, in: known) {
            text += ", did you mean '\(guess)'?"
        } else {
            text += "; the model's features are: \(known.prefix(12).joined(separator: ", "))\(known.count > 12 ? ", ..." : "")."
        }
        return ExplainError(text, exitCode: ExitCode.usage)
    }
}
