/// Clustering input that cannot be used: too few customers for the number of clusters, no usable
/// features, or arrays that do not line up.
public struct KMeansError: UserFacingError, Equatable {
    /// The full sentence shown to the user.
    public var message: String
    /// The process exit code (64 for options the user typed, 65 for unusable data).
    public var exitCode: Int32

    public init(_ message: String, exitCode: Int32 = ExitCode.dataError) {
        self.message = message
        self.exitCode = exitCode
    }
}
