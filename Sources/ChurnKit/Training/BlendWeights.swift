import Foundation

/// Non-negative weights summing to 1 for a blend of models' probabilities, fitted by minimising the
/// log loss of the blended out-of-fold probabilities over the simplex.
///
/// Method: projected gradient descent on the simplex (Euclidean projection, Duchi et al. 2008) with a
/// backtracking step, from equal weights, stopping when the loss improves by less than 1e-10 or after
/// 500 steps. The problem is convex, so the result does not depend on the start. Deterministic.
public enum BlendWeights {
    /// Weights for `members` (one probability array per model, each with a value per row).
    public static func fit(_ members: [[Double]], labels: [Double], rows: [Int]? = nil) -> [Double] {
        let m = members.count
        guard m > 1 else { return [Double](repeating: 1, count: m) }
        let rows = rows ?? Array(labels.indices)
        func loss(_ w: [Double]) -> Double {
            var total = 0.0
            for r in rows {
                var p = 0.0
                for k in 0..<m { p += w[k] * members[k][r] }
                p = min(max(p, 1e-15), 1 - 1e-15)
                total -= labels[r] > 0.5 ? log(p) : log(1 - p)
            }
            return total / Double(max(rows.count, 1))
        }
        func gradient(_ w: [Double]) -> [Double] {
            var g = [Double](repeating: 0, count: m)
            for r in rows {
                var p = 0.0
                for k in 0..<m { p += w[k] * members[k][r] }
                p = min(max(p, 1e-15), 1 - 1e-15)
                let d = labels[r] > 0.5 ? -1 / p : 1 / (1 - p)
                for k in 0..<m { g[k] += d * members[k][r] }
            }
            return g.map { $0 / Double(max(rows.count, 1)) }
        }
        var w = [Double](repeating: 1 / Double(m), count: m)
        var current = loss(w)
        var step = 1.0
        for _ in 0..<500 {
            let g = gradient(w)
            var improved = false
            while step > 1e-12 {
                let candidate = projectToSimplex(zip(w, g).map { $0 - step * $1 })
                let value = loss(candidate)
                if value < current {
                    let gain = current - value
                    w = candidate; current = value; improved = gain > 1e-10
                    step *= 2
                    break
                }
                step /= 2
            }
            if !improved { break }
        }
        return w
    }

    /// The closest point of the probability simplex to `v`.
    public static func projectToSimplex(_ v: [Double]) -> [Double] {
        let u = v.sorted(by: >)
        var cumulative = 0.0, theta = 0.0
        for (i, value) in u.enumerated() {
            cumulative += value
            let t = (cumulative - 1) / Double(i + 1)
            if value - t > 0 { theta = t }
        }
        return v.map { max($0 - theta, 0) }
    }

    /// The blended probabilities of every row.
    public static func blend(_ members: [[Double]], weights: [Double]) -> [Double] {
        guard let first = members.first else { return [] }
        var out = [Double](repeating: 0, count: first.count)
        for (k, member) in members.enumerated() where weights[k] != 0 {
            for i in out.indices { out[i] += weights[k] * member[i] }
        }
        return out.map { min(max($0, 0), 1) }
    }
}
