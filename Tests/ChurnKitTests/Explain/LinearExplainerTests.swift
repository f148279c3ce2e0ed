import Foundation
import XCTest
@testable import ChurnKit

final class LinearExplainerTests: XCTestCase {
    func testLogisticRegressionContributionsAddUpAndMatchCoefficients() throws {
        let (_, x, y) = try ExplainTestSupport.subscription()
        var model = LogisticRegression(c: 1)
        try model.fit(x, labels: y, weights: nil, control: .none)
        let explainer = try ModelExplainer(model: model)
        let shap = try explainer.shapValues(x)
        let margins = model.predictMargins(x)
        let sums = shap.margins()
        for r in 0..<x.rows { XCTAssertEqual(sums[r], margins[r], accuracy: 1e-9) }
        // Known answer: contribution = β/s · (x − mean); at the training mean it is 0.
        let f = try XCTUnwrap(x.names.firstIndex(of: "late_payments"))
        let slope = model.coefficientsPerStd[f] / model.standardizer.scales[f]
        XCTAssertEqual(shap[5, f], slope * (x.columns[f][5] - model.standardizer.means[f]), accuracy: 1e-12)
        var atMean = model.standardizer.means
        atMean[0] = .nan    // missing counts as the mean
        let zero = try explainer.contributions(row: atMean)
        XCTAssertTrue(zero.allSatisfy { abs($0) < 1e-12 })
        XCTAssertEqual(explainer.expectedValue, model.interceptStandardized)
    }

    func testLinearSVMContributionsAddUpToTheDecisionFunction() throws {
        let (x, y) = ExplainTestSupport.mixedData(rows: 400, features: 5, categorical: false, seed: 5)
        var model = LinearSVM()
        try model.fit(x, labels: y, weights: nil, control: .none)
        let explainer = try ModelExplainer(model: model)
        guard case .platt = explainer.link else { return XCTFail("the SVM's probabilities come from its Platt sigmoid") }
        let shap = try explainer.shapValues(x)
        let margins = model.predictMargins(x)
        let sums = shap.margins()
        for r in 0..<x.rows { XCTAssertEqual(sums[r], margins[r], accuracy: 1e-9) }
        // Missing values contribute nothing.
        XCTAssertTrue((0..<x.rows).contains { x.columns[2][$0].isNaN })
        for r in 0..<x.rows where x.columns[2][r].isNaN { XCTAssertEqual(shap[r, 2], 0) }
    }
}
