import Foundation
import XCTest
@testable import ChurnKit

/// Nelder-Mead, BFGS and the combined minimiser on functions with known minima.
final class OptimizerTests: XCTestCase {
    /// Rosenbrock's valley, minimum 0 at (1, 1).
    static func rosenbrock(_ x: [Double], _ g: inout [Double]) -> Double {
        let a = 1 - x[0], b = x[1] - x[0] * x[0]
        g[0] = -2 * a - 400 * x[0] * b
        g[1] = 200 * b
        return a * a + 100 * b * b
    }

    func testBFGSFindsTheRosenbrockMinimum() {
        let result = BFGS.minimize(start: [-1.2, 1], Self.rosenbrock)
        XCTAssertTrue(result.converged)
        XCTAssertEqual(result.point[0], 1, accuracy: 1e-6)
        XCTAssertEqual(result.point[1], 1, accuracy: 1e-6)
        XCTAssertLessThan(result.value, 1e-12)
    }

    func testNelderMeadFindsTheRosenbrockMinimumWithoutGradients() {
        var scratch = [0.0, 0.0]
        let result = NelderMead.minimize(start: [-1.2, 1], maxEvaluations: 5000) { Self.rosenbrock($0, &scratch) }
        XCTAssertTrue(result.converged)
        XCTAssertEqual(result.point[0], 1, accuracy: 1e-4)
        XCTAssertEqual(result.point[1], 1, accuracy: 1e-4)
        XCTAssertTrue(result.gradientNorm.isNaN)
    }

    func testInfiniteValuesOutsideTheDomainAreAvoided() {
        // f(x) = x − ln x on x > 0 (minimum 1 at x = 1), +∞ elsewhere; the start's first full step lands outside.
        let result = Optimizer.minimize(start: [8]) { x, g in
            guard x[0] > 0 else { g[0] = .nan; return .infinity }
            g[0] = 1 - 1 / x[0]
            return x[0] - log(x[0])
        }
        XCTAssertTrue(result.converged)
        XCTAssertEqual(result.point[0], 1, accuracy: 1e-8)
        XCTAssertEqual(result.value, 1, accuracy: 1e-14)
    }

    func testCombinedMinimiserFallsBackWhenBFGSCannotStart() {
        // A NaN gradient at the start stops BFGS at once; Nelder-Mead then finds the valley and BFGS polishes.
        let result = Optimizer.minimize(start: [3, -2]) { x, g in
            let v = (x[0] - 2) * (x[0] - 2) + 3 * (x[1] + 1) * (x[1] + 1)
            g[0] = 2 * (x[0] - 2); g[1] = 6 * (x[1] + 1)
            if x == [3, -2] { g[0] = .nan }
            return v
        }
        XCTAssertTrue(result.converged)
        XCTAssertEqual(result.point[0], 2, accuracy: 1e-8)
        XCTAssertEqual(result.point[1], -1, accuracy: 1e-8)
        XCTAssertGreaterThan(result.evaluations, 20)
    }
}
