import Foundation

/// Hyperparameter values of one model configuration, by name (numbers only; choices are indices).
public struct ParameterSet: Codable, Sendable, Equatable, CustomStringConvertible {
    /// The values by parameter name.
    public var values: [String: Double]

    public init(_ values: [String: Double] = [:]) { self.values = values }

    /// The value of `name`, or `fallback` when it is not set.
    public func value(_ name: String, default fallback: Double) -> Double { values[name] ?? fallback }

    /// "name=value" pairs in name order.
    public var description: String {
        values.keys.sorted().map { key in
            let v = values[key] ?? .nan
            let text = v == v.rounded() && abs(v) < 1e6 ? String(Int(v)) : String(format: "%.4g", v)
            return "\(key)=\(text)"
        }.joined(separator: " ")
    }
}

/// One searched hyperparameter and the distribution trials draw it from.
public struct ParameterRange: Sendable, Equatable {
    /// How values are drawn.
    public enum Distribution: Sendable, Equatable {
        /// Uniform on [low, high].
        case uniform(Double, Double)
        /// Log-uniform on [low, high] (both > 0).
        case logUniform(Double, Double)
        /// A uniform integer in low...high.
        case integer(Int, Int)
        /// One of the given values, each equally likely.
        case choice([Double])
    }

    public var name: String
    public var distribution: Distribution

    public init(_ name: String, _ distribution: Distribution) {
        self.name = name
        self.distribution = distribution
    }

    /// One value drawn with `random`.
    func draw(_ random: inout SeededRandom) -> Double {
        switch distribution {
        case .uniform(let low, let high): return low + (high - low) * random.nextDouble()
        case .logUniform(let low, let high): return exp(log(low) + (log(high) - log(low)) * random.nextDouble())
        case .integer(let low, let high): return Double(low + random.nextInt(below: high - low + 1))
        case .choice(let values): return values[random.nextInt(below: values.count)]
        }
    }
}

/// A family's search space: the default configuration (always trial 1) and the ranges random
/// search draws the other trials from.
public struct SearchSpace: Sendable, Equatable {
    /// The configuration tried first.
    public var defaults: ParameterSet
    /// The searched parameters (parameters not listed keep their default).
    public var ranges: [ParameterRange]

    public init(defaults: ParameterSet, ranges: [ParameterRange]) {
        self.defaults = defaults
        self.ranges = ranges
    }

    /// `count` configurations: the defaults, then random draws seeded by `seed` (same seed, same list).
    public func trials(_ count: Int, seed: UInt64) -> [ParameterSet] {
        guard count > 0 else { return [] }
        var result = [defaults]
        var random = SeededRandom(seed: seed)
        var attempts = 0
        while result.count < count && attempts < count * 20 {
            attempts += 1
            var p = defaults
            for range in ranges { p.values[range.name] = range.draw(&random) }
            if !result.contains(p) { result.append(p) }
        }
        return result
    }
}
