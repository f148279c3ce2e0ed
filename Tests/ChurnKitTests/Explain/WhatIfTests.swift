import Foundation
import XCTest
@testable import ChurnKit

final class WhatIfTests: XCTestCase {
    /// A logistic model with known coefficients: setting a feature moves the margin by slope × change.
    func testWhatIfRescoresAndReportsContributionChanges() throws {
        let (_, x, y) = try ExplainTestSupport.subscription()
        var model = LogisticRegression()
        try model.fit(x, labels: y, weights: nil, control: .none)
        let explainer = try ModelExplainer(model: model)
        let row = x.row(3)
        let f = try XCTUnwrap(x.names.firstIndex(of: "late_payments"))
        let result = try WhatIf.evaluate(model: model, explainer: explainer, featureNames: x.names, row: row,
                                         set: ["late_payments": row[f] + 2])
        let slope = model.coefficientsPerStd[f] / model.standardizer.scales[f]
        let m0 = model.predictMargins(x.subset([3]))[0]
        XCTAssertEqual(result.oldProbability, 1 / (1 + exp(-m0)), accuracy: 1e-12)
        XCTAssertEqual(result.newProbability, 1 / (1 + exp(-(m0 + 2 * slope))), accuracy: 1e-12)
        XCTAssertEqual(result.changes, [FeatureChange(feature: "late_payments", from: row[f], to: row[f] + 2)])
        for (g, change) in result.contributionChanges.enumerated() {
            XCTAssertEqual(change, g == f ? 2 * slope : 0, accuracy: 1e-12)
        }
        XCTAssertThrowsError(try WhatIf.evaluate(model: model, explainer: nil, featureNames: x.names, row: row, set: ["late_paymnts": 0])) { error in
            XCTAssertEqual((error as? ExplainError)?.message, "unknown feature 'late_paymnts', did you mean 'late_payments'?")
        }
    }

    /// The best change is checked against scoring every candidate separately; one-hot groups move together.
    func testBestSingleChangeIsTheLowestOfAllCandidates() throws {
        let (features, x, y) = try ExplainTestSupport.subscription()
        var params = GradientBoostingParameters()
        params.rounds = 20
        var model = GradientBoosting(parameters: params)
        try model.fit(x, labels: y, weights: nil, control: .none)
        let reference = ReferenceProfile(features: features)
        let p = model.predictProbabilities(x)
        let r = try XCTUnwrap(p.indices.max { p[$0] < p[$1] })
        let row = x.row(r)
        let best = try XCTUnwrap(try WhatIf.bestSingleChange(model: model, featureNames: x.names, row: row, reference: reference))
        XCTAssertEqual(best.oldProbability, p[r], accuracy: 1e-12)
        XCTAssertLessThan(best.newProbability, best.oldProbability)
        // Independently: every grid value of every plain feature, scored one at a time.
        var lowest = p[r]
        for (f, name) in x.names.enumerated() where !name.contains("=") {
            for v in reference.grid[f] {
                var changed = row
                changed[f] = v
                lowest = min(lowest, model.predictProbabilities(WhatIf.matrix([changed], names: x.names))[0])
            }
        }
        XCTAssertLessThanOrEqual(best.newProbability, lowest + 1e-12)
        // Re-applying the suggested change gives the reported probability.
        var setValues: [String: Double] = [:]
        for c in best.changes { setValues[c.feature] = c.to }
        let check = try WhatIf.evaluate(model: model, explainer: nil, featureNames: x.names, row: row, set: setValues)
        XCTAssertEqual(check.newProbability, best.newProbability, accuracy: 1e-12)
        // A one-hot change never leaves two levels of a column set.
        for prefix in Set(x.names.compactMap { $0.split(separator: "=").count == 2 ? String($0.split(separator: "=")[0]) : nil }) {
            let members = x.names.indices.filter { x.names[$0].hasPrefix(prefix + "=") }
            XCTAssertLessThanOrEqual(members.reduce(0) { $0 + (check.newRow[$1] == 1 ? 1 : 0) }, 1)
        }
        // Fixing every feature leaves nothing to change.
        XCTAssertNil(try WhatIf.bestSingleChange(model: model, featureNames: x.names, row: row, reference: reference, fixed: Set(x.names)))
    }

    /// "Bought today" recomputes the transaction features with one more purchase on the as-of day.
    func testBoughtTodayRecomputesTransactionFeatures() throws {
        let rows: [FeatureTestSupport.Row] = [
            ("A", "2024-01-01", 10, 1, "x"), ("A", "2024-01-11", 30, 3, "y"), ("A", "2024-02-10", 20, nil, "x"),
            ("B", "2024-01-05", 5, 1, "z"), ("A", "2024-04-01", 50, 2, "x"),
        ]
        let log = try FeatureTestSupport.log(rows)
        let asOf = FeatureTestSupport.day("2024-03-01")
        let today = try BoughtToday(log: log, customerID: "A", asOfDay: asOf)
        func before(_ name: String) -> Double { today.before[today.featureNames.firstIndex(of: name) ?? 0] }
        func after(_ name: String) -> Double { today.after[today.featureNames.firstIndex(of: name) ?? 0] }
        XCTAssertEqual(today.amount, 20)                             // mean of 10, 30, 20 (the April purchase is later)
        XCTAssertEqual(before("days_since_last_purchase"), 20)       // 2024-02-10 → 2024-03-01
        XCTAssertEqual(after("days_since_last_purchase"), 0)
        XCTAssertEqual(before("purchases"), 3)
        XCTAssertEqual(after("purchases"), 4)
        XCTAssertEqual(after("total_spend"), 80)
        XCTAssertEqual(after("mean_gap_days"), 20)                  // gaps 10, 30, 20
        XCTAssertEqual(after("longest_gap_days"), 30)
        XCTAssertEqual(after("purchases_last_30d"), 2)               // Feb 10 and Mar 1
        XCTAssertEqual(after("mean_quantity"), 2)                    // 1, 3, and the synthetic mean 2
        XCTAssertEqual(today.changedValues["purchases"], 4)
        XCTAssertNil(today.changedValues["distinct_categories"])     // bought their latest category again
        // The same numbers as the feature builder on a log with a real purchase that day.
        let real = try FeatureTestSupport.log(rows + [("A", "2024-03-01", 20, 2, "x")])
        let scored = TransactionFeatures.scoring(real, asOfDay: asOf)
        let a = try XCTUnwrap(scored.customerIDs.firstIndex(of: "A"))
        for (f, column) in scored.features.enumerated() {
            XCTAssertEqual(column.values[a], today.after[f], "\(column.name)")
        }
        XCTAssertThrowsError(try BoughtToday(log: log, customerID: "Q", asOfDay: asOf))
        XCTAssertThrowsError(try BoughtToday(log: log, customerID: "A", asOfDay: FeatureTestSupport.day("2023-12-01")))
    }
}
