import ChurnKit
import Foundation

/// The plain-text rendering of a `DataProfile` for `churn profile`.
enum ProfileReportText {
    /// The whole report as lines of text.
    static func render(_ p: DataProfile, notes: [String]) -> String {
        var out: [String] = []
        out.append("File        \(p.file)")
        out.append("Read as     \(p.encoding), delimiter \(delimiterName(p.delimiter)), \(p.rows) rows, \(p.columns.count) columns")
        out.append("Shape       \(p.shapeReason)")
        let roles = ColumnRole.allCases.compactMap { role in p.roles[role.rawValue].map { "\(role.rawValue)=\($0)" } }
        out.append("Roles       \(roles.joined(separator: "  "))")
        if let customers = p.customers { out.append("Customers   \(customers)") }
        if let span = p.dateSpan { out.append("Dates       \(span.first) to \(span.last) (\(span.days) days)") }
        if let balance = p.classBalance {
            out.append("Outcome     \(balance.positives) \(balance.positiveLabel) / \(balance.negatives) \(balance.negativeLabel)"
                + " (churn rate \(percent(balance.positiveRate)))")
        }
        out.append("Quality     \(String(format: "%.1f", p.qualityScore)) / 10\(p.usable ? "" : "  (not usable for training)")")
        for note in notes { out.append("Note        \(note)") }
        out.append("")
        out.append(columnTable(p))
        out.append("")
        if p.checks.isEmpty {
            out.append("Checks      no problems found")
        } else {
            out.append("Checks")
            for check in p.checks {
                let penalty = check.penalty > 0 ? String(format: " (-%.1f)", check.penalty) : ""
                out.append("  \(check.severity.rawValue.uppercased().padding(toLength: 7, withPad: " ", startingAt: 0)) \(check.message)\(penalty)")
            }
        }
        return out.joined(separator: "\n")
    }

    private static func columnTable(_ p: DataProfile) -> String {
        let header = ["column", "kind", "role", "missing", "distinct", "min", "mean", "max", "outliers"]
        var rows: [[String]] = [header]
        for c in p.columns {
            rows.append([
                c.name, c.kind.rawValue + (c.format.map { " (\($0))" } ?? ""), c.role?.rawValue ?? "",
                c.missing == 0 ? "0" : "\(c.missing) (\(percent(c.missingRate)))", String(c.distinct),
                number(c.min), number(c.mean), number(c.max),
                c.outliersIQR.map { "\($0) IQR, \(c.outliersSigma ?? 0) 3σ" } ?? "",
            ])
        }
        var widths = [Int](repeating: 0, count: header.count)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], min(cell.count, 40)) } }
        return rows.map { row in
            row.enumerated().map { i, cell in
                let clipped = cell.count > 40 ? String(cell.prefix(39)) + "…" : cell
                return clipped.padding(toLength: widths[i], withPad: " ", startingAt: 0)
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n")
    }

    static func delimiterName(_ d: String) -> String {
        switch d {
        case "\t": return "tab"
        case ",": return "comma"
        case ";": return "semicolon"
        case "|": return "pipe"
        default: return "'\(d)'"
        }
    }

    static func percent(_ x: Double) -> String { String(format: "%.1f%%", x * 100) }

    static func number(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "" }
        if x == x.rounded(), abs(x) < 1e12 { return String(Int64(x)) }
        return String(format: abs(x) >= 100 ? "%.1f" : "%.3g", x)
    }
}
