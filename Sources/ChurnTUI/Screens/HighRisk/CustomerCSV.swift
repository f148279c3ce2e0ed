import ChurnKit
import Foundation

/// Scored customers as a CRM CSV file (`CRMExport`): id, probability, tier, value and the stored top
/// reason, in the order given. Cells starting with = + - @ are neutralised by `CSVField`.
public enum CustomerCSV {
    /// The table of `rows` (indices into `customers`, in order).
    public static func table(_ customers: ScoredCustomers, rows: [Int32]) throws -> CSVTable {
        let index = rows.map(Int.init)
        let export = CRMExport(customerIDs: index.map { customers.ids[$0] },
                               probabilities: index.map { customers.probabilities[$0] },
                               tiers: index.map { customers.tiers[$0] == .unknown ? "" : customers.tiers[$0].name },
                               values: customers.values.map { v in index.map { v[$0] } },
                               reasons: customers.hasReasons ? index.map { customers.reason($0).map { [$0] } ?? [] } : nil,
                               reasonColumns: customers.hasReasons ? 1 : 0)
        return try export.table()
    }

    /// "churn-export-20250131-142501.csv" for `date` in the local time zone.
    public static func defaultFileName(_ date: Date, timeZone: TimeZone = .current) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ n: Int?) -> String { let v = n ?? 0; return v < 10 ? "0\(v)" : "\(v)" }
        return "churn-export-\(c.year ?? 0)\(two(c.month))\(two(c.day))-\(two(c.hour))\(two(c.minute))\(two(c.second)).csv"
    }

    /// The absolute path of `path` as typed: `~/` is the home folder, a relative path is in `directory`.
    public static func resolve(_ path: String, in directory: String = FileManager.default.currentDirectoryPath) -> String {
        var expanded = path
        if expanded == "~" || expanded.hasPrefix("~/") {
            expanded = NSHomeDirectory() + expanded.dropFirst()
        }
        let url = expanded.hasPrefix("/") ? URL(fileURLWithPath: expanded) : URL(fileURLWithPath: directory).appendingPathComponent(expanded)
        return url.standardizedFileURL.path
    }

    /// Writes `rows` of `customers` to `path` (resolved by `resolve`); refuses to replace an existing file.
    /// - Returns: the absolute path written.
    /// - Throws: `CSVExportError` when the file exists or cannot be written.
    @discardableResult
    public static func write(_ customers: ScoredCustomers, rows: [Int32], to path: String) throws -> String {
        let target = resolve(path)
        if FileManager.default.fileExists(atPath: target) {
            throw CSVExportError("\(target) already exists; type another file name.", exitCode: ExitCode.cannotCreate)
        }
        try table(customers, rows: rows).write(toFile: target)
        return target
    }
}
