import Foundation

/// xoshiro256** seeded through SplitMix64: a small, fast, reproducible random source.
///
/// The sample generator never uses the system generator, so the same seed always gives the same bytes
/// on every machine. Each customer draws from its own stream (`init(seed:stream:)`), which keeps output
/// independent of how the work is split over threads.
struct SeededRandom {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    /// A generator for one seed and stream number.
    init(seed: UInt64, stream: UInt64 = 0) {
        var sm = seed ^ (stream &* 0xD1B5_4A32_D192_ED03)
        func splitMix() -> UInt64 {
            sm &+= 0x9E37_79B9_7F4A_7C15
            var z = sm
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitMix(); s1 = splitMix(); s2 = splitMix(); s3 = splitMix()
    }

    /// The next 64 random bits.
    @inline(__always) mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = (s3 << 45) | (s3 >> 19)
        return result
    }

    /// Uniform in [0, 1).
    @inline(__always) mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

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
