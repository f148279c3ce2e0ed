import ChurnKit

/// Figures of a scoring computed once when it loads, so that the Overview answers any threshold in
/// O(log n): counts per tier, mean risk, a 100-bin histogram, and the value held by the riskiest k.
public struct RiskSummary: Sendable {
    /// Bins of the risk histogram (width 0.01).
    public static let fineBins = 100

    public let count: Int
    /// Customers per tier, indexed by `StoredTier.rawValue`.
    public let tierCounts: [Int]
    public let meanRisk: Double
    /// Customers per risk bin [i/100, (i+1)/100), the last bin including 1.
    public let histogram: [Int]
    /// Probabilities in ascending order.
    let sortedRisk: [Double]
    /// `valueFromRank[k]`: the sum of known values of the customers at ascending rank >= k (n+1 entries).
    let valueFromRank: [Double]?
    /// Sums from each rank to the top: risk, risk x value over customers with a value, and risk over
    /// customers without one (valued at the campaign's default), so a campaign on everyone at or above
    /// a threshold costs O(log n).
    let riskFromRank: [Double]
    let riskValueFromRank: [Double]
    let riskUnvaluedFromRank: [Double]

    /// - Parameter riskOrder: the customers in ascending order of probability.
    public init(_ customers: ScoredCustomers, riskOrder: [Int32]) {
        count = customers.count
        var tiers = [Int](repeating: 0, count: StoredTier.allCases.count)
        for t in customers.tiers { tiers[Int(t.rawValue)] += 1 }
        tierCounts = tiers
        var bins = [Int](repeating: 0, count: Self.fineBins)
        var sum = 0.0
        for p in customers.probabilities {
            sum += p
            bins[Self.bin(p)] += 1
        }
        histogram = bins
        meanRisk = count > 0 ? sum / Double(count) : .nan
        let p = customers.probabilities
        sortedRisk = riskOrder.map { p[Int($0)] }
        var risk = [Double](repeating: 0, count: count + 1)
        var riskValue = [Double](repeating: 0, count: count + 1)
        var riskUnvalued = [Double](repeating: 0, count: count + 1)
        var rank = count - 1
        while rank >= 0 {
            let i = Int(riskOrder[rank])
            let r = p[i].isFinite ? p[i] : 0
            let v = customers.values?[i] ?? .nan
            risk[rank] = risk[rank + 1] + r
            riskValue[rank] = riskValue[rank + 1] + (v.isNaN ? 0 : r * v)
            riskUnvalued[rank] = riskUnvalued[rank + 1] + (v.isNaN ? r : 0)
            rank -= 1
        }
        riskFromRank = risk
        riskValueFromRank = riskValue
        riskUnvaluedFromRank = riskUnvalued
        if let values = customers.values {
            var suffix = [Double](repeating: 0, count: count + 1)
            var k = count - 1
            while k >= 0 {
                let v = values[Int(riskOrder[k])]
                suffix[k] = suffix[k + 1] + (v.isNaN ? 0 : v)
                k -= 1
            }
            valueFromRank = suffix
        } else {
            valueFromRank = nil
        }
    }

    /// The histogram bin of a probability.
    @inline(__always)
    public static func bin(_ p: Double) -> Int {
        guard p.isFinite else { return 0 }
        return min(fineBins - 1, max(0, Int(p * Double(fineBins))))
    }

    /// Customers predicted to churn at a threshold: probability >= `threshold`.
    public func churners(atThreshold threshold: Double) -> Int {
        count - firstRank(atLeast: threshold)
    }

    /// The summed value of the customers predicted to churn, or nil without a value column.
    public func valueAtRisk(atThreshold threshold: Double) -> Double? {
        valueFromRank.map { $0[firstRank(atLeast: threshold)] }
    }

    /// The summed value of every customer, or nil without a value column.
    public var totalValue: Double? { valueFromRank?.first }

    /// The campaign that contacts every customer with risk >= `threshold` (as `CampaignROI.outcome`
    /// computes it over those rows, in O(log n)).
    public func campaign(atThreshold threshold: Double, assumptions a: CampaignAssumptions) -> CampaignOutcome {
        let first = firstRank(atLeast: threshold)
        let contacted = count - first
        let churners = riskFromRank[first]
        let atRisk = riskValueFromRank[first] + a.defaultCustomerValue * riskUnvaluedFromRank[first]
        let contact = Double(contacted) * a.costPerContact
        let offer: Double
        switch a.offerCharging {
        case .perContact: offer = Double(contacted) * a.offerCost
        case .perAcceptedOffer: offer = a.offerCost * churners * a.successRate
        }
        let saves = churners * a.successRate
        let protected = atRisk * a.successRate
        let total = contact + offer
        let net = protected - total
        return CampaignOutcome(contacted: contacted, expectedChurners: churners, valueAtRisk: atRisk, contactCost: contact,
                               offerCost: offer, totalCost: total, expectedSaves: saves, revenueProtected: protected, net: net,
                               roiPercent: total > 0 ? net / total * 100 : nil)
    }

    /// The first ascending rank whose probability is >= `threshold` (binary search).
    func firstRank(atLeast threshold: Double) -> Int {
        var lo = 0, hi = sortedRisk.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sortedRisk[mid] < threshold { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
