import Foundation

/// The penalised, weighted logistic-regression problem on standardised data, and its two solvers.
///
/// Minimises f(b₀, β) = Σᵢ vᵢ·ℓᵢ + α·[(1−ρ)/2·‖β‖² + ρ·‖β‖₁], where ℓᵢ is the log loss of row i at
/// margin b₀ + xᵢ·β, vᵢ are the row weights divided by their sum W, α = 1/(C·W) and ρ the L1 share.
/// That is scikit-learn's objective C·Σ wᵢℓᵢ + penalty divided by C·W, so the minimiser is the same.
/// The intercept b₀ is never penalised.
///
/// Owns its buffers (column-major design matrix, labels, weights, margins and work space), allocated
/// once per fit; the solver loops allocate nothing per row.
final class LogisticProblem {
    let rows: Int
    let features: Int
    /// Standardised design matrix, column j at offset j·rows.
    let x: UnsafeMutablePointer<Double>
    let y: UnsafeMutablePointer<Double>
    let v: UnsafeMutablePointer<Double>
    /// Penalty strength α = 1/(C·W) (0 without penalty).
    let alpha: Double
    /// Share ρ of the penalty that is L1.
    let l1Ratio: Double

    // Work buffers of `rows` doubles.
    private let margin: UnsafeMutablePointer<Double>
    private let work1: UnsafeMutablePointer<Double>
    private let work2: UnsafeMutablePointer<Double>
    private let work3: UnsafeMutablePointer<Double>
    private let trial: UnsafeMutablePointer<Double>

    /// The outcome of a solve.
    struct Solution {
        var intercept: Double
        var coefficients: [Double]
        var iterations: Int
        var converged: Bool
        /// The largest violation of the optimality conditions of f at the solution.
        var optimality: Double
        /// f at the solution.
        var objective: Double
    }

    init(x: TrainingMatrix, standardizer: Standardizer, labels: [Double], weights: [Double], alpha: Double, l1Ratio: Double) {
        rows = x.rows
        features = x.featureCount
        let n = max(rows, 1)
        self.x = .allocate(capacity: max(rows * features, 1))
        y = .allocate(capacity: n); v = .allocate(capacity: n)
        margin = .allocate(capacity: n); work1 = .allocate(capacity: n); work2 = .allocate(capacity: n)
        work3 = .allocate(capacity: n); trial = .allocate(capacity: n)
        self.alpha = alpha
        self.l1Ratio = l1Ratio
        standardizer.standardize(x, into: self.x)
        var total = 0.0
        for i in 0..<rows { total += weights[i] }
        for i in 0..<rows {
            y[i] = labels[i] > 0.5 ? 1 : 0
            v[i] = weights[i] / total
        }
    }

    deinit {
        x.deallocate(); y.deallocate(); v.deallocate()
        margin.deallocate(); work1.deallocate(); work2.deallocate(); work3.deallocate(); trial.deallocate()
    }

    /// Column j of the design matrix.
    @inline(__always) private func column(_ j: Int) -> UnsafeMutablePointer<Double> { x + j * rows }

    /// The penalty α·[(1−ρ)/2·‖β‖² + ρ·‖β‖₁].
    func penalty(_ beta: [Double]) -> Double {
        var squares = 0.0, absolute = 0.0
        for b in beta { squares += b * b; absolute += abs(b) }
        return alpha * (0.5 * (1 - l1Ratio) * squares + l1Ratio * absolute)
    }

    /// Σ vᵢ·ℓᵢ for the margins in `m`.
    private func loss(_ m: UnsafeMutablePointer<Double>) -> Double {
        var s = 0.0
        for i in 0..<rows {
            let mi = m[i]
            s += v[i] * (LogisticKernels.softplus(mi) - y[i] * mi)
        }
        return s
    }

    /// Sets margin = b₀ + X·β.
    private func computeMargins(intercept: Double, beta: [Double]) {
        for i in 0..<rows { margin[i] = intercept }
        for j in 0..<features where beta[j] != 0 { LogisticKernels.axpy(beta[j], column(j), margin, rows) }
    }

    /// Writes gᵢ = vᵢ(pᵢ − yᵢ) to `work1` and hᵢ = vᵢ·pᵢ(1 − pᵢ) to `work2` for the current margins.
    private func residualsAndCurvature() {
        for i in 0..<rows {
            let p = LogisticKernels.sigmoid(margin[i])
            work1[i] = v[i] * (p - y[i])
            work2[i] = v[i] * p * (1 - p)
        }
    }

    /// The weighted intercept-only solution log(ȳ / (1 − ȳ)), a good starting point.
    private func startingIntercept() -> Double {
        var positive = 0.0
        for i in 0..<rows { positive += v[i] * y[i] }
        let share = min(max(positive, 1e-12), 1 - 1e-12)
        return log(share / (1 - share))
    }

    /// Solves with Newton's method (smooth penalties) or proximal Newton with coordinate descent (L1
    /// and elastic net). Converged means the largest violation of the optimality conditions is at most
    /// `tolerance`. Checks `control` for cancellation every iteration and reports each one.
    func solve(tolerance: Double, maxIterations: Int, control: TrainingControl, label: String) throws -> Solution {
        if alpha > 0 && l1Ratio > 0 {
            return try proximalNewton(tolerance: tolerance, maxIterations: maxIterations, control: control, label: label)
        }
        return try newton(tolerance: tolerance, maxIterations: maxIterations, control: control, label: label)
    }

    // MARK: Newton (L2 or no penalty)

    /// Newton's method with an Armijo backtracking line search on f. Each iteration forms the exact
    /// (p+1)² Hessian in O(rows·p²) from contiguous columns and solves it by Cholesky.
    private func newton(tolerance: Double, maxIterations: Int, control: TrainingControl, label: String) throws -> Solution {
        let n = rows, p = features, size = p + 1
        let l2 = alpha * (1 - l1Ratio)
        var intercept = startingIntercept()
        var beta = [Double](repeating: 0, count: p)
        computeMargins(intercept: intercept, beta: beta)
        var f = loss(margin) + penalty(beta)
        var iterations = 0, converged = false, optimality = Double.infinity
        var hessian = [Double](repeating: 0, count: size * size)
        var gradient = [Double](repeating: 0, count: size)
        while true {
            try control.checkCancelled()
            residualsAndCurvature()
            // Gradient: index 0 is the intercept.
            gradient[0] = LogisticKernels.sum(work1, n)
            for j in 0..<p { gradient[j + 1] = LogisticKernels.dot(column(j), work1, n) + l2 * beta[j] }
            optimality = gradient.reduce(0) { max($0, abs($1)) }
            if optimality <= tolerance { converged = true; break }
            if iterations >= maxIterations { break }
            // Hessian H = Xᵀ diag(h) X (+ α(1−ρ) on the coefficient diagonal), X with a leading ones column.
            hessian[0] = LogisticKernels.sum(work2, n)
            for j in 0..<p {
                try control.checkCancelled()  // O(rows·p) per column: keeps wide problems responsive
                let xj = column(j)
                for i in 0..<n { work3[i] = work2[i] * xj[i] }
                let hx = LogisticKernels.sum(work3, n)
                hessian[j + 1] = hx; hessian[(j + 1) * size] = hx
                for k in j..<p {
                    let value = LogisticKernels.dot(work3, column(k), n) + (k == j ? l2 : 0)
                    hessian[(j + 1) * size + k + 1] = value
                    hessian[(k + 1) * size + j + 1] = value
                }
            }
            guard let step = LogisticKernels.solveSymmetric(hessian, gradient.map { -$0 }, size: size) else { break }
            // Direction in margin space: work3 = d₀ + X·d.
            for i in 0..<n { work3[i] = step[0] }
            for j in 0..<p where step[j + 1] != 0 { LogisticKernels.axpy(step[j + 1], column(j), work3, n) }
            var slope = 0.0
            for k in 0..<size { slope += gradient[k] * step[k] }
            guard slope < 0 else { break }
            var t = 1.0, accepted = false
            while t > 1e-12 {
                for i in 0..<n { trial[i] = margin[i] + t * work3[i] }
                let candidate = (0..<p).map { beta[$0] + t * step[$0 + 1] }
                let fTrial = loss(trial) + penalty(candidate)
                if fTrial <= f + 1e-4 * t * slope || (fTrial <= f && t < 1e-3) {
                    intercept += t * step[0]
                    beta = candidate
                    margin.update(from: trial, count: n)
                    f = fTrial
                    accepted = true
                    break
                }
                t *= 0.5
            }
            iterations += 1
            control.report("\(label): iteration \(iterations), objective \(Self.short(f)), gradient \(Self.short(optimality))")
            if !accepted { break }
        }
        return Solution(intercept: intercept, coefficients: beta, iterations: iterations, converged: converged,
                        optimality: optimality, objective: f)
    }

    // MARK: Proximal Newton with coordinate descent (L1, elastic net)

    /// glmnet-style proximal Newton: each outer iteration forms the quadratic approximation of the log
    /// loss at the current point (weights vᵢpᵢ(1−pᵢ), working residual (yᵢ−pᵢ)/(pᵢ(1−pᵢ))), minimises it
    /// plus the exact penalty by cyclic coordinate descent with soft thresholding, then takes the
    /// largest step along the result that decreases f enough (backtracking). Stops when the
    /// subgradient optimality conditions hold to `tolerance`.
    private func proximalNewton(tolerance: Double, maxIterations: Int, control: TrainingControl, label: String) throws -> Solution {
        let n = rows, p = features
        let l1 = alpha * l1Ratio, l2 = alpha * (1 - l1Ratio)
        var intercept = startingIntercept()
        var beta = [Double](repeating: 0, count: p)
        computeMargins(intercept: intercept, beta: beta)
        var f = loss(margin) + penalty(beta)
        var iterations = 0, converged = false, optimality = Double.infinity
        var gradient = [Double](repeating: 0, count: p)
        var curvature = [Double](repeating: 0, count: p)
        while true {
            try control.checkCancelled()
            // work1 = gᵢ = vᵢ(pᵢ − yᵢ), work2 = uᵢ = vᵢ·max(pᵢ(1 − pᵢ), floor), work3 = working residual.
            var gradient0 = 0.0
            for i in 0..<n {
                let prob = LogisticKernels.sigmoid(margin[i])
                let g = v[i] * (prob - y[i])
                let q = max(prob * (1 - prob), 1e-10)
                work1[i] = g
                work2[i] = v[i] * q
                work3[i] = -g / work2[i].nonZero
                gradient0 += g
            }
            optimality = abs(gradient0)
            for j in 0..<p {
                let g = LogisticKernels.dot(column(j), work1, n)
                gradient[j] = g
                let b = beta[j]
                let violation = b != 0 ? abs(g + l2 * b + l1 * (b > 0 ? 1 : -1)) : max(0, abs(g) - l1)
                optimality = max(optimality, violation)
            }
            if optimality <= tolerance { converged = true; break }
            if iterations >= maxIterations { break }
            // Inner problem: minimise ½Σ uᵢ(rᵢ − Δmᵢ)² + penalty(β + Δβ) over Δ; work3 holds rᵢ − Δmᵢ.
            let sumU = LogisticKernels.sum(work2, n)
            for j in 0..<p {
                let xj = column(j)
                var a = 0.0
                for i in 0..<n { a += work2[i] * xj[i] * xj[i] }
                curvature[j] = a
            }
            var newBeta = beta, delta0 = 0.0
            let innerTolerance = max(min(0.1 * optimality, 1e-3), 0.1 * tolerance)
            for sweep in 0..<10_000 {
                if sweep % 8 == 7 { try control.checkCancelled() }
                var largest = 0.0
                // Intercept (unpenalised): exact minimisation.
                for i in 0..<n { trial[i] = work2[i] * work3[i] }
                let shift = LogisticKernels.sum(trial, n) / sumU.nonZero
                if shift != 0 {
                    delta0 += shift
                    for i in 0..<n { work3[i] -= shift }
                    largest = max(largest, abs(shift) * sumU.squareRoot())
                }
                for j in 0..<p where curvature[j] > 0 || newBeta[j] != 0 {
                    let xj = column(j)
                    var z = 0.0
                    for i in 0..<n { z += work2[i] * xj[i] * work3[i] }
                    let old = newBeta[j]
                    z += curvature[j] * old
                    let shrunk = abs(z) <= l1 ? 0 : (z - (z > 0 ? l1 : -l1))
                    let updated = shrunk / (curvature[j] + l2).nonZero
                    let change = updated - old
                    if change != 0 {
                        newBeta[j] = updated
                        LogisticKernels.axpy(-change, xj, work3, n)
                        largest = max(largest, abs(change) * curvature[j].squareRoot())
                    }
                }
                if largest <= innerTolerance { break }
            }
            // Line search along Δ on the true objective; the predicted decrease D uses the penalty's
            // actual change (Lee, Sun and Saunders, proximal Newton).
            var directional = gradient0 * delta0
            for j in 0..<p { directional += gradient[j] * (newBeta[j] - beta[j]) }
            let decrease = directional + penalty(newBeta) - penalty(beta)
            if decrease >= 0 { break }  // no descent left at machine precision
            // Margin change Δm = Δ₀ + X·Δβ in work1 (the gradient residuals are no longer needed).
            for i in 0..<n { work1[i] = delta0 }
            for j in 0..<p where newBeta[j] != beta[j] { LogisticKernels.axpy(newBeta[j] - beta[j], column(j), work1, n) }
            var t = 1.0, accepted = false
            while t > 1e-12 {
                for i in 0..<n { trial[i] = margin[i] + t * work1[i] }
                let candidate = (0..<p).map { beta[$0] + t * (newBeta[$0] - beta[$0]) }
                let fTrial = loss(trial) + penalty(candidate)
                if fTrial <= f + 1e-4 * t * min(decrease, 0) {
                    intercept += t * delta0
                    beta = candidate
                    margin.update(from: trial, count: n)
                    f = fTrial
                    accepted = true
                    break
                }
                t *= 0.5
            }
            iterations += 1
            control.report("\(label): iteration \(iterations), objective \(Self.short(f)), optimality \(Self.short(optimality))")
            if !accepted { break }
        }
        return Solution(intercept: intercept, coefficients: beta, iterations: iterations, converged: converged,
                        optimality: optimality, objective: f)
    }

    static func short(_ x: Double) -> String { String(format: "%.3g", x) }
}

private extension Double {
    /// The value, or the smallest normal number when it is zero (a safe divisor).
    var nonZero: Double { self == 0 ? .leastNormalMagnitude : self }
}
