/// Which customers a campaign contacts.
public enum CampaignTarget: Codable, Sendable, Equatable {
    /// The `count` customers with the highest churn probability (ties: lower row first).
    case topByRisk(Int)
    /// The `count` customers with the highest expected value lost, risk × value (ties: lower row first).
    case topByExpectedLoss(Int)
    /// Every customer whose probability p satisfies `above < p <= atMost` (a tier: "high" is above 0.7
    /// at most 1; consecutive bands with shared bounds partition the customers).
    case riskBand(above: Double, atMost: Double)
    /// An explicit list of customer rows (0-based), e.g. a saved segment; duplicates count once.
    case customers([Int])

    /// A short description for tables ("top 100 by risk").
    public var label: String {
        switch self {
        case .topByRisk(let n): return "top \(n) by risk"
        case .topByExpectedLoss(let n): return "top \(n) by value lost"
        case .riskBand(let lo, let hi): return "risk in (\(CampaignTarget.short(lo)), \(CampaignTarget.short(hi))]"
        case .customers(let rows): return "\(Set(rows).count) chosen customers"
        }
    }

    /// The rows this target selects from `population`, in the order they would be contacted
    /// (highest risk or loss first for the top-N targets, row order otherwise).
    public func rows(in population: CampaignPopulation, defaultValue: Double) throws -> [Int] {
        let n = population.count
        switch self {
        case .topByRisk(let count):
            try Self.checkCount(count)
            return Self.top(count, of: n) { population.risks[$0] }
        case .topByExpectedLoss(let count):
            try Self.checkCount(count)
            return Self.top(count, of: n) { population.risks[$0] * population.value($0, fallback: defaultValue) }
        case .riskBand(let lo, let hi):
            guard !lo.isNaN, !hi.isNaN, lo < hi else {
                throw CampaignROIError("A risk band needs a lower bound below its upper bound (got \(lo) to \(hi)).")
            }
            return (0..<n).filter { population.risks[$0] > lo && population.risks[$0] <= hi }
        case .customers(let rows):
            if let bad = rows.first(where: { $0 < 0 || $0 >= n }) {
                throw CampaignROIError("The target list names customer row \(bad), but rows run from 0 to \(n - 1).",
                                       exitCode: ExitCode.dataError)
            }
            var seen = [Bool](repeating: false, count: n)
            var unique: [Int] = []
            unique.reserveCapacity(rows.count)
            for r in rows where !seen[r] { seen[r] = true; unique.append(r) }
            return unique
        }
    }

    private static func checkCount(_ count: Int) throws {
        guard count >= 0 else { throw CampaignROIError("The number of customers to contact must be 0 or more (got \(count)).") }
    }

    /// The `count` rows with the largest key, largest first; ties keep row order.
    static func top(_ count: Int, of n: Int, key: (Int) -> Double) -> [Int] {
        let keys = (0..<n).map(key)
        let order = (0..<n).sorted { a, b in keys[a] != keys[b] ? keys[a] > keys[b] : a < b }
        return Array(order.prefix(min(count, n)))
    }

    private static func short(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e9 ? String(Int(x)) : String(x)
    }
}
