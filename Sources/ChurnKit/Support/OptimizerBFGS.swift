/// The BFGS quasi-Newton method with a backtracking/expanding line search (Armijo condition, with the
/// curvature condition checked before the inverse-Hessian update).
///
/// Non-finite objective values shrink the step, so the objective may return `.infinity` or NaN outside its
/// domain. Meant for a few to a few dozen variables (dense inverse Hessian).
public enum BFGS {
    /// Minimises `objective` (value, gradient written into the second argument) from `start`.
    ///
    /// Stops when the largest absolute gradient component is at most `gradientTolerance` (converged), when
    /// no step along the search direction lowers the value and steepest descent cannot either (rounding
    /// noise; converged if the gradient is within 1000 × tolerance × max(1, |value|)), or after `maxIterations`.
    public static func minimize(start: [Double], gradientTolerance: Double = 1e-9, maxIterations: Int = 500,
                                _ objective: ([Double], inout [Double]) -> Double) -> MinimizationResult {
        let n = start.count
        var x = start
        var g = [Double](repeating: 0, count: n)
        var f = objective(x, &g)
        var evaluations = 1
        guard f.isFinite, g.allSatisfy({ $0.isFinite }) else {
            return MinimizationResult(point: x, value: f.isFinite ? f : .infinity, gradientNorm: .nan,
                                      iterations: 0, evaluations: evaluations, converged: false)
        }
        var h = identity(n)
        var freshHessian = true
        var xNew = x, gNew = g, direction = g
        var iterations = 0
        var converged = false
        while iterations < maxIterations {
            let gNorm = maxAbs(g)
            if gNorm <= gradientTolerance { converged = true; break }
            iterations += 1
            // direction = -H g
            for i in 0..<n {
                var s = 0.0
                for j in 0..<n { s -= h[i * n + j] * g[j] }
                direction[i] = s
            }
            var slope = dot(direction, g)
            if !(slope < 0) {
                // Not a descent direction (numerical trouble): restart from steepest descent.
                h = identity(n)
                freshHessian = true
                for i in 0..<n { direction[i] = -g[i] }
                slope = -dot(g, g)
            }
            var step = freshHessian ? min(1.0, 1.0 / max(gNorm, 1e-300)) : 1.0
            var accepted = false
            var fNew = Double.infinity
            for _ in 0..<60 {
                for i in 0..<n { xNew[i] = x[i] + step * direction[i] }
                fNew = objective(xNew, &gNew)
                evaluations += 1
                if fNew.isFinite, gNew.allSatisfy({ $0.isFinite }), fNew <= f + 1e-4 * step * slope {
                    accepted = true
                    break
                }
                // Quadratic interpolation of the step, kept within [0.1, 0.5] of the current one.
                var next = 0.5 * step
                if fNew.isFinite {
                    let denominator = 2 * (fNew - f - slope * step)
                    if denominator > 0 { next = min(max(-slope * step * step / denominator, 0.1 * step), 0.5 * step) }
                }
                step = next
            }
            if accepted, dot(gNew, direction) < 0.9 * slope, !freshHessian {
                // Too short a step (strong curvature condition fails): try longer steps while they keep improving.
                var longer = step
                var xTry = xNew, gTry = gNew
                for _ in 0..<10 {
                    longer *= 2
                    for i in 0..<n { xTry[i] = x[i] + longer * direction[i] }
                    let fTry = objective(xTry, &gTry)
                    evaluations += 1
                    guard fTry.isFinite, gTry.allSatisfy({ $0.isFinite }), fTry < fNew else { break }
                    fNew = fTry; xNew = xTry; gNew = gTry
                    if dot(gNew, direction) >= 0.9 * slope { break }
                }
            }
            if !accepted {
                if freshHessian {
                    converged = gNorm <= 1000 * gradientTolerance * max(1, abs(f))
                    break
                }
                h = identity(n)
                freshHessian = true
                continue
            }
            // BFGS update of the inverse Hessian with s = xNew - x, y = gNew - g.
            var s = [Double](repeating: 0, count: n), y = s
            for i in 0..<n { s[i] = xNew[i] - x[i]; y[i] = gNew[i] - g[i] }
            let sy = dot(s, y)
            if sy > 1e-12 * (dot(s, s).squareRoot() * dot(y, y).squareRoot()) {
                if freshHessian {
                    // Scale the first inverse Hessian to the observed curvature (Nocedal & Wright 6.20).
                    let scale = sy / dot(y, y)
                    for i in 0..<n { h[i * n + i] = scale }
                }
                update(&h, s: s, y: y, sy: sy)
                freshHessian = false
            }
            let improvement = f - fNew
            x = xNew; g = gNew; f = fNew
            if improvement <= 1e-16 * max(1, abs(f)), maxAbs(s) <= 1e-14 * max(1, maxAbs(x)) {
                converged = maxAbs(g) <= 1000 * gradientTolerance * max(1, abs(f))
                break
            }
        }
        return MinimizationResult(point: x, value: f, gradientNorm: maxAbs(g), iterations: iterations,
                                  evaluations: evaluations, converged: converged)
    }

    /// H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ with ρ = 1 / (yᵀ s).
    private static func update(_ h: inout [Double], s: [Double], y: [Double], sy: Double) {
        let n = s.count
        let rho = 1 / sy
        var hy = [Double](repeating: 0, count: n)
        for i in 0..<n {
            var v = 0.0
            for j in 0..<n { v += h[i * n + j] * y[j] }
            hy[i] = v
        }
        let yhy = dot(y, hy)
        for i in 0..<n {
            for j in 0..<n {
                h[i * n + j] += -rho * (hy[i] * s[j] + s[i] * hy[j]) + (rho * rho * yhy + rho) * s[i] * s[j]
            }
        }
    }

    private static func identity(_ n: Int) -> [Double] {
        var m = [Double](repeating: 0, count: n * n)
        for i in 0..<n { m[i * n + i] = 1 }
        return m
    }

    static func dot(_ a: [Double], _ b: [Double]) -> Double {
        var s = 0.0
        for i in 0..<a.count { s += a[i] * b[i] }
        return s
    }

    static func maxAbs(_ a: [Double]) -> Double { a.reduce(0) { max($0, abs($1)) } }
}
