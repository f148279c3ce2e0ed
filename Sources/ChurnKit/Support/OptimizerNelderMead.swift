/// The Nelder-Mead downhill simplex method (standard coefficients: reflection 1, expansion 2,
/// contraction 0.5, shrink 0.5), for objectives without a usable gradient or as a robust first stage.
///
/// Non-finite values count as +infinity, so the simplex walks back into the objective's domain.
public enum NelderMead {
    /// Minimises `objective` from `start`, with an initial simplex of `start` plus `initialStep` along each
    /// axis. Stops when the values across the simplex differ by at most `valueTolerance` (relative to the
    /// best, plus the same absolute) and the simplex is no wider than `pointTolerance`, or after `maxEvaluations`.
    public static func minimize(start: [Double], initialStep: Double = 0.1, valueTolerance: Double = 1e-12,
                                pointTolerance: Double = 1e-10, maxEvaluations: Int = 2000,
                                _ objective: ([Double]) -> Double) -> MinimizationResult {
        let n = start.count
        var evaluations = 0
        func eval(_ x: [Double]) -> Double {
            evaluations += 1
            let v = objective(x)
            return v.isFinite ? v : .infinity
        }
        var points = [start]
        for i in 0..<n {
            var p = start
            p[i] += initialStep
            points.append(p)
        }
        var values = points.map(eval)
        var iterations = 0
        var converged = false
        while evaluations < maxEvaluations {
            let order = values.indices.sorted { values[$0] < values[$1] }
            points = order.map { points[$0] }
            values = order.map { values[$0] }
            let spread = abs(values[n] - values[0])
            var width = 0.0
            for p in points.dropFirst() { for i in 0..<n { width = max(width, abs(p[i] - points[0][i])) } }
            if values[0].isFinite, spread <= valueTolerance * (abs(values[0]) + 1), width <= pointTolerance {
                converged = true
                break
            }
            iterations += 1
            var centroid = [Double](repeating: 0, count: n)
            for p in points.dropLast() { for i in 0..<n { centroid[i] += p[i] / Double(n) } }
            func along(_ t: Double) -> [Double] { (0..<n).map { centroid[$0] + t * (points[n][$0] - centroid[$0]) } }
            let reflected = along(-1)
            let fr = eval(reflected)
            if fr < values[0] {
                let expanded = along(-2)
                let fe = eval(expanded)
                if fe < fr { points[n] = expanded; values[n] = fe } else { points[n] = reflected; values[n] = fr }
            } else if fr < values[n - 1] {
                points[n] = reflected; values[n] = fr
            } else {
                let outside = fr < values[n]
                let contracted = along(outside ? -0.5 : 0.5)
                let fc = eval(contracted)
                if fc < (outside ? fr : values[n]) {
                    points[n] = contracted; values[n] = fc
                } else {
                    for k in 1...n {
                        points[k] = (0..<n).map { points[0][$0] + 0.5 * (points[k][$0] - points[0][$0]) }
                        values[k] = eval(points[k])
                    }
                }
            }
        }
        let best = values.indices.min { values[$0] < values[$1] } ?? 0
        return MinimizationResult(point: points[best], value: values[best], gradientNorm: .nan,
                                  iterations: iterations, evaluations: evaluations, converged: converged)
    }
}
