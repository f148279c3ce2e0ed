import Foundation

/// Gauss–Legendre quadrature rules on [0, 1]: `n` nodes integrate every polynomial of degree ≤ 2n − 1
/// exactly (up to rounding).
///
/// TreeSHAP uses them to evaluate the Shapley weighted subset sums as integrals of polynomials:
/// Σ_{S ⊆ U∖{i}} |S|!(d−|S|−1)!/d! · Π_{k∈S} a_k · Π_{k∉S, k≠i} b_k = ∫₀¹ Π_{k≠i} (t·a_k + (1−t)·b_k) dt,
/// a polynomial of degree d − 1, so ⌈d/2⌉ nodes give the exact value.
enum GaussLegendre {
    /// Nodes and weights of the `n`-point rule on [0, 1] (weights sum to 1), nodes in increasing order.
    static func rule(_ n: Int) -> (nodes: [Double], weights: [Double]) {
        precondition(n >= 1, "a quadrature rule needs at least one node")
        var nodes = [Double](repeating: 0, count: n)
        var weights = [Double](repeating: 0, count: n)
        for i in 0..<(n + 1) / 2 {
            // Newton's method on P_n from the usual asymptotic guess of the i-th root in [-1, 1].
            var x = cos(Double.pi * (Double(i) + 0.75) / (Double(n) + 0.5))
            var derivative = 0.0
            for _ in 0..<100 {
                var p0 = 1.0, p1 = x
                if n == 1 { p1 = x; p0 = 1 } else {
                    for k in 2...n {
                        let p2 = ((2 * Double(k) - 1) * x * p1 - (Double(k) - 1) * p0) / Double(k)
                        p0 = p1
                        p1 = p2
                    }
                }
                // p1 = P_n(x), p0 = P_{n-1}(x).
                derivative = Double(n) * (x * p1 - p0) / (x * x - 1)
                let step = p1 / derivative
                x -= step
                if abs(step) < 1e-16 { break }
            }
            if n == 1 { derivative = 1 }
            let w = 2 / ((1 - x * x) * derivative * derivative)
            // Map [-1, 1] to [0, 1]: t = (1 ∓ x)/2, weight w/2.
            nodes[i] = (1 - x) / 2
            nodes[n - 1 - i] = (1 + x) / 2
            weights[i] = w / 2
            weights[n - 1 - i] = w / 2
        }
        if n % 2 == 1 { nodes[n / 2] = 0.5 }
        return (nodes, weights)
    }
}
