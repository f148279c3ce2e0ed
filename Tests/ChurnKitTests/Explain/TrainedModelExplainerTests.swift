import XCTest
@testable import ChurnKit

/// Explanations of saved champions: contributions add up to the member margin (single models) or
/// the weighted member margins (blends); unexplainable members give a clear error.
final class TrainedModelExplainerTests: XCTestCase {
    /// The first `n` customers of sample-data/subscription.csv, with a few values knocked out so the
    /// linear view gets missing indicators.
    private func smallFeatures(_ n: Int = 900) throws -> FeatureMatrix {
        let (full, _, _) = try ExplainTestSupport.subscription()
        var columns = full.features.map { FeatureColumn(name: $0.name, description: $0.description, values: Array($0.values.prefix(n))) }
        if let charges = columns.firstIndex(where: { $0.name == "monthly_charges" }) {
            for i in stride(from: 0, to: n, by: 37) { columns[charges].values[i] = .nan }
        }
        return FeatureMatrix(customerIDs: Array(full.customerIDs.prefix(n)), features: columns, label: full.label.map { Array($0.prefix(n)) })
    }

    private func train(_ families: [ModelFamily], blend: Bool = false) throws -> (TrainedModel, FeatureMatrix) {
        let features = try smallFeatures()
        let data = try TrainingData(features: features)
        let config = TrainingConfiguration(families: families, folds: 3, seed: 7, trials: 1, blend: blend)
        let result = try TrainingEngine.run(data, configuration: config, control: .none)
        return (result.model, features)
    }

    private func assertAdditive(_ model: TrainedModel, _ features: FeatureMatrix, file: StaticString = #filePath, line: UInt = #line) throws {
        let explainer = try TrainedModelExplainer(model)
        let x = TrainedModelExplainer.matrix(features)
        let phi = try explainer.shapValues(x)
        XCTAssertEqual(phi.rows, features.rowCount, file: file, line: line)
        // Margins computed independently: the member's own predictMargins on its preprocessed input.
        var expected = [Double](repeating: 0, count: x.rows)
        for member in model.members {
            let m = member.model.predictMargins(try member.preprocessor.transform(x, view: member.view))
            for i in expected.indices { expected[i] += (model.members.count > 1 ? member.weight : 1) * m[i] }
        }
        let sums = phi.margins()
        var worst = 0.0
        for i in expected.indices { worst = max(worst, abs(sums[i] - expected[i])) }
        XCTAssertLessThan(worst, 1e-6, "largest additivity error", file: file, line: line)
        // Contributions are not all zero (a test that could not fail otherwise).
        XCTAssertGreaterThan(phi.meanAbsolute().reduce(0, +), 0.01, file: file, line: line)
    }

    func testLogisticChampionIsAdditiveInItsLogOdds() throws {
        let (model, features) = try train([.logreg])
        XCTAssertEqual(model.members.count, 1)
        let explainer = try TrainedModelExplainer(model)
        XCTAssertTrue(explainer.featureNames.contains("monthly_charges (missing)"))
        XCTAssertTrue(explainer.marginDescription.contains("before calibration"))
        try assertAdditive(model, features)
        // Linear contributions by hand for customer 0 and the late_payments feature: β/s · (x − mean).
        let logistic = try XCTUnwrap(model.members[0].model as? LogisticRegression)
        let input = try explainer.explanationInputs(TrainedModelExplainer.matrix(features))
        let f = try XCTUnwrap(input.names.firstIndex(of: "late_payments"))
        let byHand = logistic.coefficientsPerStd[f] / logistic.standardizer.scales[f] * (input.columns[f][0] - logistic.standardizer.means[f])
        XCTAssertEqual(try explainer.shapValues(TrainedModelExplainer.matrix(features))[0, f], byHand, accuracy: 1e-12)
    }

    func testBoostingChampionIsAdditiveInItsLogOdds() throws {
        let (model, features) = try train([.gbdt])
        try assertAdditive(model, features)
    }

    func testBlendSumsWeightedMemberContributionsOverRawFeatures() throws {
        // A blend put together from two trained champions, so the test does not depend on which one wins.
        let (linear, features) = try train([.logreg])
        let (boosted, _) = try train([.gbdt])
        var a = linear.members[0], b = boosted.members[0]
        a.weight = 0.3; b.weight = 0.7
        let model = TrainedModel(family: .blend, members: [a, b], calibrator: linear.calibrator, inputFeatures: linear.inputFeatures)
        let explainer = try TrainedModelExplainer(model)
        XCTAssertEqual(explainer.featureNames, model.inputFeatures)
        XCTAssertEqual(explainer.expectedValue, 0.3 * (try TrainedModelExplainer(linear)).expectedValue
                       + 0.7 * (try TrainedModelExplainer(boosted)).expectedValue, accuracy: 1e-12)
        try assertAdditive(model, features)
    }

    func testOneCustomerExplanationMatchesTheBatch() throws {
        let (model, features) = try train([.gbdt])
        let explainer = try TrainedModelExplainer(model)
        let x = TrainedModelExplainer.matrix(features)
        let input = try explainer.explanationInputs(x)
        let reference = ReferenceProfile(names: input.names, columns: input.columns, labels: features.label)
        let one = try explainer.explain(x, row: 3, reference: reference, top: 3)
        let batch = try explainer.shapValues(x)
        for (a, b) in zip(one.contributions, batch.contributions(row: 3)) { XCTAssertEqual(a, b, accuracy: 1e-9) }
        XCTAssertLessThanOrEqual(one.factors.count, 3)
        XCTAssertEqual(one.margin, try explainer.margins(x)[3], accuracy: 1e-6)
    }

    func testNaiveBayesHasNoExplanation() throws {
        let (model, _) = try train([.naiveBayes])
        XCTAssertThrowsError(try TrainedModelExplainer(model)) { error in
            XCTAssertTrue((error as? ExplainError)?.message.contains("explanations are not available for this model kind") ?? false)
        }
    }
}
