import ChurnKit
import XCTest
@testable import ChurnTUI

/// The Overview's recommendation: contacting everyone flagged at the threshold, priced as CampaignROI
/// prices the same rows, at any threshold and for both ways of charging the offer.
final class OverviewRecommendationTests: XCTestCase {
    func testCampaignAtAThresholdEqualsCampaignROIOverTheFlaggedRows() throws {
        for withValues in [true, false] {
            let data = ScoreFixtures.data(1000, values: withValues)
            let c = data.customers
            // Some unknown values: they take the campaign's default value.
            var values = c.values
            if withValues { for i in stride(from: 0, to: 1000, by: 9) { values?[i] = .nan } }
            let customers = ScoredCustomers(ids: c.ids, probabilities: c.probabilities, tiers: c.tiers, values: values)
            let summary = RiskSummary(customers, riskOrder: SortPermutation.ascending(.risk, of: customers))
            let population = try CampaignPopulation(risks: c.probabilities, values: values)
            for charging in CampaignAssumptions.OfferCharging.allCases {
                let a = CampaignAssumptions(costPerContact: 8, offerCost: 25, offerCharging: charging, successRate: 0.3, defaultCustomerValue: 400)
                for t in [0.0, 0.2, 0.5, 0.73, 0.99, 1.01] {
                    let rows = c.probabilities.indices.filter { c.probabilities[$0] >= t }
                    let direct = CampaignROI.outcome(rows: rows, in: population, assumptions: a)
                    let fast = summary.campaign(atThreshold: t, assumptions: a)
                    XCTAssertEqual(fast.contacted, direct.contacted)
                    XCTAssertEqual(fast.totalCost, direct.totalCost, accuracy: 1e-6)
                    XCTAssertEqual(fast.expectedSaves, direct.expectedSaves, accuracy: 1e-9)
                    XCTAssertEqual(fast.revenueProtected, direct.revenueProtected, accuracy: 1e-6)
                    XCTAssertEqual(fast.net, direct.net, accuracy: 1e-6)
                    XCTAssertEqual(fast.roiPercent ?? -1, direct.roiPercent ?? -1, accuracy: 1e-9)
                }
            }
        }
    }

    func testTheOverviewShowsTheRecommendationAndFollowsTheThreshold() {
        var state = ScoreFixtures.state(TerminalSize(width: 100, height: 30))
        var text = render(state, size: state.size).textLines().joined(separator: "\n")
        XCTAssertTrue(text.contains("Contact the 293 at risk >= 0.50"), text)
        state = reduce(state, .setThreshold(0.7))
        text = render(state, size: state.size).textLines().joined(separator: "\n")
        let flagged = ScoreFixtures.data(1000).customers.probabilities.filter { $0 >= 0.7 }.count
        XCTAssertTrue(text.contains("Contact the \(flagged) at risk >= 0.70"), text)
    }
}
