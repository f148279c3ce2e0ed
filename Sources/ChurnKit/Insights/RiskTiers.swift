/// A risk tier, from most to least at risk.
public enum RiskTier: String, Codable, Sendable, CaseIterable, Comparable {
    case high, medium, low, safe

    /// Position from most (0) to least (3) at risk.
    public var rank: Int {
        switch self {
        case .high: return 0
        case .medium: return 1
        case .low: return 2
        case .safe: return 3
        }
    }

    public static func < (a: RiskTier, b: RiskTier) -> Bool { a.rank < b.rank }
}

/// The churn probability boundaries between risk tiers.
///
/// With the defaults (high 0.7, medium 0.4, low 0.2):
/// - high: probability > 0.7 (strictly above `high`);
/// - medium: 0.4 <= probability <= 0.7;
/// - low: 0.2 <= probability < 0.4;
/// - safe: probability < 0.2.
///
/// That is, each tier's lower boundary belongs to it, except `high`, which starts strictly above its
/// boundary. A missing (NaN) probability has no tier. Boundaries must satisfy
/// 0 <= low < medium < high <= 1; decoding checks this too.
public struct RiskTiers: Codable, Equatable, Sendable {
    /// Customers strictly above this probability are high risk.
    public let high: Double
    /// Customers from this probability up to `high` are medium risk.
    public let medium: Double
    /// Customers from this probability up to (not including) `medium` are low risk; below is safe.
    public let low: Double

    /// The default boundaries: high > 0.7, medium 0.4-0.7, low 0.2-0.4, safe < 0.2.
    public init() {
        high = 0.7
        medium = 0.4
        low = 0.2
    }

    /// Custom boundaries.
    /// - Throws: `RiskTiersError` unless 0 <= low < medium < high <= 1 (all finite).
    public init(high: Double, medium: Double, low: Double) throws {
        for (name, value) in [("high", high), ("medium", medium), ("low", low)] {
            guard value.isFinite, value >= 0, value <= 1 else { throw RiskTiersError.outOfRange(tier: name, value: value) }
        }
        guard low < medium, medium < high else { throw RiskTiersError.notOrdered(high: high, medium: medium, low: low) }
        self.high = high
        self.medium = medium
        self.low = low
    }

    private enum CodingKeys: String, CodingKey { case high, medium, low }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(high: try container.decode(Double.self, forKey: .high),
                      medium: try container.decode(Double.self, forKey: .medium),
                      low: try container.decode(Double.self, forKey: .low))
    }

    /// The tier of one probability; nil when it is missing (NaN).
    @inline(__always)
    public func tier(for probability: Double) -> RiskTier? {
        if probability > high { return .high }
        if probability >= medium { return .medium }
        if probability >= low { return .low }
        if probability < low { return .safe }
        return nil
    }

    /// The tier of each probability (nil where missing).
    public func assign(_ probabilities: [Double]) -> [RiskTier?] {
        probabilities.map { tier(for: $0) }
    }

    /// The tiers as a text field (levels "high", "medium", "low", "safe"; missing where the probability is).
    public func field(for probabilities: [Double], name: String = CustomerTable.tierField) -> CustomerField {
        let codes = probabilities.map { p -> Int32 in tier(for: p).map { Int32($0.rank) } ?? -1 }
        return .text(name, codes: codes, levels: RiskTier.allCases.map(\.rawValue))
    }

    /// One summary per tier, from high to safe (tiers with no customer included, with zeros).
    ///
    /// Revenue at risk is the expected value lost: the sum over the tier's customers of value x
    /// churn probability. A customer with a missing value adds nothing to it (and is counted in
    /// `customersWithoutValue`); a customer with a missing probability is in no tier.
    ///
    /// - Parameters:
    ///   - probabilities: one churn probability per customer.
    ///   - values: one value per customer (e.g. expected future revenue), or nil to leave value out.
    ///   - rows: the customers to include (all when nil).
    public func summarize(probabilities: [Double], values: [Double]? = nil, rows: RowSelection? = nil) -> [RiskTierSummary] {
        var count = [Int](repeating: 0, count: 4)
        var riskSum = [Double](repeating: 0, count: 4)
        var valueSum = [Double](repeating: 0, count: 4)
        var atRisk = [Double](repeating: 0, count: 4)
        var noValue = [Int](repeating: 0, count: 4)
        func add(_ i: Int) {
            guard let t = tier(for: probabilities[i])?.rank else { return }
            let p = probabilities[i]
            count[t] += 1
            riskSum[t] += p
            if let values {
                let v = i < values.count ? values[i] : .nan
                if v.isNaN {
                    noValue[t] += 1
                } else {
                    valueSum[t] += v
                    atRisk[t] += v * p
                }
            }
        }
        if let rows {
            for i in rows.indices where i < probabilities.count { add(i) }
        } else {
            for i in probabilities.indices { add(i) }
        }
        return RiskTier.allCases.map { tier in
            let t = tier.rank
            return RiskTierSummary(tier: tier, range: range(of: tier), customers: count[t],
                                   meanRisk: count[t] > 0 ? riskSum[t] / Double(count[t]) : .nan,
                                   totalValue: values == nil ? nil : valueSum[t],
                                   revenueAtRisk: values == nil ? nil : atRisk[t],
                                   customersWithoutValue: values == nil ? 0 : noValue[t])
        }
    }

    /// The tier's probability range as text, e.g. "0.4-0.7" or "> 0.7".
    public func range(of tier: RiskTier) -> String {
        func f(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String(x) }
        switch tier {
        case .high: return "> \(f(high))"
        case .medium: return "\(f(medium))-\(f(high))"
        case .low: return "\(f(low))-\(f(medium))"
        case .safe: return "< \(f(low))"
        }
    }
}

/// The customers of one risk tier.
public struct RiskTierSummary: Codable, Equatable, Sendable {
    public var tier: RiskTier
    /// The probability range, e.g. "0.4-0.7".
    public var range: String
    public var customers: Int
    /// Mean churn probability (NaN when the tier is empty).
    public var meanRisk: Double
    /// Sum of the customers' values (nil when no values were given).
    public var totalValue: Double?
    /// Expected value lost: sum of value x probability (nil when no values were given).
    public var revenueAtRisk: Double?
    /// Customers of the tier whose value is missing (they add nothing to the sums).
    public var customersWithoutValue: Int
}

/// Why risk tier boundaries were refused.
public enum RiskTiersError: UserFacingError, Equatable {
    case outOfRange(tier: String, value: Double)
    case notOrdered(high: Double, medium: Double, low: Double)

    public var message: String {
        switch self {
        case .outOfRange(let tier, let value):
            return "the \(tier) tier boundary \(value) is not a probability; give a number from 0 to 1."
        case .notOrdered(let high, let medium, let low):
            return "risk tier boundaries must rise from low to high (low < medium < high), "
                + "but they are low \(low), medium \(medium), high \(high)."
        }
    }

    public var exitCode: Int32 { ExitCode.usage }
}
