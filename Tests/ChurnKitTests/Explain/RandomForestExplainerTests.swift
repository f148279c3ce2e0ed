import Foundation
import XCTest
@testable import ChurnKit

/// TreeSHAP on random forests: exact and additive in probability space.
final class RandomForestExplainerTests: XCTestCase {
    func testContributionsAddUpToTheForestAverageOnEveryRow() throws {
        let (x, y) = ExplainTestSupport.mixedData(rows: 400, features: 5, categorical: true, seed: 11)
        var parameters = RandomForestParameters()
        parameters.trees = 25
        parameters.seed = 3
        var forest = RandomForest(parameters: parameters)
        try forest.fit(x, labels: y, weights: nil, control: .none)

        let explainer = try ModelExplainer(model: forest)
        XCTAssertEqual(explainer.link, .identity)
        let shap = try explainer.shapValues(x)
        let average = forest.predictRawAverage(x)
        for row in 0..<x.rows {
            let total = shap.expectedValue + shap.contributions(row: row).reduce(0, +)
            XCTAssertEqual(total, average[row], accuracy: 1e-9, "row \(row)")
        }
        // The expected value is a probability: the cover-weighted mean leaf fraction, near the base rate.
        XCTAssertGreaterThan(shap.expectedValue, 0)
        XCTAssertLessThan(shap.expectedValue, 1)
    }

    func testAnUnfittedForestIsAClearError() {
        XCTAssertThrowsError(try TreeExplainer(RandomForest())) { error in
            XCTAssertTrue((error as? ExplainError)?.message.contains("not been fitted") ?? false, "\(error)")
        }
    }
}
