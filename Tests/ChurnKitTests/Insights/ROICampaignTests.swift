import XCTest
@testable import ChurnKit

/// Campaign ROI arithmetic on a hand-worked example, targets, scenarios and input errors.
///
/// Population: risks [0.9, 0.5, 0.2, 0.8], values [100, 200, 50, unknown -> default 80].
/// Contact 10, offer 20 per accepted offer, success 0.5.
/// Top 2 by risk = rows 0 and 3: saves 0.45 + 0.40 = 0.85; protected 45 + 32 = 77; contact 20;
/// offer 20 x 0.85 = 17; total 37; net 40; ROI 40 / 37 = 108.108...%.
/// Top 2 by value lost (risk x value = 90, 100, 10, 64) = rows 1 and 0: saves 0.25 + 0.45 = 0.7;
/// protected 50 + 45 = 95; offer 14; total 34; net 61; ROI 179.41...%.
final class ROICampaignTests: XCTestCase {
    let population = try! CampaignPopulation(risks: [0.9, 0.5, 0.2, 0.8], values: [100, 200, 50, .nan])
    let assumptions = CampaignAssumptions(costPerContact: 10, offerCost: 20, offerCharging: .perAcceptedOffer,
                                          successRate: 0.5, defaultCustomerValue: 80)

    func testTopByRiskHandExample() throws {
        let o = try CampaignROI.evaluate(.topByRisk(2), in: population, assumptions: assumptions)
        XCTAssertEqual(o.contacted, 2)
        XCTAssertEqual(o.expectedChurners, 1.7, accuracy: 1e-12)
        XCTAssertEqual(o.valueAtRisk, 90 + 64, accuracy: 1e-9)
        XCTAssertEqual(o.contactCost, 20, accuracy: 1e-12)
        XCTAssertEqual(o.offerCost, 17, accuracy: 1e-12)
        XCTAssertEqual(o.totalCost, 37, accuracy: 1e-12)
        XCTAssertEqual(o.expectedSaves, 0.85, accuracy: 1e-12)
        XCTAssertEqual(o.revenueProtected, 77, accuracy: 1e-9)
        XCTAssertEqual(o.net, 40, accuracy: 1e-9)
        XCTAssertEqual(try XCTUnwrap(o.roiPercent), 4000.0 / 37.0, accuracy: 1e-9)
    }

    func testTopByExpectedLossPicksDifferentCustomers() throws {
        XCTAssertEqual(try CampaignTarget.topByExpectedLoss(2).rows(in: population, defaultValue: 80), [1, 0])
        let o = try CampaignROI.evaluate(.topByExpectedLoss(2), in: population, assumptions: assumptions)
        XCTAssertEqual(o.totalCost, 34, accuracy: 1e-12)
        XCTAssertEqual(o.revenueProtected, 95, accuracy: 1e-9)
        XCTAssertEqual(o.net, 61, accuracy: 1e-9)
        XCTAssertEqual(try XCTUnwrap(o.roiPercent), 6100.0 / 34.0, accuracy: 1e-9)
    }

    func testOfferChargedPerContact() throws {
        var a = assumptions
        a.offerCharging = .perContact
        let o = try CampaignROI.evaluate(.topByRisk(2), in: population, assumptions: a)
        XCTAssertEqual(o.offerCost, 40, accuracy: 1e-12)
        XCTAssertEqual(o.totalCost, 60, accuracy: 1e-12)
        XCTAssertEqual(o.net, 17, accuracy: 1e-9)
        XCTAssertEqual(try XCTUnwrap(o.roiPercent), 1700.0 / 60.0, accuracy: 1e-9)
    }

    func testBandsAndExplicitListsSelectTheRightRows() throws {
        XCTAssertEqual(try CampaignTarget.riskBand(above: 0.4, atMost: 0.8).rows(in: population, defaultValue: 0), [1, 3])
        XCTAssertEqual(try CampaignTarget.riskBand(above: 0.8, atMost: 1).rows(in: population, defaultValue: 0), [0])
        XCTAssertEqual(try CampaignTarget.customers([2, 2, 0]).rows(in: population, defaultValue: 0), [2, 0])
        XCTAssertEqual(try CampaignTarget.topByRisk(99).rows(in: population, defaultValue: 0), [0, 3, 1, 2])
        // Consecutive bands partition the customers.
        let bands: [CampaignTarget] = [.riskBand(above: -1, atMost: 0.2), .riskBand(above: 0.2, atMost: 0.4),
                                       .riskBand(above: 0.4, atMost: 0.7), .riskBand(above: 0.7, atMost: 1)]
        let all = try bands.flatMap { try $0.rows(in: population, defaultValue: 0) }
        XCTAssertEqual(all.sorted(), [0, 1, 2, 3])
    }

    func testNothingContactedCostsNothingAndHasNoROI() throws {
        let o = try CampaignROI.evaluate(.topByRisk(0), in: population, assumptions: assumptions)
        XCTAssertEqual(o.contacted, 0)
        XCTAssertEqual(o.net, 0)
        XCTAssertNil(o.roiPercent)
    }

    func testBadInputsAreTypedErrors() {
        var a = assumptions
        a.successRate = 1.5
        XCTAssertThrowsError(try CampaignROI.evaluate(.topByRisk(1), in: population, assumptions: a)) { error in
            XCTAssertTrue((error as? CampaignROIError)?.message.contains("success rate") ?? false, "\(error)")
        }
        XCTAssertThrowsError(try CampaignROI.evaluate(.customers([4]), in: population, assumptions: assumptions)) { error in
            XCTAssertEqual((error as? CampaignROIError)?.exitCode, ExitCode.dataError)
        }
        XCTAssertThrowsError(try CampaignROI.evaluate(.topByRisk(-1), in: population, assumptions: assumptions))
        XCTAssertThrowsError(try CampaignPopulation(risks: [0.2, 1.2])) { error in
            XCTAssertTrue((error as? CampaignROIError)?.message.contains("row 2") ?? false, "\(error)")
        }
        XCTAssertThrowsError(try CampaignPopulation(risks: [0.2], values: [1, 2]))
    }

    func testScenarioPresetsAndTable() throws {
        let risks = (0..<40).map { Double($0) / 40 }
        let big = try CampaignPopulation(risks: risks, values: risks.map { _ in 100 })
        let base = CampaignAssumptions(costPerContact: 5, offerCost: 10, successRate: 0.4)
        let presets = CampaignScenario.presets(base: base, customerCount: 40)
        XCTAssertEqual(presets.map(\.name), ["conservative", "balanced", "aggressive"])
        XCTAssertEqual(presets.map(\.target), [.topByExpectedLoss(4), .topByExpectedLoss(10), .topByExpectedLoss(20)])
        XCTAssertEqual(presets[0].assumptions.successRate, 0.32, accuracy: 1e-12)
        XCTAssertEqual(presets[2].assumptions.offerCost, 20)
        let results = try CampaignScenarioComparison.compare(presets, in: big)
        // Each row equals a direct evaluation of its scenario.
        for r in results {
            XCTAssertEqual(r.outcome, try CampaignROI.evaluate(r.scenario.target, in: big, assumptions: r.scenario.assumptions))
        }
        XCTAssertEqual(results.map(\.outcome.contacted), [4, 10, 20])
        let table = CampaignScenarioComparison.table(results)
        XCTAssertEqual(table.split(separator: "\n").count, 5)
        XCTAssertTrue(table.contains("conservative") && table.contains("ROI %"), table)
        // An invalid scenario names itself.
        var bad = presets[1]
        bad.assumptions.costPerContact = -1
        XCTAssertThrowsError(try CampaignScenarioComparison.compare([bad], in: big)) { error in
            XCTAssertTrue((error as? CampaignROIError)?.message.hasPrefix("Scenario \"balanced\"") ?? false, "\(error)")
        }
    }

    func testMoneyFormatting() {
        XCTAssertEqual(TextTable.money(1234567.891), "1,234,567.89")
        XCTAssertEqual(TextTable.money(-40), "-40.00")
        XCTAssertEqual(TextTable.money(0.005), "0.01")
        XCTAssertEqual(TextTable.percent(0.35), "35%")
    }
}
