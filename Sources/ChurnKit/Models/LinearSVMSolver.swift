import Foundation

/// The dual problem of an L2-regularised linear SVM on standardised data, solved by dual coordinate
/// descent (Hsieh, Chang, Lin, Keerthi and Sundararajan 2008, the algorithm of LIBLINEAR's
/// `solve_l2r_l1l2_svc`).
///
/// Primal, with yᵢ ∈ {−1, +1}, per-row costs Cᵢ = C·wᵢ and xᵢ the standardised row (plus the constant
/// `bias` as a last feature when an intercept is fitted):
///
///     hinge:          min ½‖w‖² + Σ Cᵢ·max(0, 1 − yᵢ·w·xᵢ)
///     squared hinge:  min ½‖w‖² + Σ Cᵢ·max(0, 1 − yᵢ·w·xᵢ)²
///
/// Dual: min_α ½αᵀ(Q + D)α − Σαᵢ subject to 0 ≤ αᵢ ≤ Uᵢ, with Qᵢⱼ = yᵢyⱼ·xᵢ·xⱼ, and Uᵢ = Cᵢ, Dᵢᵢ = 0
/// (hinge) or Uᵢ = ∞, Dᵢᵢ = 1/(2Cᵢ) (squared hinge). w = Σ yᵢαᵢxᵢ is kept up to date, so one
/// coordinate step costs two passes over one row. Rows are visited in a fresh seeded random order
/// every epoch; with shrinking, rows whose α is stuck at a bound are set aside until the remaining
/// ones converge, then all rows are checked again (LIBLINEAR's rule). The stopping rule is LIBLINEAR's:
/// the spread max − min of the projected gradient over an epoch is at most `tolerance`.
///
/// The design matrix is stored row-major in one buffer (rows are what the dual touches); all buffers
/// are allocated once per fit and the epoch loop allocates nothing. Rows with zero cost take no part.
final class LinearSVMDual {
    /// The loss on the margin violations.
    enum Loss { case hinge, squaredHinge }

    let rows: Int
    /// Number of standardised features (without the bias column).
    let features: Int
    /// Columns per row: `features`, plus one when an intercept is fitted.
    let width: Int
    let bias: Double?
    let loss: Loss
    /// Row-major design matrix, row i at offset i·width.
    private let x: UnsafeMutablePointer<Double>
    private let y: UnsafeMutablePointer<Double>
    private let cost: UnsafeMutablePointer<Double>
    private let upper: UnsafeMutablePointer<Double>
    private let diagonal: UnsafeMutablePointer<Double>
    private let qd: UnsafeMutablePointer<Double>
    private let alpha: UnsafeMutablePointer<Double>
    private let w: UnsafeMutablePointer<Double>
    private let index: UnsafeMutablePointer<Int>
    /// Rows with positive cost, listed first in `index`.
    private let participating: Int

    /// The outcome of a solve.
    struct Solution {
        /// Weights of the standardised features, then (with an intercept) the weight of the bias column.
        var weights: [Double]
        var iterations: Int
        var converged: Bool
        /// The stopping measure at the end: the spread of the projected gradient in the last epoch
        /// (dual), or the gradient norm relative to the starting one (primal, see `LinearSVMPrimal`).
        var optimality: Double
        /// Primal objective at w.
        var primal: Double
        /// Dual objective (as a maximisation) at α; primal − dual ≥ 0 is the duality gap. NaN for the primal solver.
        var dual: Double
        /// Rows with α > 0 (support vectors; for the primal solver, rows with a margin violation).
        var supportVectors: Int
    }

    /// Builds the problem; `costs` are the per-row Cᵢ (≥ 0), `bias` the constant appended to every row
    /// (nil for no intercept).
    init(x matrix: TrainingMatrix, standardizer: Standardizer, labels: [Double], costs: [Double], loss: Loss, bias: Double?) {
        rows = matrix.rows
        features = matrix.featureCount
        width = features + (bias == nil ? 0 : 1)
        self.bias = bias
        self.loss = loss
        let n = max(rows, 1)
        x = .allocate(capacity: max(rows * width, 1))
        y = .allocate(capacity: n); cost = .allocate(capacity: n); upper = .allocate(capacity: n)
        diagonal = .allocate(capacity: n); qd = .allocate(capacity: n); alpha = .allocate(capacity: n)
        index = .allocate(capacity: n)
        w = .allocate(capacity: max(width, 1))
        // Standardise column-major, then transpose into the row-major design matrix.
        let columnMajor = UnsafeMutablePointer<Double>.allocate(capacity: max(rows * features, 1))
        defer { columnMajor.deallocate() }
        standardizer.standardize(matrix, into: columnMajor)
        let blockSize = 64
        var start = 0
        while start < rows {
            let end = min(start + blockSize, rows)
            for j in 0..<features {
                let col = columnMajor + j * rows
                for i in start..<end { x[i * width + j] = col[i] }
            }
            start = end
        }
        if let bias { for i in 0..<rows { x[i * width + features] = bias } }
        var count = 0
        for i in 0..<rows {
            y[i] = labels[i] > 0.5 ? 1 : -1
            cost[i] = costs[i]
            switch loss {
            case .hinge: upper[i] = costs[i]; diagonal[i] = 0
            case .squaredHinge: upper[i] = .infinity; diagonal[i] = costs[i] > 0 ? 0.5 / costs[i] : 0
            }
            let row = x + i * width
            var squares = 0.0
            for j in 0..<width { squares += row[j] * row[j] }
            qd[i] = diagonal[i] + squares
            alpha[i] = 0
            // A row with no cost, or (hinge) an all-zero row, never moves: leave it out.
            if costs[i] > 0 && qd[i] > 0 { index[count] = i; count += 1 }
        }
        participating = count
        var tail = count
        for i in 0..<rows where !(costs[i] > 0 && qd[i] > 0) { index[tail] = i; tail += 1 }
        for j in 0..<width { w[j] = 0 }
    }

    deinit {
        x.deallocate(); y.deallocate(); cost.deallocate(); upper.deallocate(); diagonal.deallocate()
        qd.deallocate(); alpha.deallocate(); w.deallocate(); index.deallocate()
    }

    /// Runs dual coordinate descent from α = 0. Checks `control` for cancellation once per epoch.
    func solve(tolerance: Double, maxIterations: Int, shrinking: Bool, seed: UInt64, control: TrainingControl) throws -> Solution {
        var random = SeededRandom(seed: seed)
        var activeSize = participating
        var pgMaxOld = Double.infinity, pgMinOld = -Double.infinity
        var iterations = 0
        var converged = false
        var spread = Double.infinity
        let width = self.width
        while iterations < maxIterations {
            try control.checkCancelled()
            var pgMaxNew = -Double.infinity, pgMinNew = Double.infinity
            random.shuffle(UnsafeMutableBufferPointer(start: index, count: activeSize))
            var s = 0
            while s < activeSize {
                let i = index[s]
                let yi = y[i]
                let row = x + i * width
                var dot = 0.0
                for j in 0..<width { dot += w[j] * row[j] }
                let g = yi * dot - 1 + alpha[i] * diagonal[i]
                var pg = 0.0
                let ui = upper[i]
                if alpha[i] == 0 {
                    if g > pgMaxOld && shrinking {
                        activeSize -= 1
                        let moved = index[s]; index[s] = index[activeSize]; index[activeSize] = moved
                        continue
                    } else if g < 0 {
                        pg = g
                    }
                } else if alpha[i] == ui {
                    if g < pgMinOld && shrinking {
                        activeSize -= 1
                        let moved = index[s]; index[s] = index[activeSize]; index[activeSize] = moved
                        continue
                    } else if g > 0 {
                        pg = g
                    }
                } else {
                    pg = g
                }
                pgMaxNew = max(pgMaxNew, pg)
                pgMinNew = min(pgMinNew, pg)
                if abs(pg) > 1e-12 {
                    let old = alpha[i]
                    let updated = min(max(old - g / qd[i], 0), ui)
                    alpha[i] = updated
                    let step = (updated - old) * yi
                    for j in 0..<width { w[j] += step * row[j] }
                }
                s += 1
            }
            iterations += 1
            spread = activeSize > 0 ? pgMaxNew - pgMinNew : 0
            if spread <= tolerance {
                if activeSize == participating {
                    converged = true
                    break
                }
                // Converged on the shrunk set: check every row again.
                activeSize = participating
                pgMaxOld = .infinity; pgMinOld = -.infinity
                continue
            }
            pgMaxOld = pgMaxNew <= 0 ? .infinity : pgMaxNew
            pgMinOld = pgMinNew >= 0 ? -.infinity : pgMinNew
        }
        let (primal, dual) = objectives()
        var supportVectors = 0
        for i in 0..<rows where alpha[i] > 0 { supportVectors += 1 }
        return Solution(weights: Array(UnsafeBufferPointer(start: w, count: width)), iterations: iterations,
                        converged: converged, optimality: spread, primal: primal, dual: dual,
                        supportVectors: supportVectors)
    }

    /// The primal objective at w and the dual objective (maximisation form) at α.
    func objectives() -> (primal: Double, dual: Double) {
        var squares = 0.0
        for j in 0..<width { squares += w[j] * w[j] }
        var lossSum = 0.0, alphaSum = 0.0, alphaSquares = 0.0
        for i in 0..<rows {
            let row = x + i * width
            var dot = 0.0
            for j in 0..<width { dot += w[j] * row[j] }
            let violation = max(0, 1 - y[i] * dot)
            lossSum += cost[i] * (loss == .hinge ? violation : violation * violation)
            alphaSum += alpha[i]
            alphaSquares += diagonal[i] * alpha[i] * alpha[i]
        }
        return (0.5 * squares + lossSum, alphaSum - 0.5 * squares - 0.5 * alphaSquares)
    }
}
