import Foundation

/// A small, fast, seeded pseudo-random generator (xoshiro256**, seeded through SplitMix64).
///
/// The same seed gives the same sequence on every platform and Swift version, which is what makes
/// folds, permutations and subsamples reproducible ("the same seed gives the same models"). All the
/// helpers here (`nextDouble`, `nextInt(below:)`, `shuffle`) are implemented in this file on purpose
/// rather than through the standard library's `shuffle(using:)`, whose algorithm is not guaranteed
/// to stay the same between releases. Not for cryptography.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    /// A generator whose state is expanded from `seed` with SplitMix64 (any seed is fine, including 0).
    public init(seed: UInt64) {
        var x = seed
        func splitMix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitMix(); s1 = splitMix(); s2 = splitMix(); s3 = splitMix()
    }

    /// A generator for sub-task `stream` (a fold, a tree, a trial, a sample customer) derived from `seed`,
    /// independent of the generators of other streams and of the order in which they are created.
    /// Stream 0 is the plain `init(seed:)` generator.
    public init(seed: UInt64, stream: UInt64) {
        self.init(seed: seed ^ (stream &* 0xD1B5_4A32_D192_ED03))
    }

    /// A seed for sub-task `stream` derived from `seed` (the first output of `init(seed:stream:)`).
    public static func derivedSeed(_ seed: UInt64, stream: UInt64) -> UInt64 {
        var random = SeededRandom(seed: seed, stream: stream)
        return random.next()
    }

    /// The next 64 random bits.
    @inline(__always)
    public mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = s3 << 45 | s3 >> 19
        return result
    }

    /// A uniform number in [0, 1) with 53 random bits.
    @inline(__always)
    public mutating func nextDouble() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform integer in 0..<bound (`bound` > 0), without modulo bias (Lemire's method).
    @inline(__always)
    public mutating func nextInt(below bound: Int) -> Int {
        precondition(bound > 0, "nextInt(below:) needs a positive bound")
        let range = UInt64(bound)
        var product = next().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold { product = next().multipliedFullWidth(by: range) }
        }
        return Int(product.high)
    }

    /// A standard normal number (Box–Muller, one value per call).
    public mutating func nextNormal() -> Double {
        let u = max(nextDouble(), .leastNormalMagnitude), v = nextDouble()
        return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
    }

    /// Shuffles `values` in place (Fisher–Yates); the same seed gives the same order.
    public mutating func shuffle<T>(_ values: inout [T]) {
        guard values.count > 1 else { return }
        values.withUnsafeMutableBufferPointer { buffer in
            shuffle(buffer)
        }
    }

    /// Shuffles a buffer in place (Fisher–Yates), for hot loops that must not allocate.
    public mutating func shuffle<T>(_ buffer: UnsafeMutableBufferPointer<T>) {
        var i = buffer.count - 1
        while i > 0 {
            let j = nextInt(below: i + 1)
            if j != i { buffer.swapAt(i, j) }
            i -= 1
        }
    }

    /// The numbers 0..<count in random order.
    public mutating func permutation(_ count: Int) -> [Int] {
        var order = Array(0..<count)
        shuffle(&order)
        return order
    }
}
