import XCTest
@testable import ChurnKit

/// Budget-constrained targeting: hand examples for each method and properties against brute force.
final class ROIBudgetTargetingTests: XCTestCase {
    /// Contact 10, no offer, success 0.5; protected = 0.5·p·v = 45, 50, 5, 32, 9; net = 35, 40, -5, 22, -1.
    func testUniformCostTakesTheBestNetsThatFit() throws {
        let population = try CampaignPopulation(risks: [0.9, 0.5, 0.2, 0.8, 0.6], values: [100, 200, 50, 80, 30])
        let a = CampaignAssumptions(costPerContact: 10, successRate: 0.5)
        let plan = try BudgetTargeting.plan(budget: 25, population: population, assumptions: a)
        XCTAssertEqual(plan.method, .uniformCostGreedy)
        XCTAssertEqual(plan.rows, [1, 0])
        XCTAssertEqual(plan.outcome.net, 75, accuracy: 1e-9)
        XCTAssertEqual(plan.unspent, 5, accuracy: 1e-9)
        XCTAssertEqual(plan.upperBound, 75, accuracy: 1e-9)
        // A large budget still skips customers whose expected net is not positive.
        let rich = try BudgetTargeting.plan(budget: 1000, population: population, assumptions: a)
        XCTAssertEqual(rich.rows, [1, 0, 3])
        XCTAssertEqual(rich.outcome.net, 97, accuracy: 1e-9)
        // Too small a budget contacts nobody.
        XCTAssertEqual(try BudgetTargeting.plan(budget: 9.99, population: population, assumptions: a).rows, [])
    }

    /// Budget 10; A costs 6 and nets 7, B and C cost 5 and net 5. Greedy by ratio takes A alone (7);
    /// the optimum is B + C (10), which the dynamic programme finds.
    func testPerCustomerCostsInCentsAreSolvedExactly() throws {
        let population = try CampaignPopulation(risks: [1, 1, 1], values: [13, 10, 10])
        let a = CampaignAssumptions(costPerContact: 0, successRate: 1)
        let plan = try BudgetTargeting.plan(budget: 10, population: population, assumptions: a, contactCosts: [6, 5, 5])
        XCTAssertEqual(plan.method, .dynamicProgramming)
        XCTAssertEqual(Set(plan.rows), [1, 2])
        XCTAssertEqual(plan.outcome.net, 10, accuracy: 1e-9)
        XCTAssertEqual(plan.outcome.totalCost, 10, accuracy: 1e-9)
        // The greedy alone would have stopped at 7: the example really needs the exact method.
        let greedy = BudgetTargeting.ratioGreedy(costs: [6, 5, 5], values: [7, 5, 5], budget: 10)
        XCTAssertEqual(greedy.chosen, [0])
        XCTAssertEqual(greedy.bound, 7 + 5 * 4 / 5, accuracy: 1e-12)
    }

    func testCostsThatAreNotCentsUseTheBoundedGreedy() throws {
        let population = try CampaignPopulation(risks: [1, 1, 1], values: [13, 10, 10])
        let a = CampaignAssumptions(costPerContact: 0, successRate: 1)
        let plan = try BudgetTargeting.plan(budget: 10.0005, population: population, assumptions: a,
                                            contactCosts: [6.0001, 5.0001, 5.0001])
        XCTAssertEqual(plan.method, .ratioGreedy)
        XCTAssertEqual(plan.rows, [0])
        XCTAssertGreaterThanOrEqual(plan.upperBound, 10 - 0.0002)   // the optimum, B + C, is within the bound
        XCTAssertGreaterThanOrEqual(plan.outcome.net, plan.upperBound / 2)
    }

    /// Random small instances: the exact methods match brute force; the greedy stays within its guarantees.
    func testAgainstBruteForceOnRandomInstances() throws {
        var random = SeededRandom(seed: 11)
        for trial in 0..<200 {
            let n = 1 + random.nextInt(below: 9)
            let costs = (0..<n).map { _ in Double(1 + random.nextInt(below: 2000)) / 100 }
            let values = (0..<n).map { _ in Double(random.nextInt(below: 5000)) / 100 }
            let budget = Double(random.nextInt(below: 4000)) / 100
            var best = 0.0
            for mask in 0..<(1 << n) {
                var c = 0.0, v = 0.0
                for i in 0..<n where mask & (1 << i) != 0 { c += costs[i]; v += values[i] - costs[i] }
                if c <= budget + 1e-9 { best = max(best, v) }
            }
            let population = try CampaignPopulation(risks: [Double](repeating: 1, count: n), values: values)
            let a = CampaignAssumptions(costPerContact: 0, successRate: 1)
            let plan = try BudgetTargeting.plan(budget: budget, population: population, assumptions: a, contactCosts: costs)
            XCTAssertEqual(plan.outcome.net, best, accuracy: 1e-6, "trial \(trial)")
            XCTAssertLessThanOrEqual(plan.outcome.totalCost, budget + 1e-9)

            let nets = zip(values, costs).map { $0 - $1 }
            let keep = nets.indices.filter { nets[$0] > 0 && costs[$0] <= budget }
            let greedy = BudgetTargeting.ratioGreedy(costs: keep.map { costs[$0] }, values: keep.map { nets[$0] }, budget: budget)
            let greedyNet = greedy.chosen.reduce(0.0) { $0 + nets[keep[$1]] }
            let greedyCost = greedy.chosen.reduce(0.0) { $0 + costs[keep[$1]] }
            XCTAssertLessThanOrEqual(greedyCost, budget + 1e-6)
            XCTAssertGreaterThanOrEqual(greedy.bound, best - 1e-6, "trial \(trial)")
            XCTAssertGreaterThanOrEqual(greedyNet, best / 2 - 1e-6, "trial \(trial)")
        }
    }

    func testOffersPerAcceptedOfferEnterTheCost() throws {
        // p = 0.5, s = 0.4, v = 100: protected 20; cost 5 + 10·0.2 = 7; net 13. Budget 14 fits two of three.
        let population = try CampaignPopulation(risks: [0.5, 0.5, 0.5], values: [100, 100, 100])
        let a = CampaignAssumptions(costPerContact: 5, offerCost: 10, offerCharging: .perAcceptedOffer, successRate: 0.4)
        let plan = try BudgetTargeting.plan(budget: 14, population: population, assumptions: a)
        XCTAssertEqual(plan.rows, [0, 1])
        XCTAssertEqual(plan.outcome.net, 26, accuracy: 1e-9)
        XCTAssertEqual(plan.unspent, 0, accuracy: 1e-9)
    }

    func testTinyCostsAndHugeBudgetsDoNotOverflow() throws {
        let population = try CampaignPopulation(risks: [0.5, 0.6], values: [100, 100])
        let free = CampaignAssumptions(costPerContact: 1e-300, successRate: 0.5)
        XCTAssertEqual(try BudgetTargeting.plan(budget: 1e300, population: population, assumptions: free).rows, [1, 0])
        let a = CampaignAssumptions(costPerContact: 0, successRate: 0.5)
        let plan = try BudgetTargeting.plan(budget: 1e11, population: population, assumptions: a, contactCosts: [1.5, 2.25])
        XCTAssertEqual(plan.method, .ratioGreedy)   // far too many cents for the exact table
        XCTAssertEqual(Set(plan.rows), [0, 1])
    }

    func testBadBudgetIsAnError() throws {
        let population = try CampaignPopulation(risks: [0.5])
        let a = CampaignAssumptions(costPerContact: 1, successRate: 0.5)
        XCTAssertThrowsError(try BudgetTargeting.plan(budget: -5, population: population, assumptions: a))
        XCTAssertThrowsError(try BudgetTargeting.plan(budget: 5, population: population, assumptions: a, contactCosts: [1, 2]))
    }
}
