import Foundation

/// The draws the sample generator makes, on top of the shared `SeededRandom` stream.
///
/// These keep their own formulas (Box-Muller, Knuth's Poisson, multiply-high integers) so that the
/// committed sample files stay byte-identical to what `churn sample` writes.
extension SeededRandom {
    /// Uniform in [0, 1).
    @inline(__always) mutating func uniform() -> Double { nextDouble() }

    /// Uniform in [lo, hi).
    @inline(__always) mutating func uniform(_ lo: Double, _ hi: Double) -> Double {
        lo + (hi - lo) * uniform()
    }

    /// Uniform integer in 0..<bound (bound > 0).
    @inline(__always) mutating func int(below bound: Int) -> Int {
        Int(truncatingIfNeeded: (UInt64(bound).multipliedFullWidth(by: next())).high)
    }

    /// True with probability p.
    @inline(__always) mutating func chance(_ p: Double) -> Bool { uniform() < p }

    /// Standard normal (Box-Muller; one value per call).
    mutating func normal() -> Double {
        let u1 = 1 - uniform()   // (0, 1]
        let u2 = uniform()
        return (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2)
    }

    /// Exponential with the given mean.
    @inline(__always) mutating func exponential(mean: Double) -> Double {
        -mean * Foundation.log(1 - uniform())
    }

    /// Poisson with mean lambda (Knuth's method; meant for small means).
    mutating func poisson(_ lambda: Double) -> Int {
        let limit = Foundation.exp(-lambda)
        var k = 0
        var p = uniform()
        while p > limit && k < 1000 { k += 1; p *= uniform() }
        return k
    }

    /// An index drawn with probability proportional to `weights`.
    mutating func pick(_ cumulative: [Double]) -> Int {
        let u = uniform() * (cumulative.last ?? 1)
        var i = 0
        while i < cumulative.count - 1 && cumulative[i] <= u { i += 1 }
        return i
    }
}
