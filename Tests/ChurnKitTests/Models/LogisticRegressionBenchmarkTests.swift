import XCTest
import ChurnKit

/// Fit time on a 100,000 x 40 random problem. Measures only; runs when CHURN_BENCH=1, e.g.
/// `CHURN_BENCH=1 swift test -c release -Xswiftc -enable-testing --scratch-path .build-release --filter LogisticRegressionBenchmark`.
final class LogisticRegressionBenchmarkTests: XCTestCase {
    func testFitTime100kBy40() throws {
        try XCTSkipUnless(ProcessInfo.processInfo.environment["CHURN_BENCH"] == "1", "set CHURN_BENCH=1 to measure")
        let (x, y) = LogisticRegressionBehaviourTests.problem(rows: 100_000, features: 40, seed: 42)
        for penalty in [LogisticRegression.Penalty.l2, .l1, .elasticNet(l1Ratio: 0.5)] {
            for c in [1.0, 0.001] {
                var model = LogisticRegression(penalty: penalty, c: c)
                let start = Date()
                try model.fit(x, labels: y, weights: nil, control: .none)
                let seconds = Date().timeIntervalSince(start)
                let auc = Metrics.rocAUC(scores: model.predictProbabilities(x), labels: y)
                print(String(format: "BENCH logreg %@ C=%g: %.3f s, %d iterations, converged %@, non-zero %d, AUC %.4f",
                             penalty.name, c, seconds, model.iterations, model.converged ? "yes" : "no",
                             model.coefficientsPerStd.filter { $0 != 0 }.count, auc))
                XCTAssertTrue(model.converged)
            }
        }
    }
}
