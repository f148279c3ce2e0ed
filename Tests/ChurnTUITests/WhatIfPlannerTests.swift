import ChurnKit
import XCTest
@testable import ChurnTUI

/// The campaign planner: its arithmetic against hand-computed figures and against `CampaignROI`.
final class WhatIfPlannerTests: XCTestCase {
    /// Three customers: risks 0.9, 0.2, 0.6; values 100, unknown, 300.
    private func handBasis() throws -> CampaignBasis {
        try CampaignBasis(risks: [0.9, 0.2, 0.6], values: [100, .nan, 300], valueSource: "spend", unknownValue: 500)
    }

    func testOutcomeByHand() throws {
        let basis = try handBasis()
        var planner = CampaignPlanner(basis: basis)
        XCTAssertNil(planner.flatValue)
        XCTAssertEqual(planner.targeted, 3)  // min(100, customers)
        planner.targeted = 2
        planner.costPerContact = 5
        planner.offerCost = 10
        planner.successRate = 0.5
        // Top 2 by risk: rows 0 (0.9, value 100) and 2 (0.6, value 300).
        // saves 0.9*0.5 + 0.6*0.5 = 0.75; protected 0.45*100 + 0.3*300 = 135;
        // contacts 2*5 = 10; offers (per accepted) 10*0.45 + 10*0.3 = 7.5; cost 17.5; net 117.5; ROI 671.43%.
        let o = planner.outcome(basis)
        XCTAssertEqual(o.contacted, 2)
        XCTAssertEqual(o.expectedSaves, 0.75, accuracy: 1e-12)
        XCTAssertEqual(o.revenueProtected, 135, accuracy: 1e-12)
        XCTAssertEqual(o.contactCost, 10, accuracy: 1e-12)
        XCTAssertEqual(o.offerCost, 7.5, accuracy: 1e-12)
        XCTAssertEqual(o.totalCost, 17.5, accuracy: 1e-12)
        XCTAssertEqual(o.net, 117.5, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(o.roiPercent), 117.5 / 17.5 * 100, accuracy: 1e-9)
        // Offer per contact: offers 2*10 = 20, cost 30, net 105.
        planner.offerCharging = .perContact
        XCTAssertEqual(planner.outcome(basis).net, 105, accuracy: 1e-12)
        // A flat value of 200 for everyone: protected 0.75*200 = 150, net 150 - 30 = 120.
        planner.flatValue = 200
        XCTAssertEqual(planner.outcome(basis).revenueProtected, 150, accuracy: 1e-12)
        XCTAssertEqual(planner.outcome(basis).net, 120, accuracy: 1e-12)
    }

    func testScenariosByHand() throws {
        let basis = try handBasis()
        var planner = CampaignPlanner(basis: basis)
        planner.costPerContact = 5
        planner.offerCost = 10
        planner.successRate = 0.5
        // Expected value lost: 0.9*100 = 90, 0.2*500 = 100, 0.6*300 = 180: order rows 2, 1, 0.
        XCTAssertEqual(basis.byLoss, [2, 1, 0])
        XCTAssertEqual(basis.byRisk, [0, 2, 1])
        let s = planner.scenarios(basis)
        XCTAssertEqual(s.map(\.scenario.name), ["conservative", "balanced", "aggressive"])
        // conservative: 1 customer (10% of 3, at least 1): row 2; offer 5, success 0.4:
        // saves 0.24, protected 72, cost 5 + 5*0.24 = 6.2, net 65.8.
        XCTAssertEqual(s[0].outcome.contacted, 1)
        XCTAssertEqual(s[0].outcome.net, 65.8, accuracy: 1e-9)
        // aggressive: 2 customers (50% of 3 rounds to 2): rows 2 and 1; offer 20, success 0.625:
        // saves 0.375 + 0.125 = 0.5, protected 0.375*300 + 0.125*500 = 175, cost 10 + 20*0.5 = 20, net 155.
        XCTAssertEqual(s[2].outcome.contacted, 2)
        XCTAssertEqual(s[2].outcome.net, 155, accuracy: 1e-9)
    }

    func testPlannerEqualsCampaignROIOnTheWorkspace() throws {
        let f = try AnalysisFixture.load(.subscription)
        var state = f.state(TerminalSize(width: 100, height: 30), tab: .whatIf)
        let basis = try CampaignBasis(analysis: f.analysis)
        state = reduce(state, .whatIf(.campaignReady(Shared(basis))))
        state = [Key.char("p"), .right, .right, .pageUp, .down, .right, .right, .down, .pageDown, .down, .left, .down, .right]
            .reduce(state) { reduce($0, .key($1)) }
        XCTAssertEqual(state.whatIf.pane, .planner)
        let planner = try XCTUnwrap(state.whatIf.planner)
        XCTAssertNotEqual(planner.targeted, CampaignPlanner.defaultTargeted)
        let population = try CampaignPopulation(risks: f.analysis.population.probabilities,
                                                values: planner.flatValue == nil ? f.analysis.population.values : nil)
        let assumptions = planner.assumptions(basis)
        let expected = try CampaignROI.evaluate(.topByRisk(planner.targeted), in: population, assumptions: assumptions)
        let got = planner.outcome(basis)
        XCTAssertEqual(got.contacted, expected.contacted)
        XCTAssertEqual(got.totalCost, expected.totalCost, accuracy: 1e-6)
        XCTAssertEqual(got.expectedSaves, expected.expectedSaves, accuracy: 1e-9)
        XCTAssertEqual(got.revenueProtected, expected.revenueProtected, accuracy: 1e-6)
        XCTAssertEqual(got.net, expected.net, accuracy: 1e-6)
        let scenarios = try CampaignScenarioComparison.compare(CampaignScenario.presets(base: assumptions, customerCount: population.count),
                                                                in: population)
        for (a, b) in zip(planner.scenarios(basis), scenarios) {
            XCTAssertEqual(a.outcome.contacted, b.outcome.contacted)
            XCTAssertEqual(a.outcome.net, b.outcome.net, accuracy: 1e-6)
        }
        // The screen shows the net figure.
        let text = snapshotText(render(state, size: state.size))
        XCTAssertTrue(text.contains(WhatIfView.money(got.net)), text)
        // r puts the selected setting back; R all of them.
        state = reduce(state, .key(.char("R")))
        XCTAssertEqual(state.whatIf.planner?.targeted, CampaignPlanner.defaultTargeted)
        XCTAssertEqual(state.whatIf.planner?.successRate, CampaignPlanner.defaultSuccessRate)
    }

    func testSliderSteps() {
        let number = WhatIfSlider(name: "x", kind: .number(low: 0, high: 72, step: 5), columns: [0], contributionFeatures: [0],
                                  original: 7, value: 7)
        XCTAssertEqual(number.stepped(1, reference: 0), 10)   // snapped to the step grid
        XCTAssertEqual(number.stepped(-1, reference: 0), 0)   // 7 - 5 = 2 -> 0
        XCTAssertEqual(number.stepped(100, reference: 0), 72) // kept in range
        var missing = number
        missing.value = .nan
        XCTAssertEqual(missing.stepped(1, reference: 31), 30)  // starts from the reference, snapped
        let choice = WhatIfSlider(name: "contract", kind: .choice(levels: ["a", "b", "c"]), columns: [1, 2, 3],
                                  contributionFeatures: [], original: 0, value: 0)
        XCTAssertEqual(choice.stepped(1, reference: .nan), 1)
        XCTAssertEqual(choice.stepped(-1, reference: .nan), 0)
        XCTAssertEqual(choice.read(from: [9, 0, 0, 1]), 2)
        XCTAssertEqual(choice.read(from: [9, 0, 0, 0]), -1)
        XCTAssertEqual(WhatIfSlider.niceStep(span: 72, integral: true), 5)     // 3.6 -> 5
        XCTAssertEqual(WhatIfSlider.niceStep(span: 0.5, integral: false), 0.025)
        XCTAssertEqual(WhatIfSlider.niceStep(span: 7, integral: true), 1)      // 0.35 -> 0.5 -> at least 1
        XCTAssertEqual(CampaignPlanner.roundUp(1234), 2000)
    }

    func testSliderTrackText() {
        XCTAssertEqual(SliderTrack(position: 1, origin: 0).text(width: 7, glyphs: .ascii), "[|---O]")
        XCTAssertEqual(SliderTrack(position: 0.5).text(width: 7, glyphs: .unicode), "├──●──┤")
        XCTAssertEqual(SliderTrack(position: .nan).text(width: 5, glyphs: .ascii), "[---]")
    }
}
