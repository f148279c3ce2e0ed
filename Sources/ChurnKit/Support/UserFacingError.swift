/// An error that can be shown to a user as it is: it says what went wrong, where, and what to do.
///
/// Every error that leaves ChurnKit conforms; the CLI and the TUI show `message` and the CLI exits
/// with `exitCode` (sysexits: 64 usage, 65 bad data, 66 no input, 73 cannot create, 74 I/O).
public protocol UserFacingError: Error, CustomStringConvertible {
    /// One or more sentences naming the file, line, column or field involved and what was expected.
    var message: String { get }
    /// The process exit code for this error.
    var exitCode: Int32 { get }
}

extension UserFacingError {
    public var description: String { message }
}

/// Exit codes from sysexits.h, the convention for command-line tools.
public enum ExitCode {
    public static let usage: Int32 = 64
    public static let dataError: Int32 = 65
    public static let noInput: Int32 = 66
    public static let software: Int32 = 70
    public static let cannotCreate: Int32 = 73
    public static let ioError: Int32 = 74
}
