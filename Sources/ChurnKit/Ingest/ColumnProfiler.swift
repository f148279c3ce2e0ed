import Foundation

/// Summaries of one typed column: missing values, distinct values, numeric statistics and outliers.
enum ColumnProfiler {
    static func profile(_ column: DataColumn, role: ColumnRole?, rows: Int) -> ColumnProfile {
        var missing = 0
        var distinct = 0
        var stats: (min: Double, max: Double, mean: Double, std: Double, iqr: Int, sigma: Int)?
        switch column.values {
        case .number(let values):
            var present = values.filter { !$0.isNaN }
            missing = values.count - present.count
            present = RadixSort.sorted(present)
            distinct = countDistinctSorted(present)
            if !present.isEmpty {
                let n = Double(present.count)
                let mean = present.reduce(0, +) / n
                let variance = present.count > 1 ? present.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1) : 0
                let std = variance.squareRoot()
                var iqr = 0, sigma = 0
                if column.kind != .boolean {
                    let q1 = quantile(present, 0.25), q3 = quantile(present, 0.75)
                    let low = q1 - 1.5 * (q3 - q1), high = q3 + 1.5 * (q3 - q1)
                    for x in present {
                        if x < low || x > high { iqr += 1 }
                        if std > 0 && abs(x - mean) > 3 * std { sigma += 1 }
                    }
                }
                stats = (present[0], present[present.count - 1], mean, std, iqr, sigma)
            }
        case .time(let values):
            var present = values.filter { $0 != DataTable.missingTime }
            missing = values.count - present.count
            present = RadixSort.sorted(present)
            distinct = countDistinctSorted(present)
        case .strings(let codes, let levels):
            var seen = [Bool](repeating: false, count: levels.count)
            for c in codes {
                if c < 0 { missing += 1 } else if !seen[Int(c)] { seen[Int(c)] = true; distinct += 1 }
            }
        }
        var examples: [String] = []
        var row = 0
        while examples.count < 3 && row < column.count && row < 10_000 {
            let t = column.text(at: row)
            if !t.isEmpty && !examples.contains(t) { examples.append(t) }
            row += 1
        }
        let numeric = column.kind == .integer || column.kind == .decimal || column.kind == .boolean
        return ColumnProfile(name: column.name, kind: column.kind, role: role, format: column.format, missing: missing,
                             missingRate: rows > 0 ? Double(missing) / Double(rows) : 0, distinct: distinct,
                             min: numeric ? stats?.min : nil, max: numeric ? stats?.max : nil,
                             mean: numeric ? stats?.mean : nil, std: numeric ? stats?.std : nil,
                             outliersIQR: numeric && column.kind != .boolean ? (stats?.iqr ?? 0) : nil,
                             outliersSigma: numeric && column.kind != .boolean ? (stats?.sigma ?? 0) : nil,
                             examples: examples)
    }

    /// Quantile of sorted values by linear interpolation between closest ranks.
    static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let position = q * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - Double(lower))
    }

    static func countDistinctSorted<T: Equatable>(_ sorted: [T]) -> Int {
        guard !sorted.isEmpty else { return 0 }
        var count = 1
        for i in 1..<sorted.count where sorted[i] != sorted[i - 1] { count += 1 }
        return count
    }
}
