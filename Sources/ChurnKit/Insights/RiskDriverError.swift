/// Contributions, risks or values for driver segments that do not line up.
public struct RiskDriverError: UserFacingError, Equatable {
    /// The full sentence shown to the user.
    public var message: String
    /// The process exit code (65: the inputs do not fit together).
    public var exitCode: Int32

    public init(_ message: String, exitCode: Int32 = ExitCode.dataError) {
        self.message = message
        self.exitCode = exitCode
    }
}
