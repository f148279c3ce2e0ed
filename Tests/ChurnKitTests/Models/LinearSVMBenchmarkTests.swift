import XCTest
import ChurnKit

/// Linear SVM and naive Bayes fit time on a 100,000 x 40 random problem. Measures only; runs when
/// CHURN_BENCH=1, e.g.
/// `CHURN_BENCH=1 swift test -c release -Xswiftc -enable-testing --scratch-path .build-release --filter LinearSVMBenchmark`.
final class LinearSVMBenchmarkTests: XCTestCase {
    func testFitTime100kBy40() throws {
        try XCTSkipUnless(ProcessInfo.processInfo.environment["CHURN_BENCH"] == "1", "set CHURN_BENCH=1 to measure")
        let (x, y) = LogisticRegressionBehaviourTests.problem(rows: 100_000, features: 40, seed: 42)
        for loss in LinearSVM.Loss.allCases {
            for c in [1.0, 0.01] {
                var model = LinearSVM(loss: loss, c: c)
                let start = Date()
                try model.fit(x, labels: y, weights: nil, control: .none)
                let seconds = Date().timeIntervalSince(start)
                let auc = Metrics.rocAUC(scores: model.predictMargins(x), labels: y)
                let brier = Metrics.brierScore(probabilities: model.predictProbabilities(x), labels: y)
                print(String(format: "BENCH svm %@ C=%g %@ solver: %.3f s (final fit + %d probability folds), %d iterations, converged %@, AUC %.4f, Brier %.4f",
                             loss.rawValue, c, model.solverUsed.rawValue, seconds, model.probabilityFolds, model.iterations,
                             model.converged ? "yes" : "no", auc, brier))
            }
        }
        var bayes = GaussianNaiveBayes()
        let start = Date()
        try bayes.fit(x, labels: y, weights: nil, control: .none)
        let seconds = Date().timeIntervalSince(start)
        print(String(format: "BENCH naive Bayes: %.3f s, AUC %.4f", seconds,
                     Metrics.rocAUC(scores: bayes.predictMargins(x), labels: y)))
    }
}
