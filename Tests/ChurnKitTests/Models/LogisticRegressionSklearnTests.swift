import XCTest
@testable import ChurnKit

/// Coefficients against scikit-learn's LogisticRegression on standardised features
/// (Tests/Fixtures/sklearn_logistic.json, data in Tests/Fixtures/logistic_data.csv).
final class LogisticRegressionSklearnTests: XCTestCase {
    var matrix = TrainingMatrix(names: [], columns: [])
    var labels: [Double] = []
    var weights: [Double] = []
    var fits: [String: Any] = [:]

    override func setUpWithError() throws {
        let csv = try FixtureFiles.numericCSV("logistic_data.csv")
        XCTAssertEqual(csv.names, ["age", "spend", "tickets", "tenure", "noise", "label", "weight"])
        matrix = TrainingMatrix(names: Array(csv.names.prefix(5)), columns: Array(csv.columns.prefix(5)))
        labels = csv.columns[5]
        weights = csv.columns[6]
        XCTAssertEqual(matrix.rows, 200)
        fits = try FixtureFiles.json("sklearn_logistic.json").object("fits")
    }

    /// Fits `model` and compares it with fixture `key` to 1e-4 (coefficients, intercepts) and the
    /// objective to a relative 1e-9 (ours must be at least as low, up to rounding).
    private func check(_ key: String, _ model: LogisticRegression, x: TrainingMatrix? = nil, weighted: Bool = false,
                       file: StaticString = #filePath, line: UInt = #line) throws {
        let expected = try fits.object(key)
        var model = model
        try model.fit(x ?? matrix, labels: labels, weights: weighted ? weights : nil, control: .none)
        XCTAssertTrue(model.converged, "\(key) did not converge", file: file, line: line)
        XCTAssertGreaterThan(model.iterations, 0, file: file, line: line)
        XCTAssertLessThanOrEqual(model.optimality, model.tolerance, file: file, line: line)
        assertClose(model.coefficientsPerStd, try expected.numbers("coefficientsPerStd"), accuracy: 1e-4, "\(key) per std", file: file, line: line)
        assertClose(model.coefficientsOriginalUnits, try expected.numbers("coefficientsOriginalUnits"), accuracy: 1e-4, "\(key) original", file: file, line: line)
        XCTAssertEqual(model.interceptStandardized, try expected.number("interceptStandardized"), accuracy: 1e-4, key, file: file, line: line)
        XCTAssertEqual(model.intercept, try expected.number("intercept"), accuracy: 1e-4, key, file: file, line: line)
        let objective = try expected.number("objective")
        XCTAssertLessThanOrEqual(model.objectiveValue, objective * (1 + 1e-9), "\(key) objective", file: file, line: line)
        XCTAssertEqual(model.objectiveValue, objective, accuracy: objective * 1e-9, "\(key) objective", file: file, line: line)
        let probabilities = model.predictProbabilities(x ?? matrix)
        assertClose(Array(probabilities.prefix(10)), try expected.numbers("probabilitiesFirst10"), accuracy: 1e-5, "\(key) probabilities", file: file, line: line)
    }

    func testL2MatchesLBFGS() throws {
        try check("l2", LogisticRegression(penalty: .l2, c: 1.0))
    }

    func testL2WithSampleWeightsMatches() throws {
        try check("l2_weighted", LogisticRegression(penalty: .l2, c: 0.5), weighted: true)
    }

    func testBalancedClassWeightsMatch() throws {
        try check("l2_balanced", LogisticRegression(penalty: .l2, c: 1.0, classWeight: .balanced))
    }

    func testL1MatchesSagaAndZeroesWeakFeatures() throws {
        try check("l1", LogisticRegression(penalty: .l1, c: 0.05))
        var model = LogisticRegression(penalty: .l1, c: 0.05)
        try model.fit(matrix, labels: labels, weights: nil, control: .none)
        // age and noise are exactly zero at this strength (as in scikit-learn), the rest are not.
        XCTAssertEqual(model.coefficientsPerStd[0], 0)
        XCTAssertEqual(model.coefficientsPerStd[4], 0)
        XCTAssertTrue(model.coefficientsPerStd[1...3].allSatisfy { $0 != 0 })
    }

    func testElasticNetMatchesSaga() throws {
        try check("elasticnet", LogisticRegression(penalty: .elasticNet(l1Ratio: 0.5), c: 0.05))
    }

    func testL1WithBalancedAndSampleWeightsMatches() throws {
        try check("l1_balanced_weighted", LogisticRegression(penalty: .l1, c: 0.05, classWeight: .balanced), weighted: true)
    }

    func testConstantFeatureGetsZeroCoefficient() throws {
        var columns = matrix.columns
        columns.append([Double](repeating: 7, count: matrix.rows))
        let x = TrainingMatrix(names: matrix.names + ["constant"], columns: columns)
        try check("l2_constant_feature", LogisticRegression(penalty: .l2, c: 1.0), x: x)
        var model = LogisticRegression(penalty: .l2)
        try model.fit(x, labels: labels, weights: nil, control: .none)
        XCTAssertEqual(model.coefficientsPerStd[5], 0)
        // The same with L1 (coordinate descent must skip it, not divide by zero).
        var lasso = LogisticRegression(penalty: .l1, c: 0.05)
        try lasso.fit(x, labels: labels, weights: nil, control: .none)
        XCTAssertEqual(lasso.coefficientsPerStd[5], 0)
        XCTAssertTrue(lasso.converged)
    }
}
