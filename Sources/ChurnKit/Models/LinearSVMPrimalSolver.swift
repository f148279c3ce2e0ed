import Foundation

/// The primal problem of the L2-regularised squared-hinge linear SVM, solved by Newton's method with
/// the generalised Hessian and a backtracking line search (the primal route LIBLINEAR takes for
/// `dual=False`, here with an explicit Hessian because churn tables have few features).
///
///     f(w) = ½‖w‖² + Σ Cᵢ·max(0, 1 − yᵢ·w·xᵢ)²
///     ∇f   = w − 2·Σ_{i∈I} Cᵢ·(1 − yᵢ·w·xᵢ)·yᵢ·xᵢ        I = rows with 1 − yᵢ·w·xᵢ > 0
///     H    = 1 + 2·Σ_{i∈I} Cᵢ·xᵢxᵢᵀ                          (positive definite, solved by Cholesky)
///
/// One iteration costs O(n·d²) for the Hessian, which beats dual coordinate descent by far when the
/// rows outnumber the features (dual descent then needs many epochs). Stops, as LIBLINEAR's primal
/// solvers, when ‖∇f(w)‖₂ ≤ tolerance · min(N₊, N₋)/n · ‖∇f(0)‖₂ (N± counting rows with positive cost).
/// The design matrix is column-major (contiguous columns); buffers are allocated once per fit.
final class LinearSVMPrimal {
    let rows: Int
    let features: Int
    let width: Int
    private let x: UnsafeMutablePointer<Double>
    private let y: UnsafeMutablePointer<Double>
    private let cost: UnsafeMutablePointer<Double>
    private let margin: UnsafeMutablePointer<Double>
    private let trialMargin: UnsafeMutablePointer<Double>
    private let direction: UnsafeMutablePointer<Double>
    private let positives: Int
    private let negatives: Int

    init(x matrix: TrainingMatrix, standardizer: Standardizer, labels: [Double], costs: [Double], bias: Double?) {
        rows = matrix.rows
        features = matrix.featureCount
        width = features + (bias == nil ? 0 : 1)
        let n = max(rows, 1)
        x = .allocate(capacity: max(rows * width, 1))
        y = .allocate(capacity: n); cost = .allocate(capacity: n)
        margin = .allocate(capacity: n); trialMargin = .allocate(capacity: n); direction = .allocate(capacity: n)
        standardizer.standardize(matrix, into: x)
        if let bias { (x + features * rows).initialize(repeating: bias, count: rows) }
        var p = 0, q = 0
        for i in 0..<rows {
            y[i] = labels[i] > 0.5 ? 1 : -1
            cost[i] = costs[i]
            if costs[i] > 0 { if labels[i] > 0.5 { p += 1 } else { q += 1 } }
        }
        positives = p
        negatives = q
    }

    deinit {
        x.deallocate(); y.deallocate(); cost.deallocate(); margin.deallocate(); trialMargin.deallocate(); direction.deallocate()
    }

    /// Column j of the design matrix.
    @inline(__always) private func column(_ j: Int) -> UnsafeMutablePointer<Double> { x + j * rows }

    /// m = X·w into `out`.
    private func multiply(_ w: [Double], into out: UnsafeMutablePointer<Double>) {
        out.update(repeating: 0, count: rows)
        for j in 0..<width where w[j] != 0 {
            let col = column(j), wj = w[j]
            for i in 0..<rows { out[i] += wj * col[i] }
        }
    }

    /// f at w given its margins m = X·w.
    private func objective(_ w: [Double], margins m: UnsafeMutablePointer<Double>) -> Double {
        var squares = 0.0
        for v in w { squares += v * v }
        var loss = 0.0
        for i in 0..<rows {
            let slack = 1 - y[i] * m[i]
            if slack > 0 { loss += cost[i] * slack * slack }
        }
        return 0.5 * squares + loss
    }

    /// ∇f at w given its margins.
    private func gradient(_ w: [Double], margins m: UnsafeMutablePointer<Double>) -> [Double] {
        // direction[i] = −2·Cᵢ·slackᵢ·yᵢ on the active rows, 0 elsewhere (scratch use of the buffer).
        for i in 0..<rows {
            let slack = 1 - y[i] * m[i]
            direction[i] = slack > 0 ? -2 * cost[i] * slack * y[i] : 0
        }
        var g = w
        for j in 0..<width {
            let col = column(j)
            var s = 0.0
            for i in 0..<rows { s += direction[i] * col[i] }
            g[j] += s
        }
        return g
    }

    private static func norm(_ v: [Double]) -> Double { v.reduce(0) { $0 + $1 * $1 }.squareRoot() }

    func solve(tolerance: Double, maxIterations: Int, control: TrainingControl) throws -> LinearSVMDual.Solution {
        var w = [Double](repeating: 0, count: width)
        multiply(w, into: margin)
        var value = objective(w, margins: margin)
        var g = gradient(w, margins: margin)
        // ‖∇f‖ is measured relative to min(N₊, N₋)/n · ‖∇f(0)‖ (LIBLINEAR's scale for its tolerance).
        let reference = max(Double(max(min(positives, negatives), 1)) / Double(max(positives + negatives, 1)) * Self.norm(g),
                            .leastNormalMagnitude)
        let stop = tolerance * reference
        var iterations = 0
        var converged = Self.norm(g) <= stop
        var hessian = [Double](repeating: 0, count: width * width)
        while !converged && iterations < maxIterations {
            try control.checkCancelled()
            iterations += 1
            // Generalised Hessian 1 + 2·Σ_I Cᵢ xᵢxᵢᵀ (direction[] holds the active-row weights 2Cᵢ).
            for i in 0..<rows { direction[i] = 1 - y[i] * margin[i] > 0 ? 2 * cost[i] : 0 }
            for j in 0..<width {
                let cj = column(j)
                for k in 0...j {
                    let ck = column(k)
                    var s = 0.0
                    for i in 0..<rows { s += direction[i] * cj[i] * ck[i] }
                    hessian[j * width + k] = s + (j == k ? 1 : 0)
                    hessian[k * width + j] = hessian[j * width + k]
                }
            }
            let step = Self.choleskySolve(hessian, g.map { -$0 }, size: width)
            // Backtracking line search on f (piecewise quadratic, so the full step is usually taken).
            multiply(step, into: trialMargin)
            var descent = 0.0
            for j in 0..<width { descent += g[j] * step[j] }
            var t = 1.0
            var accepted = false
            while t >= 1e-12 {
                let candidate = (0..<width).map { w[$0] + t * step[$0] }
                for i in 0..<rows { direction[i] = margin[i] + t * trialMargin[i] }
                let newValue = objective(candidate, margins: direction)
                if newValue <= value + 1e-4 * t * descent {
                    w = candidate
                    value = newValue
                    margin.update(from: direction, count: rows)
                    accepted = true
                    break
                }
                t /= 2
            }
            g = gradient(w, margins: margin)
            if Self.norm(g) <= stop { converged = true; break }
            if !accepted { break }
        }
        var active = 0
        for i in 0..<rows where cost[i] > 0 && 1 - y[i] * margin[i] > 0 { active += 1 }
        return LinearSVMDual.Solution(weights: w, iterations: iterations, converged: converged,
                                      optimality: Self.norm(g) / reference,
                                      primal: value, dual: .nan, supportVectors: active)
    }

    /// Solves A·x = b for a symmetric positive definite `size`×`size` matrix A (row-major) by Cholesky.
    static func choleskySolve(_ a: [Double], _ b: [Double], size n: Int) -> [Double] {
        var l = [Double](repeating: 0, count: n * n)
        for j in 0..<n {
            var d = a[j * n + j]
            for k in 0..<j { d -= l[j * n + k] * l[j * n + k] }
            let root = max(d, 1e-300).squareRoot()
            l[j * n + j] = root
            for i in (j + 1)..<max(n, j + 1) {
                var s = a[i * n + j]
                for k in 0..<j { s -= l[i * n + k] * l[j * n + k] }
                l[i * n + j] = s / root
            }
        }
        var z = b
        for i in 0..<n {
            var s = z[i]
            for k in 0..<i { s -= l[i * n + k] * z[k] }
            z[i] = s / l[i * n + i]
        }
        var x = z
        for i in stride(from: n - 1, through: 0, by: -1) {
            var s = x[i]
            for k in (i + 1)..<max(n, i + 1) { s -= l[k * n + i] * x[k] }
            x[i] = s / l[i * n + i]
        }
        return x
    }
}
