/// Least-significant-digit radix sort of 64-bit keys (six passes of 11 bits, so the 2048 buckets stay in
/// cache), several times faster than
/// a comparison sort on the millions of values a profile sorts; plus order-preserving key mappings.
enum RadixSort {
    static func sort(_ keys: inout [UInt64]) {
        let n = keys.count
        if n < 4096 { keys.sort(); return }
        var buffer = [UInt64](repeating: 0, count: n)
        var counts = [Int](repeating: 0, count: 2048)
        keys.withUnsafeMutableBufferPointer { a in
            buffer.withUnsafeMutableBufferPointer { b in
                counts.withUnsafeMutableBufferPointer { count in
                    var source = a, target = b
                    for pass in 0..<6 {
                        let shift = UInt64(pass * 11)
                        for i in 0..<2048 { count[i] = 0 }
                        for k in source { count[Int((k >> shift) & 0x7FF)] += 1 }
                        if count[Int((source[0] >> shift) & 0x7FF)] == n { continue }  // all equal in this digit
                        var total = 0
                        for i in 0..<2048 { let c = count[i]; count[i] = total; total += c }
                        for k in source {
                            let d = Int((k >> shift) & 0x7FF)
                            target[count[d]] = k
                            count[d] += 1
                        }
                        swap(&source, &target)
                    }
                    if source.baseAddress != a.baseAddress, let dst = a.baseAddress, let src = source.baseAddress {
                        dst.update(from: src, count: n)
                    }
                }
            }
        }
    }

    /// A key whose unsigned order is the numeric order of the double (no NaN).
    @inline(__always)
    static func key(_ x: Double) -> UInt64 {
        let bits = x.bitPattern
        return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
    }

    @inline(__always)
    static func double(_ key: UInt64) -> Double {
        Double(bitPattern: key & (1 << 63) != 0 ? key & ~(1 << 63) : ~key)
    }

    /// Sorts doubles (no NaN) ascending.
    static func sorted(_ values: [Double]) -> [Double] {
        var keys = values.map(key)
        sort(&keys)
        return keys.map(double)
    }

    /// Sorts signed integers ascending.
    static func sorted(_ values: [Int64]) -> [Int64] {
        var keys = values.map { UInt64(bitPattern: $0) ^ (1 << 63) }
        sort(&keys)
        return keys.map { Int64(bitPattern: $0 ^ (1 << 63)) }
    }
}
