import Foundation

/// One customer's dominant driver.
public struct CustomerDriver: Codable, Sendable, Equatable {
    /// The driver whose features add the most to the customer's risk (`.none` when no driver adds anything).
    public var driver: RiskDriver
    /// The sum of that driver's contributions (margin space; 0 for `.none`).
    public var strength: Double
    /// The feature (index into the feature names) with the largest positive contribution, if any.
    public var topFeature: Int?
}

/// Customers grouped by dominant driver.
public struct DriverSegment: Codable, Sendable, Equatable {
    public var driver: RiskDriver
    /// Rows of the customers in it.
    public var rows: [Int]
    /// Mean churn probability.
    public var meanRisk: Double
    /// Σ risk × value (unknown values count as 0).
    public var valueAtRisk: Double
    /// The driver's features, ordered by their mean positive contribution in this segment (largest first).
    public var leadingFeatures: [String]
    /// The recommended action from the template set.
    public var recommendedAction: String

    public var count: Int { rows.count }
}

/// Driver segments: customers grouped by their dominant risk driver, from per-customer contributions.
///
/// Input: feature names and a contributions matrix `[row][feature]` in the model's margin space (from
/// TreeSHAP or the linear contributions; positive raises risk). For each customer the contributions are
/// summed per driver (`RiskDriverRules`); the dominant driver is the one with the largest positive sum
/// (ties: the order of `RiskDriver.allCases`), or `.none` when no sum is positive.
public enum RiskDriverSegments {
    /// Each customer's dominant driver.
    public static func dominantDrivers(featureNames: [String], contributions: [[Double]],
                                       rules: RiskDriverRules = .standard) throws -> [CustomerDriver] {
        let drivers = rules.drivers(of: featureNames)
        let driverIndex = drivers.map { d in RiskDriver.allCases.firstIndex(of: d) ?? 0 }
        var sums = [Double](repeating: 0, count: RiskDriver.allCases.count)
        var out: [CustomerDriver] = []
        out.reserveCapacity(contributions.count)
        for (r, row) in contributions.enumerated() {
            guard row.count == featureNames.count else {
                throw RiskDriverError("Contribution row \(r + 1) has \(row.count) values but there are \(featureNames.count) features.")
            }
            for i in sums.indices { sums[i] = 0 }
            var top: Int?
            for (f, c) in row.enumerated() where c.isFinite {
                sums[driverIndex[f]] += c
                if c > 0, top == nil || c > row[top ?? 0] { top = f }
            }
            var best = -1
            for i in sums.indices where sums[i] > 0 && (best < 0 || sums[i] > sums[best]) { best = i }
            out.append(best < 0 ? CustomerDriver(driver: .none, strength: 0, topFeature: top)
                                : CustomerDriver(driver: RiskDriver.allCases[best], strength: sums[best], topFeature: top))
        }
        return out
    }

    /// The driver segments, largest value at risk first, for customers with risk >= `minimumRisk`.
    public static func segments(featureNames: [String], contributions: [[Double]], risks: [Double], values: [Double]? = nil,
                                minimumRisk: Double = 0, rules: RiskDriverRules = .standard,
                                templates: RecommendationTemplates = .standard) throws -> [DriverSegment] {
        guard contributions.count == risks.count else {
            throw RiskDriverError("There are \(risks.count) customers but \(contributions.count) rows of contributions.")
        }
        if let values, values.count != risks.count {
            throw RiskDriverError("There are \(risks.count) customers but \(values.count) customer values.")
        }
        let dominant = try dominantDrivers(featureNames: featureNames, contributions: contributions, rules: rules)
        let featureDrivers = rules.drivers(of: featureNames)
        var groups: [RiskDriver: [Int]] = [:]
        for r in risks.indices where risks[r] >= minimumRisk { groups[dominant[r].driver, default: []].append(r) }
        var segments: [DriverSegment] = []
        for driver in RiskDriver.allCases {
            guard let rows = groups[driver], !rows.isEmpty else { continue }
            var riskSum = 0.0, valueSum = 0.0
            for r in rows {
                riskSum += risks[r]
                if let v = values?[r], !v.isNaN { valueSum += risks[r] * v }
            }
            let own = featureDrivers.indices.filter { featureDrivers[$0] == driver }
            let meanPush = own.map { f in rows.reduce(0.0) { $0 + max(0, contributions[$1][f]) } / Double(rows.count) }
            let leading = own.indices.filter { meanPush[$0] > 0 }
                .sorted { meanPush[$0] != meanPush[$1] ? meanPush[$0] > meanPush[$1] : $0 < $1 }.prefix(3).map { featureNames[own[$0]] }
            segments.append(DriverSegment(driver: driver, rows: rows, meanRisk: riskSum / Double(rows.count),
                                          valueAtRisk: valueSum, leadingFeatures: leading,
                                          recommendedAction: templates.template(for: driver).action))
        }
        segments.sort { $0.valueAtRisk != $1.valueAtRisk ? $0.valueAtRisk > $1.valueAtRisk : $0.count > $1.count }
        return segments
    }

    /// A plain-text table of segments (driver, customers, mean risk, value at risk, action).
    public static func table(_ segments: [DriverSegment]) -> String {
        var rows: [[String]] = [["driver", "customers", "mean risk", "value at risk", "recommended action"]]
        for s in segments {
            rows.append([s.driver.title, String(s.count), TextTable.percent(s.meanRisk), TextTable.money(s.valueAtRisk),
                         s.recommendedAction])
        }
        return TextTable.render(rows, rightAligned: [1, 2, 3])
    }
}
