import Foundation

/// Quantile bin edges for every feature of a data set, computed once and shared by every tree model.
///
/// A numeric feature gets at most `maxBins` value bins (255 by default) plus one missing bin. Bin `b`
/// holds the values `v` with `upperBounds[b-1] < v <= upperBounds[b]`; the last value bin has no upper
/// bound. Bounds sit halfway between neighbouring distinct values, so a tree split "bin <= t" is
/// exactly the real-valued split "value <= upperBounds[t]". A categorical feature
/// (`TrainingMatrix.categorical`, codes 0, 1, 2...) with at most `maxBins` levels gets one bin per
/// level; a code it never saw bins as missing. The missing bin of feature `j` is `binCounts[j]`.
public struct FeatureBinner: Sendable, Codable, Equatable {
    /// Feature names, in matrix order.
    public let names: [String]
    /// Upper bounds of the value bins of each numeric feature (all but the last bin); empty for
    /// categorical features.
    public let upperBounds: [[Double]]
    /// Number of levels of each feature binned one bin per level; 0 for numeric features.
    public let categoryLevels: [Int]

    /// Number of value bins of each feature; the missing bin of feature `j` is `binCounts[j]`.
    public var binCounts: [Int] {
        names.indices.map { categoryLevels[$0] > 0 ? categoryLevels[$0] : upperBounds[$0].count + 1 }
    }

    /// Number of features.
    public var featureCount: Int { names.count }

    /// Computes bin edges from `x` (only from `rows` when given, e.g. the training rows of a split).
    ///
    /// Edges come from at most `sampleSize` rows drawn with `seed`, so fitting a million rows costs
    /// what 200,000 cost. Values must be finite or NaN (missing); infinity throws
    /// `TrainingError.nonFinite`.
    public static func fit(
        _ x: TrainingMatrix, rows: [Int]? = nil, maxBins: Int = 255, sampleSize: Int = 200_000, seed: UInt64 = 0
    ) throws -> FeatureBinner {
        let binLimit = min(max(maxBins, 2), 255)
        let pool = rows ?? Array(0..<x.rows)
        var sample = pool
        if pool.count > sampleSize {
            var rng = SeededRandom(seed: seed ^ 0x5EED_B1A5)
            var chosen = pool
            for i in 0..<sampleSize {
                let j = i + rng.nextInt(below: chosen.count - i)
                chosen.swapAt(i, j)
            }
            sample = Array(chosen[0..<sampleSize]).sorted()
        }
        let featureCount = x.featureCount
        var bounds = [[Double]](repeating: [], count: featureCount)
        var levels = [Int](repeating: 0, count: featureCount)
        var failure = [TrainingError?](repeating: nil, count: featureCount)
        bounds.withUnsafeMutableBufferPointer { boundsBuffer in
            levels.withUnsafeMutableBufferPointer { levelBuffer in
                failure.withUnsafeMutableBufferPointer { failureBuffer in
                    nonisolated(unsafe) let outBounds = boundsBuffer
                    nonisolated(unsafe) let outLevels = levelBuffer
                    nonisolated(unsafe) let outFailure = failureBuffer
                    DispatchQueue.concurrentPerform(iterations: featureCount) { j in
                        let column = x.columns[j]
                        if x.categorical.contains(j) {
                            // Levels come from every row asked (a rare level may miss the sample).
                            let codes = pool.compactMap { column[$0].isNaN ? nil : column[$0] }
                            if let count = categoryCount(codes, limit: binLimit) {
                                outLevels[j] = count
                                return
                            }
                        }
                        var values = [Double]()
                        values.reserveCapacity(sample.count)
                        for r in sample {
                            let v = column[r]
                            if v.isNaN { continue }
                            if !v.isFinite {
                                outFailure[j] = .nonFinite(feature: x.names[j], row: r, value: v)
                                return
                            }
                            values.append(v)
                        }
                        outBounds[j] = quantileBounds(sorted: radixSorted(values), maxBins: binLimit)
                    }
                }
            }
        }
        if let first = failure.first(where: { $0 != nil }), let error = first { throw error }
        return FeatureBinner(names: x.names, upperBounds: bounds, categoryLevels: levels)
    }

    /// Builds a binner from known edges (used by decoding and tests).
    public init(names: [String], upperBounds: [[Double]], categoryLevels: [Int]) {
        self.names = names
        self.upperBounds = upperBounds
        self.categoryLevels = categoryLevels
    }

    /// Bins every row of `x` into one contiguous `[UInt8]` per feature (in parallel over features).
    ///
    /// Throws `TrainingError.shapeMismatch` if the features differ from the fitted ones and
    /// `TrainingError.nonFinite` for an infinite value.
    public func transform(_ x: TrainingMatrix) throws -> BinnedMatrix {
        guard x.featureCount == featureCount else {
            throw TrainingError.shapeMismatch("expected \(featureCount) features, got \(x.featureCount)")
        }
        let rows = x.rows
        var columns = [[UInt8]](repeating: [], count: featureCount)
        var failure = [TrainingError?](repeating: nil, count: featureCount)
        columns.withUnsafeMutableBufferPointer { columnBuffer in
            failure.withUnsafeMutableBufferPointer { failureBuffer in
                nonisolated(unsafe) let out = columnBuffer
                nonisolated(unsafe) let outFailure = failureBuffer
                DispatchQueue.concurrentPerform(iterations: featureCount) { j in
                    var bins = [UInt8](repeating: 0, count: rows)
                    let ok = x.columns[j].withUnsafeBufferPointer { values in
                        bins.withUnsafeMutableBufferPointer { binBuffer in
                            self.binColumn(values, feature: j, into: binBuffer)
                        }
                    }
                    if let bad = ok {
                        outFailure[j] = .nonFinite(feature: x.names[j], row: bad, value: x.columns[j][bad])
                    }
                    out[j] = bins
                }
            }
        }
        if let first = failure.first(where: { $0 != nil }), let error = first { throw error }
        return BinnedMatrix(binner: self, rows: rows, columns: columns)
    }

    /// The bin of one value of feature `j`.
    public func bin(_ value: Double, feature j: Int) -> UInt8 {
        let levels = categoryLevels[j]
        if levels > 0 {
            return FeatureBinner.categoryBin(value, levels: levels)
        }
        if value.isNaN { return UInt8(upperBounds[j].count + 1) }
        return upperBounds[j].withUnsafeBufferPointer { FeatureBinner.lowerBound($0, value) }
    }

    /// Bins one column; returns the first row holding an infinite value, if any.
    private func binColumn(_ values: UnsafeBufferPointer<Double>, feature j: Int,
                           into bins: UnsafeMutableBufferPointer<UInt8>) -> Int? {
        var firstBad: Int?
        let levels = categoryLevels[j]
        if levels > 0 {
            for i in 0..<values.count {
                let v = values[i]
                if v.isInfinite, firstBad == nil { firstBad = i }
                bins[i] = FeatureBinner.categoryBin(v, levels: levels)
            }
            return firstBad
        }
        upperBounds[j].withUnsafeBufferPointer { bounds in
            let missing = UInt8(bounds.count + 1)
            let n = values.count
            // Four independent searches at a time so their load latencies overlap.
            var i = 0
            while i &+ 4 <= n {
                let v0 = values[i], v1 = values[i &+ 1], v2 = values[i &+ 2], v3 = values[i &+ 3]
                var (b0, b1, b2, b3) = FeatureBinner.lowerBound4(bounds, v0, v1, v2, v3)
                if v0.isNaN { b0 = missing } else if v0.isInfinite, firstBad == nil { firstBad = i }
                if v1.isNaN { b1 = missing } else if v1.isInfinite, firstBad == nil { firstBad = i &+ 1 }
                if v2.isNaN { b2 = missing } else if v2.isInfinite, firstBad == nil { firstBad = i &+ 2 }
                if v3.isNaN { b3 = missing } else if v3.isInfinite, firstBad == nil { firstBad = i &+ 3 }
                bins[i] = b0; bins[i &+ 1] = b1; bins[i &+ 2] = b2; bins[i &+ 3] = b3
                i &+= 4
            }
            while i < n {
                let v = values[i]
                if v.isNaN {
                    bins[i] = missing
                } else {
                    if v.isInfinite, firstBad == nil { firstBad = i }
                    bins[i] = FeatureBinner.lowerBound(bounds, v)
                }
                i &+= 1
            }
        }
        return firstBad
    }

    /// The bin of a category code: the code itself when it is a seen level, else the missing bin.
    @inline(__always)
    static func categoryBin(_ value: Double, levels: Int) -> UInt8 {
        if value >= 0, value < Double(levels), value == value.rounded(.down) { return UInt8(Int(value)) }
        return UInt8(levels)
    }

    /// All ones when `bound < value`, else zero, computed from the sign bit of `bound - value` (exact
    /// for finite bounds: the difference of two different doubles is never zero, and equal values give
    /// +0). Pure integer arithmetic, so the compiler cannot turn the search steps back into jumps that
    /// mispredict half the time.
    @inline(__always)
    private static func lessMask(_ bound: Double, _ value: Double) -> Int {
        0 &- Int(truncatingIfNeeded: (bound - value).bitPattern >> 63)
    }

    /// The index of the first bound >= value, i.e. the value's bin (branch-free binary search).
    @inline(__always)
    static func lowerBound(_ bounds: UnsafeBufferPointer<Double>, _ value: Double) -> UInt8 {
        let m = bounds.count
        guard m > 0 else { return 0 }
        var base = 0
        var n = m
        while n > 1 {
            let half = n >> 1
            base &+= half & lessMask(bounds[base &+ half], value)
            n &-= half
        }
        base &+= 1 & lessMask(bounds[base], value)
        return UInt8(truncatingIfNeeded: base)
    }

    /// `lowerBound` of four values at once: the same step sequence for all four, so their load
    /// latencies overlap (NaN gives some bin; callers replace it).
    @inline(__always)
    static func lowerBound4(_ bounds: UnsafeBufferPointer<Double>, _ v0: Double, _ v1: Double, _ v2: Double,
                            _ v3: Double) -> (UInt8, UInt8, UInt8, UInt8) {
        let m = bounds.count
        guard m > 0 else { return (0, 0, 0, 0) }
        var b0 = 0, b1 = 0, b2 = 0, b3 = 0
        var n = m
        while n > 1 {
            let half = n >> 1
            b0 &+= half & lessMask(bounds[b0 &+ half], v0)
            b1 &+= half & lessMask(bounds[b1 &+ half], v1)
            b2 &+= half & lessMask(bounds[b2 &+ half], v2)
            b3 &+= half & lessMask(bounds[b3 &+ half], v3)
            n &-= half
        }
        b0 &+= 1 & lessMask(bounds[b0], v0)
        b1 &+= 1 & lessMask(bounds[b1], v1)
        b2 &+= 1 & lessMask(bounds[b2], v2)
        b3 &+= 1 & lessMask(bounds[b3], v3)
        return (UInt8(truncatingIfNeeded: b0), UInt8(truncatingIfNeeded: b1),
                UInt8(truncatingIfNeeded: b2), UInt8(truncatingIfNeeded: b3))
    }

    /// The number of levels if every value is a small non-negative integer code below `limit`.
    static func categoryCount(_ values: [Double], limit: Int) -> Int? {
        var largest = -1.0
        for v in values {
            guard v >= 0, v == v.rounded(.down), v < Double(limit) else { return nil }
            largest = max(largest, v)
        }
        return Int(largest) + 1 > 0 ? Int(largest) + 1 : 1
    }

    /// Upper bounds of at most `maxBins` bins of roughly equal counts over sorted values.
    ///
    /// Distinct values are never split across bins; a value more frequent than a bin's share gets a
    /// bin of its own. With at most `maxBins` distinct values every value gets its own bin.
    static func quantileBounds(sorted values: [Double], maxBins: Int) -> [Double] {
        guard !values.isEmpty else { return [] }
        var distinct: [Double] = []
        var counts: [Int] = []
        for v in values {
            if let last = distinct.last, last == v {
                counts[counts.count - 1] += 1
            } else {
                distinct.append(v)
                counts.append(1)
            }
        }
        var bounds: [Double] = []
        if distinct.count <= maxBins {
            for k in 0..<(distinct.count - 1) {
                bounds.append(midpoint(distinct[k], distinct[k + 1]))
            }
            return bounds
        }
        var remaining = values.count
        var binsLeft = maxBins
        var inBin = 0
        for k in 0..<(distinct.count - 1) {
            inBin += counts[k]
            let target = Double(remaining) / Double(binsLeft)
            // Close the bin when it has its share, or when the next value alone would overfill it.
            if Double(inBin) >= target || Double(inBin + counts[k + 1]) > target * 1.5 && inBin > 0 {
                bounds.append(midpoint(distinct[k], distinct[k + 1]))
                remaining -= inBin
                binsLeft -= 1
                inBin = 0
                if binsLeft == 1 { break }
            }
        }
        return bounds
    }

    /// `values` (finite) in ascending order, by an LSD radix sort on order-preserving 64-bit keys
    /// (several times faster than a comparison sort on the tens of thousands of values per feature).
    static func radixSorted(_ values: [Double]) -> [Double] {
        let n = values.count
        guard n > 64 else { return values.sorted() }
        var keys = values.map { v -> UInt64 in
            let bits = (v == 0 ? 0.0 : v).bitPattern
            return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
        }
        var other = [UInt64](repeating: 0, count: n)
        let digitBits: UInt64 = 11
        let buckets = 1 << digitBits
        var counts = [Int](repeating: 0, count: buckets)
        var shift: UInt64 = 0
        while shift < 64 {
            for k in 0..<buckets { counts[k] = 0 }
            let mask = UInt64(buckets - 1)
            keys.withUnsafeBufferPointer { source in
                counts.withUnsafeMutableBufferPointer { c in
                    for key in source { c[Int((key >> shift) & mask)] &+= 1 }
                }
            }
            if !counts.contains(n) {
                var total = 0
                for k in 0..<buckets {
                    let c = counts[k]
                    counts[k] = total
                    total &+= c
                }
                keys.withUnsafeBufferPointer { source in
                    other.withUnsafeMutableBufferPointer { target in
                        counts.withUnsafeMutableBufferPointer { c in
                            for key in source {
                                let d = Int((key >> shift) & mask)
                                target[c[d]] = key
                                c[d] &+= 1
                            }
                        }
                    }
                }
                swap(&keys, &other)
            }
            shift += digitBits
        }
        return keys.map { key in
            Double(bitPattern: key & (1 << 63) != 0 ? key & ~(1 << 63) : ~key)
        }
    }

    /// The midpoint of two neighbouring values, never equal to the larger one.
    private static func midpoint(_ a: Double, _ b: Double) -> Double {
        let m = a + (b - a) / 2
        return m < b ? m : a
    }
}
