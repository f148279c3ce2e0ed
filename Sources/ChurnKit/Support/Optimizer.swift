/// The outcome of a numerical minimisation (`NelderMead`, `BFGS`).
public struct MinimizationResult: Sendable, Equatable {
    /// The best point found.
    public var point: [Double]
    /// The objective at `point`.
    public var value: Double
    /// The largest absolute gradient component at `point` (NaN when the method does not use gradients).
    public var gradientNorm: Double
    /// Iterations taken.
    public var iterations: Int
    /// Objective evaluations made.
    public var evaluations: Int
    /// Whether the stopping tolerance was reached (false: the iteration limit or a stalled line search stopped it).
    public var converged: Bool

    public init(point: [Double], value: Double, gradientNorm: Double, iterations: Int, evaluations: Int, converged: Bool) {
        self.point = point
        self.value = value
        self.gradientNorm = gradientNorm
        self.iterations = iterations
        self.evaluations = evaluations
        self.converged = converged
    }
}

/// Minimises a smooth function of a few variables: BFGS from the start, and when BFGS fails to converge
/// (non-finite values, a stalled line search), Nelder-Mead from the best point so far followed by a BFGS polish.
///
/// Made for maximum-likelihood fits over a handful of log-parameters (BG/NBD, Gamma-Gamma), where each
/// evaluation is a pass over all customers and the gradient comes with the value.
public enum Optimizer {
    /// Minimises `objective`, which returns the value and writes the gradient into its second argument.
    ///
    /// A non-finite value is treated as "outside the domain". `gradientTolerance` bounds the largest
    /// absolute gradient component at convergence.
    public static func minimize(start: [Double], gradientTolerance: Double = 1e-9, maxIterations: Int = 500,
                                _ objective: ([Double], inout [Double]) -> Double) -> MinimizationResult {
        let first = BFGS.minimize(start: start, gradientTolerance: gradientTolerance, maxIterations: maxIterations, objective)
        if first.converged { return first }
        var scratch = [Double](repeating: 0, count: start.count)
        let restart = first.value.isFinite ? first.point : start
        let simplex = NelderMead.minimize(start: restart, maxEvaluations: 400 * start.count) { x in
            objective(x, &scratch)
        }
        let polished = BFGS.minimize(start: simplex.point, gradientTolerance: gradientTolerance,
                                     maxIterations: maxIterations, objective)
        var best = polished.value <= first.value || !first.value.isFinite ? polished : first
        best.iterations = first.iterations + simplex.iterations + polished.iterations
        best.evaluations = first.evaluations + simplex.evaluations + polished.evaluations
        return best
    }
}
