import ChurnKit

/// Seeded data for the tree tests (SplitMix64, independent of the library's generator).
struct TreeTestRandom {
    private var state: UInt64
    init(_ seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Standard normal (Box-Muller).
    mutating func normal() -> Double {
        let u = max(unit(), 1e-300), v = unit()
        return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
    }
}

import Foundation

enum TreeTestData {
    /// `rows` rows of `features` standard-normal features; P(y=1) = sigmoid(2 x0 - x1 + x2 x3).
    static func noisyLogistic(rows: Int, features: Int = 5, seed: UInt64 = 1) -> (TrainingMatrix, [Double]) {
        var rng = TreeTestRandom(seed)
        var columns = [[Double]](repeating: [], count: features)
        var labels: [Double] = []
        for _ in 0..<rows {
            var row: [Double] = []
            for j in 0..<features {
                let v = rng.normal()
                row.append(v)
                columns[j].append(v)
            }
            let m = 2 * row[0] - row[1] + row[2] * row[3]
            labels.append(rng.unit() < 1 / (1 + exp(-m)) ? 1 : 0)
        }
        return (TrainingMatrix(names: (0..<features).map { "x\($0)" }, columns: columns), labels)
    }

    /// Share of rows where the probability is on the right side of 0.5.
    static func accuracy(_ p: [Double], _ y: [Double]) -> Double {
        Double(zip(p, y).filter { ($0 >= 0.5) == ($1 == 1) }.count) / Double(y.count)
    }

    /// ROC-AUC by counting ordered pairs (ties count half); O(n^2), for small test sets only.
    static func auc(_ p: [Double], _ y: [Double]) -> Double {
        let pos = zip(p, y).filter { $0.1 == 1 }.map(\.0)
        let neg = zip(p, y).filter { $0.1 == 0 }.map(\.0)
        var wins = 0.0
        for a in pos { for b in neg { wins += a > b ? 1 : (a == b ? 0.5 : 0) } }
        return wins / Double(pos.count * neg.count)
    }
}
