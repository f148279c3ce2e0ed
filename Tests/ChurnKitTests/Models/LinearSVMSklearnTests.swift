import XCTest
@testable import ChurnKit

/// LinearSVM against scikit-learn's LinearSVC (dual coordinate descent, LIBLINEAR) on standardised
/// features (Tests/Fixtures/sklearn_svm_nb_calibration.json, data in Tests/Fixtures/logistic_data.csv).
final class LinearSVMSklearnTests: XCTestCase {
    var matrix = TrainingMatrix(names: [], columns: [])
    var labels: [Double] = []
    var weights: [Double] = []
    var fits: [String: Any] = [:]

    override func setUpWithError() throws {
        let csv = try FixtureFiles.numericCSV("logistic_data.csv")
        matrix = TrainingMatrix(names: Array(csv.names.prefix(5)), columns: Array(csv.columns.prefix(5)))
        labels = csv.columns[5]
        weights = csv.columns[6]
        fits = try FixtureFiles.json("sklearn_svm_nb_calibration.json").object("svm")
    }

    /// Fits `model` to fixture `key` with every solver that handles its loss and compares coefficients,
    /// intercept and every decision value to 1e-5, and the primal objective to a relative 1e-9 (ours at
    /// least as low, up to rounding).
    private func check(_ key: String, _ model: LinearSVM, weighted: Bool = false,
                       file: StaticString = #filePath, line: UInt = #line) throws {
        let expected = try fits.object(key)
        let solvers: [LinearSVM.Solver] = model.loss == .hinge ? [.dual] : [.dual, .primal]
        for solver in solvers {
            var model = model
            model.solver = solver
            model.tolerance = 1e-9
            model.maxIterations = 100_000
            try model.fit(matrix, labels: labels, weights: weighted ? weights : nil, control: .none)
            let name = "\(key) \(solver)"
            XCTAssertEqual(model.solverUsed, solver, file: file, line: line)
            XCTAssertTrue(model.converged, "\(name) did not converge", file: file, line: line)
            XCTAssertLessThanOrEqual(model.optimality, 1e-9, file: file, line: line)
            assertClose(model.coefficientsPerStd, try expected.numbers("coefficientsPerStd"), accuracy: 1e-5, "\(name) coefficients", file: file, line: line)
            XCTAssertEqual(model.interceptStandardized, try expected.number("interceptStandardized"), accuracy: 1e-5, name, file: file, line: line)
            assertClose(model.predictMargins(matrix), try expected.numbers("decision"), accuracy: 1e-5, "\(name) decision", file: file, line: line)
            let objective = try expected.number("objective")
            XCTAssertEqual(model.objectiveValue, objective, accuracy: objective * 1e-9, "\(name) objective", file: file, line: line)
            XCTAssertLessThanOrEqual(model.objectiveValue, objective * (1 + 1e-10), "\(name) objective", file: file, line: line)
            if solver == .dual {
                // Weak duality: the gap is non-negative and small at the optimum.
                XCTAssertGreaterThanOrEqual(model.dualityGap, -1e-9 * objective, file: file, line: line)
                XCTAssertLessThan(model.dualityGap, 1e-6 * objective, file: file, line: line)
            }
        }
    }

    func testHingeMatchesLinearSVC() throws {
        try check("hinge", LinearSVM(loss: .hinge, c: 1.0))
    }

    func testSquaredHingeMatchesLinearSVC() throws {
        try check("squared_hinge", LinearSVM(loss: .squaredHinge, c: 1.0))
    }

    func testStrongRegularisationMatches() throws {
        try check("hinge_small_c", LinearSVM(loss: .hinge, c: 0.05))
    }

    func testSampleWeightsScaleTheCost() throws {
        try check("squared_hinge_weighted", LinearSVM(loss: .squaredHinge, c: 0.1), weighted: true)
    }

    func testBalancedClassWeightsMatch() throws {
        try check("hinge_balanced", LinearSVM(loss: .hinge, c: 0.5, classWeight: .balanced))
    }

    func testBalancedAndSampleWeightsMatch() throws {
        try check("squared_hinge_balanced_weighted", LinearSVM(loss: .squaredHinge, c: 1.0, classWeight: .balanced), weighted: true)
    }

    /// With scikit-learn's default tolerance (1e-4) the answer is already close: within a few 1e-3.
    func testDefaultToleranceIsClose() throws {
        let expected = try fits.object("squared_hinge")
        for solver in [LinearSVM.Solver.automatic, .dual] {
            var model = LinearSVM(solver: solver)
            try model.fit(matrix, labels: labels, weights: nil, control: .none)
            XCTAssertTrue(model.converged)
            XCTAssertEqual(model.solverUsed, solver == .automatic ? .primal : .dual, "200 rows > 5 features: primal")
            assertClose(model.coefficientsPerStd, try expected.numbers("coefficientsPerStd"), accuracy: 3e-3, "default tolerance")
            XCTAssertEqual(model.objectiveValue, try expected.number("objective"), accuracy: 1e-3 * (try expected.number("objective")))
        }
    }

    /// Shrinking is a speed-up only: the solution is the same with it off.
    func testShrinkingDoesNotChangeTheSolution() throws {
        for loss in LinearSVM.Loss.allCases {
            var a = LinearSVM(loss: loss, solver: .dual, tolerance: 1e-9, maxIterations: 100_000, shrinking: true)
            var b = LinearSVM(loss: loss, solver: .dual, tolerance: 1e-9, maxIterations: 100_000, shrinking: false)
            try a.fit(matrix, labels: labels, weights: nil, control: .none)
            try b.fit(matrix, labels: labels, weights: nil, control: .none)
            assertClose(a.coefficientsPerStd, b.coefficientsPerStd, accuracy: 1e-6, "\(loss)")
            XCTAssertEqual(a.objectiveValue, b.objectiveValue, accuracy: 1e-9 * a.objectiveValue)
        }
    }

    /// Original-unit coefficients reproduce the decision function on raw features.
    func testOriginalUnitCoefficientsGiveTheSameDecision() throws {
        var model = LinearSVM(loss: .hinge)
        try model.fit(matrix, labels: labels, weights: nil, control: .none)
        let margins = model.predictMargins(matrix)
        for i in [0, 17, 199] {
            var f = model.intercept
            for j in 0..<matrix.featureCount { f += model.coefficientsOriginalUnits[j] * matrix.columns[j][i] }
            XCTAssertEqual(f, margins[i], accuracy: 1e-10)
        }
    }
}
