/// A problem estimating customer value: unusable RFM inputs, too little data to fit a model, or a customer
/// table without any money column.
public struct CustomerValueError: UserFacingError, Equatable {
    /// The full sentence shown to the user.
    public var message: String
    /// The process exit code (65 bad data, 64 bad options).
    public var exitCode: Int32

    public init(_ message: String, exitCode: Int32 = ExitCode.dataError) {
        self.message = message
        self.exitCode = exitCode
    }
}
