import ArgumentParser
import ChurnKit
import Foundation

/// `churn features FILE --out FILE.csv`: the customer feature table with its label.
struct FeaturesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "features",
        abstract: "Build one row of features per customer (and the churn label) and write it as CSV.",
        discussion: """
        For a transaction log, features use only transactions on or before the cutoff date C, and the label
        is 1 when the customer makes no purchase in (C, C + horizon]. By default the horizon is suggested
        from the gaps between purchases and C = last date in the data - horizon. With --scoring the same
        features are computed at the last date, without a label, for scoring today's customers.
        """
    )

    @OptionGroup var data: DataOptions

    @Option(help: ArgumentHelp("Cutoff date C (YYYY-MM-DD) for a transaction log.", valueName: "date"))
    var cutoff: String?

    @Option(help: ArgumentHelp("Churn horizon H in days for a transaction log.", valueName: "days"))
    var horizon: Int?

    @Flag(help: "Compute features at the last date with no label (for scoring today's customers).")
    var scoring = false

    @Option(help: ArgumentHelp("Where to write the feature table.", valueName: "file.csv"))
    var out: String

    @Flag(help: "Print a JSON summary on stdout instead of text.")
    var json = false

    mutating func run() throws {
        let command = self
        try CommandLineErrors.guarded { try command.execute() }
    }

    private func execute() throws {
        let options = try data.ingestOptions()
        let loaded = try DataLoader.load(path: data.file, options: options)
        let profile = DataProfiler.profile(loaded, options: options)
        if !profile.usable {
            let reasons = profile.checks.filter { $0.severity == .error }.map { "  - " + $0.message }
            throw UsageError.dataUnusable(file: data.file, reasons: reasons)
        }
        var summary = FeaturesSummary(file: data.file, out: out, shape: loaded.shape.rawValue)
        if loaded.shape == .customerTable, cutoff != nil || horizon != nil || scoring {
            throw UsageError(message: "--cutoff, --horizon and --scoring apply to transaction logs; \(data.file) is a customer table")
        }
        let matrix: FeatureMatrix
        if scoring {
            if cutoff != nil || horizon != nil {
                throw UsageError(message: "--scoring computes features at the last date; drop --cutoff and --horizon")
            }
            matrix = try DatasetFeatures.scoring(loaded)
        } else {
            let cutoffDay = try cutoff.map { text in
                guard let day = CivilDate.parseISODate(text) else {
                    throw UsageError(message: "--cutoff \(text): expected a date like 2024-06-30")
                }
                return day
            }
            let built = try DatasetFeatures.training(loaded, cutoffDay: cutoffDay, horizonDays: horizon)
            matrix = built.matrix
            summary.horizonAdvice = built.advice
            if !json, let advice = built.advice, let h = matrix.horizonDays, let c = matrix.cutoffDay {
                printHorizon(advice: advice, chosen: h, cutoff: c, userHorizon: horizon != nil)
            }
        }
        try FeatureTableWriter.writeCSV(matrix, to: out)
        summary.fill(from: matrix)
        if json {
            Console.out(try JSONOutput.encode(summary))
        } else {
            var line = "Wrote \(matrix.customerIDs.count) customers x \(matrix.features.count) features to \(out)"
            if let rate = summary.churnRate { line += String(format: " (churn rate %.1f%%)", rate * 100) }
            Console.error(line)
        }
    }

    private func printHorizon(advice: HorizonAdvice, chosen: Int, cutoff: Int64, userHorizon: Bool) {
        var lines = ["Horizon     \(chosen) days" + (userHorizon ? " (from --horizon; suggested \(advice.suggestedDays))" : " (suggested)"),
                     "Rule        \(advice.rule)",
                     "Cutoff      \(CivilDate.isoDate(days: cutoff))",
                     "Candidates  horizon  cutoff      customers  churn rate"]
        for c in advice.candidates {
            let mark = c.horizonDays == chosen ? " <" : ""
            lines.append(String(format: "            %4d d   %@  %9d  %9.1f%%%@", c.horizonDays, c.cutoff, c.customers, c.churnRate * 100, mark))
        }
        Console.error(lines.joined(separator: "\n"))
    }
}

/// The `churn features --json` document.
struct FeaturesSummary: Encodable {
    struct Feature: Encodable { var name: String; var description: String; var missing: Int }
    var file: String
    var out: String
    var shape: String
    var customers = 0
    var cutoff: String?
    var horizonDays: Int?
    var churnRate: Double?
    var horizonAdvice: HorizonAdvice?
    var features: [Feature] = []
    var notes: [String] = []

    init(file: String, out: String, shape: String) {
        self.file = file; self.out = out; self.shape = shape
    }

    mutating func fill(from m: FeatureMatrix) {
        customers = m.customerIDs.count
        cutoff = m.cutoffDay.map { CivilDate.isoDate(days: $0) }
        horizonDays = m.horizonDays
        if let label = m.label, !label.isEmpty {
            let known = label.filter { !$0.isNaN }
            churnRate = known.isEmpty ? nil : known.reduce(0, +) / Double(known.count)
        }
        features = m.features.map { f in
            Feature(name: f.name, description: f.description, missing: f.values.reduce(0) { $0 + ($1.isNaN ? 1 : 0) })
        }
        notes = m.notes
    }
}

extension UsageError {
    /// The data failed validation; lists the reasons (exit 65).
    static func dataUnusable(file: String, reasons: [String]) -> DataUnusableError {
        DataUnusableError(file: file, reasons: reasons)
    }
}

/// The data failed the checks needed before features or training.
struct DataUnusableError: UserFacingError {
    var file: String
    var reasons: [String]
    var message: String { "\(file) cannot be used for training:\n" + reasons.joined(separator: "\n") }
    var exitCode: Int32 { ExitCode.dataError }
}
