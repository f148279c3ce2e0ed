/// The customers a campaign can reach: one churn probability per customer and, optionally, one value.
///
/// Columnar: index i is the same customer in every array (the row order of the scored table).
public struct CampaignPopulation: Sendable {
    /// Churn probability per customer (0...1).
    public var risks: [Double]
    /// Value per customer (e.g. expected future revenue); nil or NaN entries use the default value.
    public var values: [Double]?

    /// Checks that the risks are probabilities and that the values (when given) line up with them.
    public init(risks: [Double], values: [Double]? = nil) throws {
        if let bad = risks.firstIndex(where: { !($0 >= 0 && $0 <= 1) }) {
            throw CampaignROIError("Customer row \(bad + 1) has churn probability \(risks[bad]); probabilities must be between 0 and 1.",
                                   exitCode: ExitCode.dataError)
        }
        if let values {
            guard values.count == risks.count else {
                throw CampaignROIError("There are \(risks.count) churn probabilities but \(values.count) customer values; "
                    + "give one value per customer.", exitCode: ExitCode.dataError)
            }
            if let bad = values.firstIndex(where: { $0.isInfinite || $0 < 0 }) {
                throw CampaignROIError("Customer row \(bad + 1) has value \(values[bad]); customer values must be finite and at least 0.",
                                       exitCode: ExitCode.dataError)
            }
        }
        self.risks = risks
        self.values = values
    }

    /// Number of customers.
    public var count: Int { risks.count }

    /// The value of customer `i`, or `fallback` when it is unknown.
    @inline(__always)
    public func value(_ i: Int, fallback: Double) -> Double {
        guard let values else { return fallback }
        let v = values[i]
        return v.isNaN ? fallback : v
    }
}
