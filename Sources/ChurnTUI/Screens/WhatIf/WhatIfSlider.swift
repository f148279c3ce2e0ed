import ChurnKit

/// One slider of the What-if tab: a feature of the customer (or a one-hot group such as `contract`),
/// the realistic range it moves in, the customer's own value and the value tried.
struct WhatIfSlider: Sendable, Equatable {
    /// How the slider's value reads.
    enum Kind: Sendable, Equatable {
        /// A number from `low` to `high` in steps of `step` (the 5th…95th percentile of the reference
        /// population, widened to include the customer's own value).
        case number(low: Double, high: Double, step: Double)
        /// A yes/no feature: 0 or 1.
        case flag
        /// One of the levels of a one-hot group; the value is the level's index (-1: none set).
        case choice(levels: [String])
    }

    /// The name shown: the feature, or the column of a one-hot group.
    var name: String
    var kind: Kind
    /// The columns of the raw feature row the slider sets (one, or one per level of a group).
    var columns: [Int]
    /// The explainer features whose contributions add up to this slider's contribution.
    var contributionFeatures: [Int]
    /// The customer's own value (NaN when missing).
    var original: Double
    /// The value tried (NaN when missing).
    var value: Double

    /// Whether the value differs from the customer's own.
    var isChanged: Bool { !Self.same(value, original) }

    /// Equal values, NaN equal to NaN.
    static func same(_ a: Double, _ b: Double) -> Bool { a == b || (a.isNaN && b.isNaN) }

    /// The value `steps` steps up (negative: down), kept in range; `reference` is where a missing
    /// value starts from.
    func stepped(_ steps: Int, reference: Double) -> Double {
        switch kind {
        case .number(let low, let high, let step):
            let start = value.isNaN ? (reference.isFinite ? reference : (low + high) / 2) : value
            var next = value.isNaN ? Self.snap(start, step: step) : Self.snap(start + Double(steps) * step, step: step)
            // Snapping to the step grid must still move at least one step when there is room.
            if !value.isNaN, next == value, steps != 0 {
                next = Self.clean(value + Double(steps) * step)
            }
            return min(high, max(low, next))
        case .flag:
            if value.isNaN { return steps > 0 ? 1 : 0 }
            return min(1, max(0, value + Double(steps)))
        case .choice(let levels):
            guard !levels.isEmpty else { return value }
            if value.isNaN || value < 0 { return steps >= 0 ? 0 : Double(levels.count - 1) }
            return Double(min(levels.count - 1, max(0, Int(value) + steps)))
        }
    }

    /// The lowest (`toHigh` false) or highest value of the slider.
    func end(toHigh: Bool) -> Double {
        switch kind {
        case .number(let low, let high, _): return toHigh ? high : low
        case .flag: return toHigh ? 1 : 0
        case .choice(let levels): return toHigh ? Double(max(0, levels.count - 1)) : 0
        }
    }

    /// A multiple of `step`, with floating-point noise removed.
    static func snap(_ v: Double, step: Double) -> Double {
        guard step > 0 else { return v }
        return clean((v / step).rounded() * step)
    }

    /// `v` rounded to 10 decimals (0.1 * 3 reads 0.3).
    static func clean(_ v: Double) -> Double { (v * 1e10).rounded() / 1e10 }

    /// Sets the slider's value into a raw feature row; the customer's own value restores the
    /// original columns exactly.
    func apply(to row: inout [Double], original originalRow: [Double]) {
        if !isChanged {
            for c in columns { row[c] = originalRow[c] }
            return
        }
        switch kind {
        case .number, .flag:
            row[columns[0]] = value
        case .choice:
            let chosen = Int(value)
            for (i, c) in columns.enumerated() { row[c] = i == chosen ? 1 : 0 }
        }
    }

    /// The slider's value as read from a raw feature row.
    func read(from row: [Double]) -> Double {
        switch kind {
        case .number, .flag:
            return row[columns[0]]
        case .choice:
            if columns.contains(where: { row[$0].isNaN }) { return .nan }
            let set = columns.indices.filter { row[columns[$0]] == 1 }
            return set.count == 1 && columns.allSatisfy({ row[$0] == 0 || row[$0] == 1 }) ? Double(set[0]) : -1
        }
    }

    /// A value as people read it: a number, yes/no, a level, or "missing".
    func text(_ v: Double) -> String {
        if v.isNaN { return "missing" }
        switch kind {
        case .number: return ReasonText.number(v)
        case .flag: return v == 1 ? "yes" : v == 0 ? "no" : ReasonText.number(v)
        case .choice(let levels):
            let i = Int(v)
            return i >= 0 && i < levels.count ? levels[i] : "other"
        }
    }

    /// The knob's place on the track (0...1, NaN when missing).
    func fraction(_ v: Double) -> Double {
        switch kind {
        case .number(let low, let high, _): return SliderTrack.fraction(v, low: low, high: high)
        case .flag: return SliderTrack.fraction(v, low: 0, high: 1)
        case .choice(let levels):
            guard v >= 0, levels.count > 1 else { return levels.count == 1 && v == 0 ? 0 : .nan }
            return SliderTrack.fraction(v, low: 0, high: Double(levels.count - 1))
        }
    }

    /// A step of about a twentieth of `span`, rounded to 1, 2, 2.5 or 5 times a power of ten (at least 1 when `integral`).
    static func niceStep(span: Double, integral: Bool, parts: Double = 20) -> Double {
        guard span > 0, span.isFinite else { return 1 }
        let raw = span / parts
        var power = 1.0
        while power * 10 <= raw { power *= 10 }
        while power > raw { power /= 10 }
        var step = power * 10
        for m in [1.0, 2, 2.5, 5, 10] where power * m >= raw {
            step = power * m
            break
        }
        if integral { step = max(1, step.rounded()) }
        return clean(step)
    }
}
