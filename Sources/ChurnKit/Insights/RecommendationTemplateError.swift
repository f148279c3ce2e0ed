/// A recommendations file that cannot be read: bad syntax, an unknown driver or field, or a broken
/// placeholder. The message names the file, line and column.
public struct RecommendationTemplateError: UserFacingError, Equatable {
    /// The full sentence shown to the user.
    public var message: String
    /// The process exit code (65 for a bad file, 66 when it cannot be read).
    public var exitCode: Int32

    public init(_ message: String, exitCode: Int32 = ExitCode.dataError) {
        self.message = message
        self.exitCode = exitCode
    }
}
