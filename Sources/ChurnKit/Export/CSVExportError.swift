/// An export that cannot be written: columns of different lengths, or a file that cannot be created.
public struct CSVExportError: UserFacingError, Equatable {
    /// The full sentence shown to the user.
    public var message: String
    /// The process exit code (65 inconsistent data, 73 cannot create, 74 write failure).
    public var exitCode: Int32

    public init(_ message: String, exitCode: Int32 = ExitCode.dataError) {
        self.message = message
        self.exitCode = exitCode
    }
}
