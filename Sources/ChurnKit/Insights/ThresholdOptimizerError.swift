/// Out-of-fold predictions or threshold settings that cannot be used.
public struct ThresholdOptimizerError: UserFacingError, Equatable {
    /// The full sentence shown to the user.
    public var message: String
    /// The process exit code (64 for options the user typed, 65 for unusable predictions).
    public var exitCode: Int32

    public init(_ message: String, exitCode: Int32 = ExitCode.usage) {
        self.message = message
        self.exitCode = exitCode
    }
}
