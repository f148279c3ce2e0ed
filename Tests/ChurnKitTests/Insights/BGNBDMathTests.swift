import Foundation
import XCTest
@testable import ChurnKit

/// The special functions behind BG/NBD and Gamma-Gamma, against closed forms and tabulated values.
final class BGNBDMathTests: XCTestCase {
    func testDigammaKnownValues() {
        let eulerGamma = 0.57721566490153286
        XCTAssertEqual(BGNBDMath.digamma(1), -eulerGamma, accuracy: 1e-14)
        XCTAssertEqual(BGNBDMath.digamma(0.5), -eulerGamma - 2 * log(2.0), accuracy: 1e-14)
        XCTAssertEqual(BGNBDMath.digamma(10), 2.251752589066721, accuracy: 1e-14)  // H₉ − γ
        XCTAssertEqual(BGNBDMath.digamma(1e-3), -1000.5755719318103, accuracy: 1e-9)
        // ψ is the derivative of ln Γ.
        for x in [0.3, 2.5, 17.0, 400.0] {
            let h = 1e-5 * x
            let numeric = (BGNBDMath.lnGamma(x + h) - BGNBDMath.lnGamma(x - h)) / (2 * h)
            XCTAssertEqual(BGNBDMath.digamma(x), numeric, accuracy: 1e-7 * max(1, abs(numeric)))
        }
    }

    func testLogGammaRatioAgreesWithLogGamma() {
        for (z, q) in [(3.0, 0.7), (10.0, 2.5), (55.5, 0.31), (1234.0, 3.7), (20.0, 200.0)] {
            XCTAssertEqual(BGNBDMath.lnGammaRatio(z, q), BGNBDMath.lnGamma(z + q) - BGNBDMath.lnGamma(z),
                           accuracy: 1e-11 * max(1, abs(BGNBDMath.lnGamma(z + q))), "z \(z), q \(q)")
        }
        // Exact: Γ(z + 1)/Γ(z) = z.
        XCTAssertEqual(BGNBDMath.lnGammaRatio(5000, 1), log(5000.0), accuracy: 1e-13)
    }

    func testHypergeometricClosedForms() {
        for z in [0.0, 0.1, 0.5, 0.9, 0.99] {
            // ₂F₁(1, 1; 2; z) = −ln(1 − z)/z; ₂F₁(a, b; b; z) = (1 − z)^(−a).
            let log1 = z == 0 ? 1 : -log1p(-z) / z
            XCTAssertEqual(BGNBDMath.hypergeometric2F1MinusOne(1, 1, 2, z), log1 - 1, accuracy: 1e-12 * log1)
            XCTAssertEqual(BGNBDMath.hypergeometric2F1MinusOne(0.37, 2.2, 2.2, z), pow(1 - z, -0.37) - 1, accuracy: 1e-12)
        }
        // A terminating series: ₂F₁(−2, b; c; z) = 1 − 2bz/c + b(b+1)z²/(c(c+1)).
        let (b, c, z) = (1.5, 2.5, 0.4)
        XCTAssertEqual(BGNBDMath.hypergeometric2F1MinusOne(-2, b, c, z), -2 * b * z / c + b * (b + 1) * z * z / (c * (c + 1)), accuracy: 1e-15)
        XCTAssertTrue(BGNBDMath.hypergeometric2F1MinusOne(1, 1, 2, 1).isNaN)
    }
}
