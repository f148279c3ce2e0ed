import Foundation

/// How a histogram tree grower scores a node from its gradient sum `g` and hessian sum `h`.
///
/// The gain of a split is `score(left) + score(right) - score(parent)`; higher scores are better.
/// Classification trees use `g` = sum of weight x label and `h` = sum of weights, so both CART
/// impurities and second-order boosting share one histogram layout.
protocol HistogramSplitCriterion: Sendable {
    /// The node's score (minus its loss or weighted impurity, up to terms that cancel in a split).
    func score(_ g: Double, _ h: Double) -> Double
    /// The value a leaf with these sums outputs.
    func leafValue(_ g: Double, _ h: Double) -> Double
}

/// Second-order boosting: score G^2 / (H + lambda), leaf value -G / (H + lambda).
struct SecondOrderCriterion: HistogramSplitCriterion {
    let lambda: Double

    @inline(__always)
    func score(_ g: Double, _ h: Double) -> Double { g * g / (h + lambda) }

    @inline(__always)
    func leafValue(_ g: Double, _ h: Double) -> Double { h + lambda > 0 ? -g / (h + lambda) : 0 }
}

/// Gini impurity: a node of weight H and positive weight G has weighted impurity 2G(H-G)/H, which
/// is -2G + 2G^2/H; the linear term cancels in every split, leaving score 2G^2/H.
struct GiniCriterion: HistogramSplitCriterion {
    @inline(__always)
    func score(_ g: Double, _ h: Double) -> Double { h > 0 ? 2 * g * g / h : 0 }

    @inline(__always)
    func leafValue(_ g: Double, _ h: Double) -> Double { h > 0 ? min(max(g / h, 0), 1) : 0 }
}

/// Entropy: a node's weighted entropy is H ln H - G ln G - (H-G) ln(H-G); the score is its negative.
struct EntropyCriterion: HistogramSplitCriterion {
    @inline(__always)
    private func xlogx(_ v: Double) -> Double { v > 1e-300 ? v * log(v) : 0 }

    @inline(__always)
    func score(_ g: Double, _ h: Double) -> Double { xlogx(g) + xlogx(h - g) - xlogx(h) }

    @inline(__always)
    func leafValue(_ g: Double, _ h: Double) -> Double { h > 0 ? min(max(g / h, 0), 1) : 0 }
}
