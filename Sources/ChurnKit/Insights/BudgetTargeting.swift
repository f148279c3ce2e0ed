import Foundation

/// The customers to contact under a budget, with how the choice was made and how good it is.
public struct BudgetPlan: Codable, Sendable, Equatable {
    /// How the list was chosen.
    public enum Method: String, Codable, Sendable {
        /// Every customer costs the same: the best expected nets first, which is optimal.
        case uniformCostGreedy = "uniform-cost greedy (optimal)"
        /// Per-customer costs in whole cents on a small budget: exact 0/1 knapsack by dynamic programming.
        case dynamicProgramming = "dynamic programming (optimal)"
        /// Per-customer costs: greedy by net per unit of cost, or the single best customer if that is better.
        /// Guaranteed at least half the optimum; `upperBound` says how far it can be from it.
        case ratioGreedy = "greedy by net per cost (within bound)"
    }

    /// Rows to contact, best expected net first.
    public var rows: [Int]
    /// The campaign outcome for those rows.
    public var outcome: CampaignOutcome
    /// The budget given.
    public var budget: Double
    /// Budget left after the expected cost of the plan.
    public var unspent: Double
    /// How the list was chosen.
    public var method: Method
    /// An upper bound on the expected net of any plan within the budget (the fractional-knapsack bound).
    /// Equal to `outcome.net` for the optimal methods.
    public var upperBound: Double
}

/// Budget-constrained targeting: whom to contact to maximise the expected net value kept
/// (Σ risk · success · value − cost) when the expected total cost must stay within a budget.
///
/// Only customers with a positive expected net are ever chosen (contacting the others loses money on
/// average even when the budget allows it). A customer's cost is its contact cost (the uniform cost
/// per contact, or `contactCosts[i]`) plus its offer cost; with offers charged per accepted offer that
/// part is an expectation, so the budget then bounds the expected spend.
/// - With one cost for everyone the problem is "pick the k best", k = ⌊budget / cost⌋: greedy by net is optimal.
/// - With per-customer costs it is a 0/1 knapsack. When every cost and the budget are whole cents and
///   candidates × budget-in-cents ≤ `dynamicProgrammingCellLimit`, it is solved exactly by dynamic
///   programming. Otherwise: greedy by net/cost, then the better of that and the best single affordable
///   customer (at least half the optimum), with the fractional (LP) bound reported as `upperBound`.
public enum BudgetTargeting {
    /// Largest dynamic-programming table (candidates × budget in cents) solved exactly.
    public static let dynamicProgrammingCellLimit = 20_000_000

    /// The plan for `population` under `budget`.
    public static func plan(budget: Double, population: CampaignPopulation, assumptions: CampaignAssumptions,
                            contactCosts: [Double]? = nil) throws -> BudgetPlan {
        try assumptions.validate()
        guard budget.isFinite, budget >= 0 else {
            throw CampaignROIError("The budget must be a number of at least 0 (got \(budget)).")
        }
        if let contactCosts {
            guard contactCosts.count == population.count else {
                throw CampaignROIError("There are \(population.count) customers but \(contactCosts.count) contact costs; "
                    + "give one cost per customer.", exitCode: ExitCode.dataError)
            }
            if let bad = contactCosts.firstIndex(where: { !($0.isFinite && $0 >= 0) }) {
                throw CampaignROIError("Customer row \(bad + 1) has contact cost \(contactCosts[bad]); costs must be finite and at least 0.",
                                       exitCode: ExitCode.dataError)
            }
        }
        // Candidates: positive expected net and affordable on their own.
        var cost: [Double] = [], net: [Double] = [], row: [Int] = []
        for i in 0..<population.count {
            let p = population.risks[i]
            let v = population.value(i, fallback: assumptions.defaultCustomerValue)
            let c = (contactCosts?[i] ?? assumptions.costPerContact) + assumptions.expectedOfferCost(risk: p)
            let n = p * assumptions.successRate * v - c
            if n > 0 && c <= budget * (1 + 1e-12) {
                cost.append(c); net.append(n); row.append(i)
            }
        }
        let chosen: [Int]
        let method: BudgetPlan.Method
        var bound: Double? = nil
        if let first = cost.first, cost.allSatisfy({ abs($0 - first) <= 1e-9 * max(1, first) }) {
            method = .uniformCostGreedy
            let affordable = first > 0 ? (budget / first) * (1 + 1e-12) : .infinity
            let k = affordable >= Double(cost.count) ? cost.count : Int(affordable)
            chosen = Array(CampaignTarget.top(k, of: cost.count) { net[$0] }).sorted { net[$0] > net[$1] }
        } else if let cents = wholeCents(cost, budget),
                  case let cells = cost.count.multipliedReportingOverflow(by: cents.budget + 1),
                  !cells.overflow, cells.partialValue <= dynamicProgrammingCellLimit {
            method = .dynamicProgramming
            chosen = knapsack(costs: cents.costs, budget: cents.budget, values: net)
        } else {
            method = .ratioGreedy
            let result = ratioGreedy(costs: cost, values: net, budget: budget)
            chosen = result.chosen
            bound = result.bound
        }
        let rows = chosen.sorted { net[$0] != net[$1] ? net[$0] > net[$1] : row[$0] < row[$1] }.map { row[$0] }
        let outcome = CampaignROI.outcome(rows: rows, in: population, assumptions: assumptions, contactCosts: contactCosts)
        return BudgetPlan(rows: rows, outcome: outcome, budget: budget, unspent: budget - outcome.totalCost,
                          method: method, upperBound: max(bound ?? outcome.net, outcome.net))
    }

    /// Costs and budget in integer cents, or nil when any of them is not a whole number of cents.
    static func wholeCents(_ costs: [Double], _ budget: Double) -> (costs: [Int], budget: Int)? {
        func cents(_ x: Double) -> Int? {
            let c = (x * 100).rounded()
            guard abs(c - x * 100) <= 1e-6 * max(1, abs(x * 100)), c < 1e12 else { return nil }
            return Int(c)
        }
        guard let b = cents(budget) else { return nil }
        var out: [Int] = []
        out.reserveCapacity(costs.count)
        for c in costs {
            guard let v = cents(c) else { return nil }
            out.append(v)
        }
        return (out, b)
    }

    /// Exact 0/1 knapsack over integer costs; returns the chosen item indices.
    static func knapsack(costs: [Int], budget: Int, values: [Double]) -> [Int] {
        let n = costs.count, width = budget + 1
        var best = [Double](repeating: 0, count: width)
        var take = [Bool](repeating: false, count: n * width)
        for i in 0..<n {
            let c = costs[i], v = values[i]
            if c > budget { continue }
            var b = budget
            while b >= c {
                let candidate = best[b - c] + v
                if candidate > best[b] {
                    best[b] = candidate
                    take[i * width + b] = true
                }
                b -= 1
            }
        }
        var chosen: [Int] = []
        var b = budget
        for i in stride(from: n - 1, through: 0, by: -1) where take[i * width + b] {
            chosen.append(i)
            b -= costs[i]
        }
        return chosen
    }

    /// Greedy by value per cost (free items first), compared with the single best affordable item;
    /// also returns the fractional-knapsack upper bound on the optimum.
    static func ratioGreedy(costs: [Double], values: [Double], budget: Double) -> (chosen: [Int], bound: Double) {
        let order = costs.indices.sorted { a, b in
            let ra = costs[a] > 0 ? values[a] / costs[a] : .infinity
            let rb = costs[b] > 0 ? values[b] / costs[b] : .infinity
            return ra != rb ? ra > rb : a < b
        }
        var left = budget, total = 0.0
        var chosen: [Int] = []
        var bound = 0.0, boundLeft = budget, boundOpen = true
        for i in order {
            if boundOpen {
                if costs[i] <= boundLeft {
                    bound += values[i]; boundLeft -= costs[i]
                } else {
                    bound += values[i] * boundLeft / costs[i]
                    boundOpen = false
                }
            }
            if costs[i] <= left + 1e-9 {
                chosen.append(i); left -= costs[i]; total += values[i]
            }
        }
        if let single = values.indices.max(by: { values[$0] < values[$1] }), values[single] > total {
            return ([single], bound)
        }
        return (chosen, bound)
    }
}
