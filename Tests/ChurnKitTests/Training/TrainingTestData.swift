@testable import ChurnKit
import Foundation

/// Small synthetic churn tables with known structure, for training-engine tests.
enum TrainingTestData {
    /// `rows` customers: churn depends on x1 (strongly) and x2; x3 is noise, x4 ≈ 2·x1 (correlated),
    /// `flat` is constant, `gappy` has missing values. About a quarter churn.
    static func table(rows: Int = 400, seed: UInt64 = 7) -> (matrix: TrainingMatrix, labels: [Double]) {
        var random = SeededRandom(seed: seed)
        var x1 = [Double](), x2 = [Double](), x3 = [Double](), x4 = [Double](), flat = [Double](), gappy = [Double]()
        var labels = [Double]()
        for _ in 0..<rows {
            let a = random.nextNormal(), b = random.nextNormal(), c = random.nextNormal()
            x1.append(a); x2.append(b); x3.append(c); x4.append(2 * a + 0.01 * random.nextNormal()); flat.append(3)
            gappy.append(random.nextDouble() < 0.2 ? .nan : b + random.nextNormal())
            let logit = -1.6 + 2.0 * a + 1.0 * b
            labels.append(random.nextDouble() < 1 / (1 + exp(-logit)) ? 1 : 0)
        }
        let matrix = TrainingMatrix(names: ["x1", "x2", "x3", "x4", "flat", "gappy"], columns: [x1, x2, x3, x4, flat, gappy])
        return (matrix, labels)
    }

    static func data(rows: Int = 400, seed: UInt64 = 7) throws -> TrainingData {
        let t = table(rows: rows, seed: seed)
        return try TrainingData(matrix: t.matrix, labels: t.labels)
    }
}
