/// The churn rate one horizon H would give with the default cutoff C = last date - H.
public struct HorizonCandidate: Sendable, Codable, Equatable {
    /// The horizon in days.
    public var horizonDays: Int
    /// The cutoff date it implies (ISO `YYYY-MM-DD`).
    public var cutoff: String
    /// Customers with a purchase on or before the cutoff (the rows of the training table).
    public var customers: Int
    /// Share of those customers with no purchase after the cutoff (0...1).
    public var churnRate: Double

    public init(horizonDays: Int, cutoff: String, customers: Int, churnRate: Double) {
        self.horizonDays = horizonDays; self.cutoff = cutoff; self.customers = customers; self.churnRate = churnRate
    }
}

/// A suggested horizon, the rule that chose it, and what each candidate horizon would give.
public struct HorizonAdvice: Sendable, Codable, Equatable {
    /// The suggested horizon in days.
    public var suggestedDays: Int
    /// The rule, with the figures that led to the suggestion, in one or two sentences.
    public var rule: String
    /// Each feasible candidate (its cutoff is on or after the first date), shortest first.
    public var candidates: [HorizonCandidate]

    public init(suggestedDays: Int, rule: String, candidates: [HorizonCandidate]) {
        self.suggestedDays = suggestedDays; self.rule = rule; self.candidates = candidates
    }
}

/// Suggests the churn horizon H from how often customers buy.
///
/// Rule: for every customer with purchases on at least two different days, take the mean gap between
/// purchase days, (last - first) / (purchase days - 1); find the 90th percentile of these over customers
/// (90% of repeat customers typically come back within that many days), and round it up to the nearest
/// candidate (30/60/90/120/180 by default; the largest candidate if the percentile is beyond all of
/// them). Then clamp it so that the default cutoff C = last date - H leaves at least a third of the data
/// span as history: H <= 2/3 of (last - first), using the largest candidate that fits (or that bound
/// itself when none fits). With no repeat customer the percentile is unknown and 90 days is the starting
/// point. Each customer counts once: pooling every gap instead would let frequent buyers dominate and
/// pick a horizon that labels slower, perfectly loyal customers "churned" while they are merely between
/// purchases.
public enum HorizonAdvisor {
    /// The share of gaps the horizon should cover.
    public static let percentile = 0.9
    /// The starting point when no customer has two purchase days.
    public static let fallbackDays = 90

    public static func advise(_ log: TransactionLog, candidates: [Int] = [30, 60, 90, 120, 180]) -> HorizonAdvice {
        let options = Array(Set(candidates.filter { $0 > 0 })).sorted()
        let slices = CustomerSlices(log)
        let first = Int64(log.firstDay), last = Int64(log.lastDay)
        let span = max(0, last - first)

        // Histogram of each repeat customer's mean gap, rounded up to whole days, then the percentile: O(n + span).
        var histogram = [Int](repeating: 0, count: Int(span) + 1)
        var repeatCustomers = 0
        var firsts: [Int32] = [], lasts: [Int32] = []
        firsts.reserveCapacity(log.customerCount); lasts.reserveCapacity(log.customerCount)
        slices.day.withUnsafeBufferPointer { day in
            for k in 0..<log.customerCount {
                let s = slices.offsets[k], e = slices.offsets[k + 1]
                guard s < e else { continue }
                firsts.append(day[s]); lasts.append(day[e - 1])
                var purchaseDays = 1
                for i in (s + 1)..<max(s + 1, e) where day[i] != day[i - 1] { purchaseDays += 1 }
                guard purchaseDays >= 2 else { continue }
                let meanGap = Double(day[e - 1] - day[s]) / Double(purchaseDays - 1)
                histogram[min(histogram.count - 1, Int(meanGap.rounded(.up)))] += 1
                repeatCustomers += 1
            }
        }
        var p90: Int?
        if repeatCustomers > 0 {
            let needed = Int((percentile * Double(repeatCustomers)).rounded(.up))
            var running = 0
            for (gap, count) in histogram.enumerated() {
                running += count
                if running >= needed { p90 = gap; break }
            }
        }

        var explanation: String
        var suggested: Int
        if let p = p90 {
            suggested = options.first { $0 >= p } ?? options.last ?? p
            explanation = "90% of the \(repeatCustomers) customers who bought on two or more days have a mean gap of \(p) days or less; "
                + (options.contains(suggested) && suggested >= p ? "rounded up to the nearest candidate, \(suggested) days"
                                                               : "longer than every candidate, so the largest, \(suggested) days")
        } else {
            suggested = fallbackDays
            explanation = "No customer has purchases on two different days, so gaps cannot guide the choice; starting from \(fallbackDays) days"
        }
        let limit = max(1, Int(span * 2 / 3))
        if suggested > limit {
            let fitted = options.last { $0 <= limit } ?? limit
            explanation += "; clamped to \(fitted) days so that the cutoff (last date - H) keeps at least a third of the "
                + "\(span)-day span as history"
            suggested = fitted
        }
        let rule = "Horizon rule: the 90th percentile over customers of their mean gap between purchase days, rounded up to the nearest candidate "
            + "(\(options.map(String.init).joined(separator: "/")) days), at most 2/3 of the data span. " + explanation + "."

        var reports: [HorizonCandidate] = []
        for h in options {
            let cutoff = last - Int64(h)
            guard cutoff >= first else { continue }
            let c = Int32(clamping: cutoff)
            var customers = 0, churned = 0
            for (f, l) in zip(firsts, lasts) where f <= c {
                customers += 1
                if l <= c { churned += 1 }
            }
            guard customers > 0 else { continue }
            reports.append(HorizonCandidate(horizonDays: h, cutoff: CivilDate.isoDate(days: cutoff), customers: customers,
                                            churnRate: Double(churned) / Double(customers)))
        }
        return HorizonAdvice(suggestedDays: suggested, rule: rule, candidates: reports)
    }
}
