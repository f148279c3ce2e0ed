/// A campaign, budget or scenario input that cannot be used: a negative cost, a rate outside 0...1,
/// a target list that names customers who do not exist, or arrays of different lengths.
public struct CampaignROIError: UserFacingError, Equatable {
    /// The full sentence shown to the user.
    public var message: String
    /// The process exit code (64 for options the user typed, 65 for unusable data).
    public var exitCode: Int32

    public init(_ message: String, exitCode: Int32 = ExitCode.usage) {
        self.message = message
        self.exitCode = exitCode
    }
}
