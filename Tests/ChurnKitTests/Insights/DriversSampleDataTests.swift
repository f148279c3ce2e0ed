import XCTest
@testable import ChurnKit

/// The decision-support pieces end to end on the committed subscription sample: a logistic regression's
/// exact linear contributions feed driver segments, scripts, segment discovery, threshold choice, ROI and
/// the CRM export. Checks properties that must hold on real data, and the drivers the generator built in.
final class DriversSampleDataTests: XCTestCase {
    struct Scored {
        var matrix: FeatureMatrix
        var risks: [Double]
        var labels: [Double]
        var contributions: [[Double]]
        var values: [Double]
    }

    func loadSample(_ name: String) throws -> LoadedDataset {
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return try DataLoader.load(path: repo.appendingPathComponent("sample-data/\(name)").path)
    }

    func scoredSubscriptionSample() throws -> Scored {
        let loaded = try loadSample("subscription.csv")
        let matrix = try CustomerTableFeatures.build(table: loaded.table, mapping: loaded.mapping)
        return try score(matrix, valueFeature: "monthly_charges", valueScale: 12)
    }

    /// Fits a logistic regression and computes its exact per-customer contributions.
    func score(_ matrix: FeatureMatrix, valueFeature: String, valueScale: Double) throws -> Scored {
        let labels = try XCTUnwrap(matrix.label)
        let x = TrainingMatrix(names: matrix.features.map(\.name), columns: matrix.features.map(\.values))
        var model = LogisticRegression()
        try model.fit(x, labels: labels, weights: nil, control: .none)
        let margins = model.predictMargins(x)
        // Exact contributions of a linear model: weight × (x − mean) in log-odds; missing values contribute 0.
        var contributions = [[Double]](repeating: [Double](repeating: 0, count: x.featureCount), count: x.rows)
        for j in 0..<x.featureCount {
            let w = model.coefficientsPerStd[j] / model.standardizer.scales[j], mean = model.standardizer.means[j]
            for i in 0..<x.rows where !x.columns[j][i].isNaN { contributions[i][j] = w * (x.columns[j][i] - mean) }
        }
        for i in stride(from: 0, to: x.rows, by: 97) {   // additivity, so the test data itself is right
            XCTAssertEqual(model.interceptStandardized + contributions[i].reduce(0, +), margins[i], accuracy: 1e-9)
        }
        let value = try XCTUnwrap(matrix.feature(named: valueFeature)).values
        return Scored(matrix: matrix, risks: margins.map { 1 / (1 + exp(-$0)) }, labels: labels,
                      contributions: contributions, values: value.map { $0.isNaN ? 0 : $0 * valueScale })
    }

    func testDecisionSupportOnTheSubscriptionSample() throws {
        let s = try scoredSubscriptionSample()
        let names = s.matrix.features.map(\.name)
        let rules = RiskDriverRules.standard

        // Driver segments: they partition the at-risk customers, and each names its own driver's features.
        let segments = try RiskDriverSegments.segments(featureNames: names, contributions: s.contributions,
                                                       risks: s.risks, values: s.values, minimumRisk: 0.4)
        let atRisk = s.risks.indices.filter { s.risks[$0] >= 0.4 }
        XCTAssertEqual(segments.flatMap(\.rows).sorted(), atRisk)
        for segment in segments {
            XCTAssertTrue(segment.leadingFeatures.allSatisfy { rules.driver(of: $0) == segment.driver }, "\(segment)")
            XCTAssertGreaterThanOrEqual(segment.meanRisk, 0.4)
        }
        // The generator's strongest effects: month-to-month contracts and short tenure, late payments, falling usage.
        let found = Set(segments.map(\.driver))
        XCTAssertTrue(found.isSuperset(of: [.shortTenure, .paymentIssues, .usageDecline]), "\(found)")
        XCTAssertEqual(segments.max { $0.count < $1.count }?.driver, .shortTenure)

        // A script for the riskiest customer quotes their own facts.
        let top = try XCTUnwrap(s.risks.indices.max { s.risks[$0] < s.risks[$1] })
        let driver = try RiskDriverSegments.dominantDrivers(featureNames: names, contributions: [s.contributions[top]])[0]
        let facts = CustomerFacts(customerID: s.matrix.customerIDs[top], risk: s.risks[top], driver: driver.driver,
                                  featureNames: names, featureValues: s.matrix.features.map { $0.values[top] },
                                  extra: ["agent_name": "Sam"])
        let script = CallScript.generate(.call, for: facts)
        XCTAssertTrue(script.body.contains(s.matrix.customerIDs[top]), script.body)
        XCTAssertEqual(script.missing, [])

        // Segment discovery on the at-risk customers.
        let discovery = try SegmentDiscovery.discover(features: s.matrix.features, risks: s.risks, values: s.values, seed: 3)
        XCTAssertEqual(discovery.atRiskCount, atRisk.count)
        XCTAssertTrue((2...8).contains(discovery.k))
        XCTAssertEqual(discovery.segments.reduce(0) { $0 + $1.count }, atRisk.count)
        XCTAssertTrue(discovery.segments.allSatisfy { !$0.traits.isEmpty }, discovery.segments.map(\.summary).joined(separator: "\n"))

        // Thresholds: the profit optimum beats every listed threshold and flagging everyone or nobody.
        let optimizer = try ThresholdOptimizer(scores: s.risks, labels: s.labels,
                                               profit: ThresholdProfitModel(costPerContact: 40, customerValue: 900, successRate: 0.3))
        let best = try optimizer.require(.profit)
        for row in optimizer.comparison() + [optimizer.points[0], optimizer.points[optimizer.points.count - 1]] {
            XCTAssertGreaterThanOrEqual(best.netValue, row.netValue)
        }
        XCTAssertGreaterThan(best.flagged, 0)

        // ROI and budget: a budget plan never does worse than contacting the same number by value lost.
        let population = try CampaignPopulation(risks: s.risks, values: s.values)
        let assumptions = CampaignAssumptions(costPerContact: 15, offerCost: 60, offerCharging: .perContact, successRate: 0.3)
        let plan = try BudgetTargeting.plan(budget: 7_500, population: population, assumptions: assumptions)
        XCTAssertEqual(plan.method, .uniformCostGreedy)
        XCTAssertEqual(plan.rows.count, 100)
        let byLoss = try CampaignROI.evaluate(.topByExpectedLoss(100), in: population, assumptions: assumptions)
        XCTAssertGreaterThanOrEqual(plan.outcome.net, byLoss.net - 1e-9)

        // CRM export of the plan's customers.
        let export = CRMExport(customerIDs: plan.rows.map { s.matrix.customerIDs[$0] }, probabilities: plan.rows.map { s.risks[$0] },
                               values: plan.rows.map { s.values[$0] })
        let lines = try export.table().text().split(separator: "\r\n")
        XCTAssertEqual(lines.count, 101)
        XCTAssertEqual(lines[0], "customer_id,churn_probability,customer_value")
    }

    /// The retail transaction sample at a cutoff 90 days before its last day: every feature maps to a driver
    /// by name, and driver segments and discovery work on transaction features.
    func testDriversOnTheRetailSample() throws {
        let loaded = try loadSample("retail.csv")
        let log = try TransactionLog(table: loaded.table, mapping: loaded.mapping)
        let matrix = try TransactionFeatures.training(log, cutoffDay: Int64(log.lastDay) - 90, horizonDays: 90)
        let s = try score(matrix, valueFeature: "spend_last_180d", valueScale: 2)
        let names = matrix.features.map(\.name)
        let drivers = RiskDriverRules.standard.drivers(of: names)
        let other = zip(names, drivers).filter { $0.1 == .other }.map(\.0)
        XCTAssertTrue(other.allSatisfy { ["weekend_share", "distinct_categories"].contains($0) || $0.hasPrefix("top_category") || $0.hasPrefix("category") },
                      "unexpected unmapped features: \(other)")
        XCTAssertEqual(drivers[names.firstIndex(of: "days_since_last_purchase") ?? 0], .longAbsence)

        let segments = try RiskDriverSegments.segments(featureNames: names, contributions: s.contributions,
                                                       risks: s.risks, values: s.values, minimumRisk: 0.5)
        XCTAssertEqual(segments.reduce(0) { $0 + $1.count }, s.risks.filter { $0 >= 0.5 }.count)
        XCTAssertTrue(segments.contains { $0.driver == .longAbsence }, segments.map(\.driver.title).joined(separator: ", "))
        let discovery = try SegmentDiscovery.discover(features: matrix.features, risks: s.risks, values: s.values,
                                                      minimumRisk: 0.5, seed: 5)
        XCTAssertEqual(discovery.segments.reduce(0) { $0 + $1.count }, discovery.atRiskCount)
    }
}
