import Foundation

/// What a decision threshold should achieve.
public enum ThresholdObjective: Codable, Sendable, Equatable {
    /// The largest F1 score (ties: the higher threshold).
    case f1
    /// The largest expected net value under the profit model (ties: the higher threshold, fewer contacts).
    case profit
    /// The highest threshold whose recall is at least the target (0 < target <= 1): find that share of
    /// churners while contacting as few customers as possible.
    case recall(Double)
    /// The lowest threshold whose precision is at least the floor (0 < floor <= 1): contact as many
    /// customers as possible while keeping precision up.
    case precision(Double)

    /// Parses the command-line spelling: `f1`, `profit`, `recall=0.8`, `precision=0.7`.
    public init(parsing text: String) throws {
        let lower = text.lowercased().trimmingCharacters(in: .whitespaces)
        if lower == "f1" { self = .f1; return }
        if lower == "profit" { self = .profit; return }
        let parts = lower.split(separator: "=", maxSplits: 1).map { String($0).trimmingCharacters(in: .whitespaces) }
        if parts.count == 2, parts[0] == "recall" || parts[0] == "precision" {
            guard let x = Double(parts[1]), x > 0, x <= 1 else {
                throw ThresholdOptimizerError("The \(parts[0]) target in \"\(text)\" must be a number above 0 and at most 1, e.g. \(parts[0])=0.8.")
            }
            self = parts[0] == "recall" ? .recall(x) : .precision(x)
            return
        }
        throw ThresholdOptimizerError("Unknown threshold objective \"\(text)\": expected f1, profit, recall=0.8 or precision=0.7.")
    }

    /// A short description ("recall >= 0.8").
    public var label: String {
        switch self {
        case .f1: return "best F1"
        case .profit: return "best net value"
        case .recall(let r): return "recall >= \(r)"
        case .precision(let p): return "precision >= \(p)"
        }
    }
}
