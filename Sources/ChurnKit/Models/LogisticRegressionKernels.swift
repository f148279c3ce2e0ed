import Foundation

/// Small dense numeric kernels for the logistic-regression solvers, on raw pointers so the hot loops
/// run without bounds checks, allocation or copy-on-write checks.
enum LogisticKernels {
    /// Σ a[i]·b[i], with four independent SIMD accumulators.
    @inline(__always)
    static func dot(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ n: Int) -> Double {
        var s0 = SIMD4<Double>(), s1 = SIMD4<Double>()
        var i = 0
        let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
        let stride = MemoryLayout<Double>.stride
        while i + 8 <= n {
            s0 += ra.loadUnaligned(fromByteOffset: i * stride, as: SIMD4<Double>.self)
                * rb.loadUnaligned(fromByteOffset: i * stride, as: SIMD4<Double>.self)
            s1 += ra.loadUnaligned(fromByteOffset: (i + 4) * stride, as: SIMD4<Double>.self)
                * rb.loadUnaligned(fromByteOffset: (i + 4) * stride, as: SIMD4<Double>.self)
            i += 8
        }
        var s = (s0 + s1).sum()
        while i < n { s += a[i] * b[i]; i += 1 }
        return s
    }

    /// Σ a[i].
    @inline(__always)
    static func sum(_ a: UnsafePointer<Double>, _ n: Int) -> Double {
        var s0 = SIMD4<Double>(), s1 = SIMD4<Double>()
        var i = 0
        let ra = UnsafeRawPointer(a)
        let stride = MemoryLayout<Double>.stride
        while i + 8 <= n {
            s0 += ra.loadUnaligned(fromByteOffset: i * stride, as: SIMD4<Double>.self)
            s1 += ra.loadUnaligned(fromByteOffset: (i + 4) * stride, as: SIMD4<Double>.self)
            i += 8
        }
        var s = (s0 + s1).sum()
        while i < n { s += a[i]; i += 1 }
        return s
    }

    /// y[i] += alpha·x[i].
    @inline(__always)
    static func axpy(_ alpha: Double, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, _ n: Int) {
        for i in 0..<n { y[i] += alpha * x[i] }
    }

    /// The logistic function 1 / (1 + e^−m), without overflow.
    @inline(__always)
    static func sigmoid(_ m: Double) -> Double {
        if m >= 0 { return 1 / (1 + exp(-m)) }
        let e = exp(m)
        return e / (1 + e)
    }

    /// log(1 + e^m), without overflow.
    @inline(__always)
    static func softplus(_ m: Double) -> Double {
        max(m, 0) + log1p(exp(-abs(m)))
    }

    /// Solves A·x = b for a symmetric positive definite `size`×`size` row-major A by Cholesky
    /// factorisation. When A is not numerically positive definite a growing multiple of the identity
    /// (scaled to A's diagonal) is added until it is. Returns nil only if that fails too.
    static func solveSymmetric(_ a: [Double], _ b: [Double], size: Int) -> [Double]? {
        var maxDiag = 0.0
        for k in 0..<size { maxDiag = max(maxDiag, abs(a[k * size + k])) }
        var jitter = 0.0
        for _ in 0..<12 {
            if let x = cholesky(a, b, size: size, jitter: jitter) { return x }
            jitter = jitter == 0 ? max(maxDiag, 1) * 1e-12 : jitter * 100
        }
        return nil
    }

    private static func cholesky(_ a: [Double], _ b: [Double], size: Int, jitter: Double) -> [Double]? {
        var l = [Double](repeating: 0, count: size * size)
        for i in 0..<size {
            for j in 0...i {
                var s = a[i * size + j] + (i == j ? jitter : 0)
                for k in 0..<j { s -= l[i * size + k] * l[j * size + k] }
                if i == j {
                    guard s > 0, s.isFinite else { return nil }
                    l[i * size + i] = s.squareRoot()
                } else {
                    l[i * size + j] = s / l[j * size + j]
                }
            }
        }
        var z = b
        for i in 0..<size {
            var s = z[i]
            for k in 0..<i { s -= l[i * size + k] * z[k] }
            z[i] = s / l[i * size + i]
        }
        for i in stride(from: size - 1, through: 0, by: -1) {
            var s = z[i]
            for k in (i + 1)..<size { s -= l[k * size + i] * z[k] }
            z[i] = s / l[i * size + i]
        }
        return z.allSatisfy(\.isFinite) ? z : nil
    }
}
