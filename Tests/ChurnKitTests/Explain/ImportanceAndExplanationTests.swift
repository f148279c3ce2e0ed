import Foundation
import XCTest
@testable import ChurnKit

final class ImportanceAndExplanationTests: XCTestCase {
    /// y depends on x0 only: x0 dominates every measure and a pure-noise feature has permutation drop ≈ 0.
    func testImportanceTableRanksTheOnlyInformativeFeatureFirst() throws {
        var rng = SeededRandom(seed: 9)
        let n = 2000
        var c0: [Double] = [], c1: [Double] = [], c2: [Double] = [], y: [Double] = []
        for _ in 0..<n {
            let a = rng.nextNormal(), b = rng.nextNormal(), c = rng.nextNormal()
            c0.append(a); c1.append(b); c2.append(c)
            y.append(rng.nextDouble() < 1 / (1 + exp(-3 * a)) ? 1 : 0)
        }
        let x = TrainingMatrix(names: ["signal", "noise1", "noise2"], columns: [c0, c1, c2])
        var params = GradientBoostingParameters()
        params.rounds = 30
        var model = GradientBoosting(parameters: params)
        try model.fit(x, labels: y, weights: nil, control: .none)
        let shap = try ModelExplainer(model: model).shapValues(x)
        let permutation = try PermutationImportance.compute(model: model, x: x, labels: y, repeats: 4, seed: 1)
        let table = try FeatureImportanceTable(featureNames: x.names, shap: shap,
                                               gain: FeatureImportanceTable.gainImportance(of: model), permutation: permutation)
        XCTAssertEqual(table.rows.first?.feature, "signal")
        let signal = try XCTUnwrap(table.rows.first)
        XCTAssertGreaterThan(signal.permutationDrop ?? 0, 0.2)
        XCTAssertGreaterThan(signal.gainShare ?? 0, 0.6)
        XCTAssertEqual(table.rows.compactMap(\.gainShare).reduce(0, +), 1, accuracy: 1e-12)
        XCTAssertEqual(table.baselineAUC ?? 0, Metrics.rocAUC(scores: model.predictProbabilities(x), labels: y), accuracy: 1e-12)
        // Reproducible with the same seed.
        let again = try PermutationImportance.compute(model: model, x: x, labels: y, repeats: 4, seed: 1)
        XCTAssertEqual(again, permutation)
        // Shuffling a column the model never uses changes nothing.
        let lr = try LinearExplainer(featureNames: ["a"], slopes: [0], means: [0], expectedValue: 0)
        XCTAssertEqual(try lr.contributions(row: [3]), [0])
    }

    func testPermutationOfAnUnusedFeatureIsExactlyZero() throws {
        let (x, y) = ExplainTestSupport.mixedData(rows: 300, features: 3, categorical: false, seed: 2)
        var model = LogisticRegression()
        try model.fit(TrainingMatrix(names: ["x0", "x1"], columns: [x.columns[0].map { $0.isNaN ? 0 : $0 }, x.columns[1].map { $0.isNaN ? 0 : $0 }]),
                      labels: y, weights: nil, control: .none)
        // A three-feature matrix whose last column the two-feature model cannot see: wrap the model.
        struct FirstTwo: Classifier {
            var inner: LogisticRegression
            var family: ModelFamily { .logreg }
            mutating func fit(_ x: TrainingMatrix, labels: [Double], weights: [Double]?, control: TrainingControl) throws {}
            func predictProbabilities(_ x: TrainingMatrix) -> [Double] {
                inner.predictProbabilities(TrainingMatrix(names: ["x0", "x1"], columns: [x.columns[0].map { $0.isNaN ? 0 : $0 }, x.columns[1].map { $0.isNaN ? 0 : $0 }]))
            }
            func predictMargins(_ x: TrainingMatrix) -> [Double] { [] }
            func encoded() throws -> Data { Data() }
        }
        let result = try PermutationImportance.compute(model: FirstTwo(inner: model), x: x, labels: y, repeats: 3)
        XCTAssertEqual(result.mean[2], 0)
        XCTAssertEqual(result.std[2], 0)
        XCTAssertGreaterThan(result.mean[0], 0)
        XCTAssertThrowsError(try PermutationImportance.compute(model: model, x: x, labels: [1, 0], repeats: 1))
    }

    func testReferenceProfileStatisticsByHand() {
        let profile = ReferenceProfile(names: ["a", "flag"], columns: [[1, 2, 3, .nan, 10], [0, 1, 1, 0, 1]], labels: [0, 0, 1, 1, 1])
        XCTAssertEqual(profile.mean[0], 4)
        XCTAssertEqual(profile.retainedMean[0], 1.5)
        XCTAssertEqual(profile.churnedMean[0], 6.5)
        XCTAssertEqual(profile.std[0], (((9.0 + 4 + 1 + 36) / 4)).squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(profile.zScore(10, feature: 0), 6 / profile.std[0], accuracy: 1e-12)
        XCTAssertTrue(profile.zScore(.nan, feature: 0).isNaN)
        XCTAssertEqual(profile.isBinary, [false, true])
        XCTAssertEqual(profile.grid[1], [0, 1])
        XCTAssertEqual(profile.grid[0], [1, 2, 3, 10].filter { profile.grid[0].contains($0) })
        XCTAssertEqual(profile.grid[0].first, 1)
    }

    /// Explaining a subscription customer: contributions add up, factors are sorted and worded.
    func testCustomerExplanationOnTheSubscriptionSample() throws {
        let (features, x, y) = try ExplainTestSupport.subscription()
        var params = GradientBoostingParameters()
        params.rounds = 20
        var model = GradientBoosting(parameters: params)
        try model.fit(x, labels: y, weights: nil, control: .none)
        let explainer = try ModelExplainer(model: model)
        let reference = ReferenceProfile(features: features)
        let p = model.predictProbabilities(x)
        let riskiest = try XCTUnwrap(p.indices.max { p[$0] < p[$1] })
        let explanation = try CustomerExplanation.explain(row: x.row(riskiest), explainer: explainer, reference: reference,
                                                          customerID: features.customerIDs[riskiest], top: 5)
        XCTAssertEqual(explanation.probability, p[riskiest], accuracy: 1e-9)
        XCTAssertEqual(explanation.probabilityChanges.reduce(0, +), explanation.probability - explanation.baseProbability, accuracy: 1e-9)
        XCTAssertEqual(explanation.factors.count, 5)
        let sizes = explanation.factors.map { abs($0.contribution) }
        XCTAssertEqual(sizes, sizes.sorted(by: >))
        for factor in explanation.factors {
            XCTAssertEqual(factor.value, x.columns[factor.index][riskiest], "\(factor.feature)")
            XCTAssertEqual(factor.retainedMean, reference.retainedMean[factor.index])
            XCTAssertTrue(factor.sentence.hasSuffix(ReasonText.effect(factor.probabilityChange)), factor.sentence)
            XCTAssertEqual(factor.probabilityChange > 0, factor.contribution > 0)
        }
        print(explanation.factors.map(\.sentence).joined(separator: "\n"))
    }

    func testSentencesForCustomerTableAndTransactionFeatures() {
        let reference = ReferenceProfile(
            names: ["late_payments", "contract=Month-to-month", "paperless_billing", "days_since_last_purchase", "recency_to_mean_gap", "purchases_last_90d"],
            columns: [[0, 1, 2, 4, 2.2], [1, 0, 1, 1, 1], [0, 1, 1, 0, 1], [5, 10, 78, 200, 30], [0.5, 1, 3.1, 8, 2], [1, 2, 3, 4, 5]],
            labels: [0, 0, 1, 1, 1])
        let row = [4.0, 1, 1, 78, 3.12, 1]
        XCTAssertEqual(ReasonText.sentence(feature: 0, row: row, reference: reference, probabilityChange: 0.12),
                       "late_payments is 4 (churned customers average 2.73); raises risk by 0.12")
        XCTAssertEqual(ReasonText.sentence(feature: 1, row: row, reference: reference, probabilityChange: 0.08),
                       "Contract is Month-to-month, as for 100% of churned customers; raises risk by 0.08")
        XCTAssertEqual(ReasonText.sentence(feature: 1, row: [4, 0, 1, 78, 3.1, 1], reference: reference, probabilityChange: -0.08),
                       "Contract is not Month-to-month, as for 50% of retained customers; lowers risk by 0.08")
        XCTAssertEqual(ReasonText.sentence(feature: 3, row: row, reference: reference, probabilityChange: 0.214),
                       "No purchase for 78 days, 3.1x their usual gap between purchases (churned customers average 103); raises risk by 0.21")
        XCTAssertEqual(ReasonText.sentence(feature: 5, row: row, reference: reference, probabilityChange: -0.001),
                       "1 purchase in the last 90 days (retained customers average 1.5); barely changes the risk")
        XCTAssertEqual(ReasonText.sentence(feature: 2, row: row, reference: reference, probabilityChange: -0.05),
                       "paperless_billing: yes, as for 50% of retained customers; lowers risk by 0.05")
        XCTAssertEqual(ReasonText.sentence(feature: 0, row: [.nan, 1, 1, 78, 3.1, 1], reference: reference, probabilityChange: 0.05),
                       "late_payments is not known; raises risk by 0.05")
    }
}
