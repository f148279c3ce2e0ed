import Foundation
import XCTest
@testable import ChurnKit

/// Independent oracles and data for the explanation tests.
enum ExplainTestSupport {
    /// The repository root, found from this file.
    static var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
    }

    /// sample-data/subscription.csv as a labelled feature matrix and a training matrix.
    static func subscription() throws -> (FeatureMatrix, TrainingMatrix, [Double]) {
        let loaded = try DataLoader.load(path: repository.appendingPathComponent("sample-data/subscription.csv").path)
        let features = try CustomerTableFeatures.build(table: loaded.table, mapping: loaded.mapping)
        let x = TrainingMatrix(names: features.features.map(\.name), columns: features.features.map(\.values))
        let labels = try XCTUnwrap(features.label)
        return (features, x, labels)
    }

    /// Path-dependent conditional expectation E[tree(x) | x_S] by recursion (Lundberg et al. 2018,
    /// Algorithm 1): features in S follow x, the others split by cover.
    static func conditionalExpectation(_ tree: Tree, node: Int = 0, x: [Double], inS: [Bool], levels: [Int],
                                       leaf: (Double) -> Double) -> Double {
        if tree.isLeaf(node) { return leaf(tree.value[node]) }
        let f = Int(tree.feature[node])
        let l = Int(tree.left[node]), r = Int(tree.right[node])
        if inS[f] {
            let next = tree.goesLeft(node: node, value: x[f], levels: levels[f]) ? l : r
            return conditionalExpectation(tree, node: next, x: x, inS: inS, levels: levels, leaf: leaf)
        }
        let c = tree.cover[node]
        return tree.cover[l] / c * conditionalExpectation(tree, node: l, x: x, inS: inS, levels: levels, leaf: leaf)
            + tree.cover[r] / c * conditionalExpectation(tree, node: r, x: x, inS: inS, levels: levels, leaf: leaf)
    }

    /// Shapley values of `value(S)` over `m` players by enumerating every subset (m ≤ 10 or so).
    static func shapley(players m: Int, value: ([Bool]) -> Double) -> [Double] {
        var cache = [Double](repeating: .nan, count: 1 << m)
        func v(_ mask: Int) -> Double {
            if !cache[mask].isNaN { return cache[mask] }
            let inS = (0..<m).map { mask & (1 << $0) != 0 }
            cache[mask] = value(inS)
            return cache[mask]
        }
        func factorial(_ n: Int) -> Double { n <= 1 ? 1 : Double(n) * factorial(n - 1) }
        var phi = [Double](repeating: 0, count: m)
        for i in 0..<m {
            for mask in 0..<(1 << m) where mask & (1 << i) == 0 {
                let s = mask.nonzeroBitCount
                let w = factorial(s) * factorial(m - s - 1) / factorial(m)
                phi[i] += w * (v(mask | (1 << i)) - v(mask))
            }
        }
        return phi
    }

    /// Brute-force path-dependent SHAP of base + Σ_t weights[t]·leaf(tree_t(x)), and its expected value.
    static func bruteForce(trees: [Tree], weights: [Double], base: Double, x: [Double], levels: [Int],
                           leaf: @escaping (Double) -> Double = { $0 }) -> (expected: Double, phi: [Double]) {
        let m = x.count
        func total(_ inS: [Bool]) -> Double {
            var sum = base
            for (t, tree) in trees.enumerated() {
                sum += weights[t] * conditionalExpectation(tree, x: x, inS: inS, levels: levels, leaf: leaf)
            }
            return sum
        }
        return (total([Bool](repeating: false, count: m)), shapley(players: m, value: total))
    }

    /// Rows with `features` features: normals with ~10% missing, and (when `categorical`) a last
    /// feature holding codes 0..<5; labels from a noisy logistic rule using every feature.
    static func mixedData(rows: Int, features: Int, categorical: Bool, seed: UInt64) -> (TrainingMatrix, [Double]) {
        var rng = SeededRandom(seed: seed)
        var columns = [[Double]](repeating: [], count: features)
        var labels: [Double] = []
        for _ in 0..<rows {
            var m = 0.0
            for j in 0..<features {
                var v: Double
                if categorical && j == features - 1 {
                    v = Double(rng.nextInt(below: 5))
                    m += [1.5, -1.0, 0.0, 2.0, -2.0][Int(v)]
                } else {
                    v = rng.nextNormal()
                    m += (j % 2 == 0 ? 1.0 : -0.7) * v + (j == 1 ? 0.8 * v * v : 0)
                }
                if rng.nextDouble() < 0.1 { v = .nan }
                columns[j].append(v)
            }
            labels.append(rng.nextDouble() < 1 / (1 + exp(-m)) ? 1 : 0)
        }
        let names = (0..<features).map { "x\($0)" }
        return (TrainingMatrix(names: names, columns: columns, categorical: categorical ? [features - 1] : []), labels)
    }
}
