import ArgumentParser
import ChurnKit
import Foundation

/// `churn bench models TABLE --folds FOLDS`: churn's model families cross-validated on a given fold file.
struct ModelsBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "Cross-validate churn's model families on a feature table and a fold file.",
        discussion: """
        TABLE is a numeric feature table as `churn features` writes it (customer_id, number columns, a 0/1
        label); FOLDS is a "row,fold" file (0-based). Every family is fitted at the fixed settings the
        reference libraries use in Tests/Benchmarks/models_reference.py (preprocessing inside each fold,
        no class weights), then the full training engine (search, blend, calibration, champion) runs on
        the same folds. `churn bench compare` runs this beside scikit-learn, LightGBM and XGBoost.
        """
    )

    @Argument(help: ArgumentHelp("The feature table.", valueName: "table.csv"))
    var table: String

    @Option(help: ArgumentHelp("The fold file (row,fold).", valueName: "folds.csv"))
    var folds: String

    @Option(help: "The label column.")
    var label = "churned"

    @Option(help: "The id column (optional in the file).")
    var id = "customer_id"

    @Option(help: ArgumentHelp("Families at fixed settings.", valueName: "list"))
    var families = "logreg,tree,forest,gbdt,svm,naive-bayes"

    @Option(help: "Search trials per family of the leaderboard run (0 skips the leaderboard).")
    var trials = TrainingConfiguration.defaultTrials

    @Flag(help: "Print one JSON document on stdout instead of text.")
    var json = false

    mutating func run() throws {
        let command = self
        try CommandLineErrors.guarded { try command.execute() }
    }

    private func execute() throws {
        let chosen = try FamilyRegistry.parse(families)
        let loaded = try DataLoader.load(path: table, options: IngestOptions(shape: .customerTable))
        let data = try FeatureTableReader.trainingData(loaded, label: label, id: id)
        let assignment = try StratifiedKFold.read(from: URL(fileURLWithPath: folds), expectedRows: data.rows)
        Console.error("\(table): \(data.rows) rows x \(data.matrix.featureCount) features, churn rate "
                      + String(format: "%.3f", data.positiveRate) + ", \(assignment.k) folds from \(folds)")
        let results = try FoldBenchmark.run(data, assignment: assignment.folds, families: chosen) { family, fold, auc in
            Console.error(String(format: "  churn %@ fold %d: AUC %.4f", family.rawValue, fold + 1, auc))
        }
        var report = ModelsBenchReport(file: table, rows: data.rows, features: data.matrix.featureCount, folds: assignment.k,
                                       churnRate: data.positiveRate, families: results)
        if trials > 0 {
            Console.error("  churn leaderboard run (all families, \(trials) trials each, blend) ...")
            let configuration = TrainingConfiguration(seed: 42, trials: trials)
            let result = try TrainingEngine.run(data, configuration: configuration, control: TrainingControl(),
                                                foldAssignment: assignment.folds)
            report.leaderboardSeconds = result.seconds
            report.classWeighting = result.classWeighting.rawValue
            report.leaderboard = result.leaderboard.map {
                ModelsBenchReport.Entry(name: $0.name, rocAUC: $0.metrics.rocAUC.mean, rocAUCStd: $0.metrics.rocAUC.std,
                                        prAUC: $0.metrics.averagePrecision.mean, brier: $0.metrics.brier.mean,
                                        championScore: $0.championScore, isChampion: $0.isChampion)
            }
        }
        if json {
            Console.out(try JSONOutput.encode(report))
            return
        }
        Console.out("| family | settings | ROC-AUC | PR-AUC | Brier | fit s/fold (median) |")
        Console.out("|---|---|---:|---:|---:|---:|")
        for r in results {
            Console.out(String(format: "| %@ | %@ | %.4f | %.4f | %.4f | %.3f |", r.family, r.settings, r.rocAUC, r.prAUC, r.brier, r.fitSeconds))
        }
        if !report.leaderboard.isEmpty {
            Console.out(String(format: "\nLeaderboard (%.1f s, %@):", report.leaderboardSeconds ?? 0, report.classWeighting ?? ""))
            for e in report.leaderboard {
                Console.out(String(format: "  %@%@ AUC %.4f ± %.4f  PR-AUC %.4f  Brier %.4f  score %.4f", e.name,
                                   e.isChampion ? " (champion)" : "", e.rocAUC, e.rocAUCStd, e.prAUC, e.brier, e.championScore))
            }
        }
    }
}

/// The `churn bench models --json` document.
struct ModelsBenchReport: Codable {
    /// One leaderboard row.
    struct Entry: Codable {
        var name: String
        var rocAUC: Double
        var rocAUCStd: Double
        var prAUC: Double
        var brier: Double
        var championScore: Double
        var isChampion: Bool
    }

    var file: String
    var rows: Int
    var features: Int
    var folds: Int
    var churnRate: Double
    var families: [FoldBenchmark.Result]
    var leaderboard: [Entry] = []
    var leaderboardSeconds: Double?
    var classWeighting: String?

    /// The leaderboard row with the highest cross-validated ROC-AUC.
    var bestEntry: Entry? { leaderboard.max { $0.rocAUC < $1.rocAUC } }
}

/// One reference library's result, as `models_reference.py run` prints it.
struct ReferenceResult: Codable {
    var library: String
    var family: String
    var model: String
    var rocAUC: Double
    var prAUC: Double
    var brier: Double
    var fitSeconds: Double
    var foldAUC: [Double]
}

/// The `models_reference.py run` document.
struct ReferenceReport: Codable {
    var file: String
    var rows: Int
    var features: Int
    var folds: Int
    var results: [ReferenceResult]
}

/// `churn bench compare`: every data set, churn beside scikit-learn / LightGBM / XGBoost, same folds.
struct CompareBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Run churn's models beside scikit-learn, LightGBM and XGBoost on the same folds (build with -c release).",
        discussion: """
        Writes the retail and subscription feature tables (as `churn features` builds them from
        sample-data/), then `models_reference.py prepare` writes breast-cancer and a 100,000 x 40
        make_classification table and a 5-fold file for every table. For each table, `churn bench models`
        (child process) and `models_reference.py run` read the same two files; the combined tables and the
        issue's targets are printed, and everything is saved as DIR/results.json.
        Needs: pip install scikit-learn lightgbm xgboost pandas (use --python for a virtualenv).
        """
    )

    @Option(help: ArgumentHelp("Where the tables, fold files and results go.", valueName: "dir"))
    var dir = ".build-bench/models"

    @Option(help: ArgumentHelp("The Python interpreter with the reference libraries.", valueName: "path"))
    var python = "python3"

    @Option(help: ArgumentHelp("The reference script.", valueName: "path"))
    var reference = "Tests/Benchmarks/models_reference.py"

    @Option(name: .customLong("sample-data"), help: ArgumentHelp("The sample-data directory.", valueName: "dir"))
    var sampleData = "sample-data"

    @Option(help: ArgumentHelp("Data sets to run.", valueName: "list"))
    var sets = "breast-cancer,retail,subscription,synthetic-100k"

    @Option(help: "Search trials per family of churn's leaderboard run (0 skips it).")
    var trials = TrainingConfiguration.defaultTrials

    mutating func run() throws {
        let command = self
        try CommandLineErrors.guarded { try command.execute() }
    }

    private func execute() throws {
        guard FileManager.default.fileExists(atPath: reference) else {
            throw BenchError(message: "reference script \(reference) not found; run from the repository root or pass --reference")
        }
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for name in ["retail", "subscription"] {
            let loaded = try DataLoader.load(path: "\(sampleData)/\(name).csv")
            let matrix = try DatasetFeatures.training(loaded).matrix
            try FeatureTableWriter.writeCSV(matrix, to: "\(dir)/\(name).csv")
            Console.error("Wrote \(dir)/\(name).csv: \(matrix.customerIDs.count) customers x \(matrix.features.count) features")
        }
        _ = try ProcessRunner.run(resolvedPython, [reference, "prepare", dir])
        var report = CompareReport(sets: [])
        for name in sets.split(separator: ",").map({ String($0).trimmingCharacters(in: .whitespaces) }) {
            let tablePath = "\(dir)/\(name).csv", foldPath = "\(dir)/\(name).folds.csv"
            Console.error("== \(name): churn")
            let churnOut = try ProcessRunner.run(ProcessRunner.selfExecutable,
                                                 ["bench", "models", tablePath, "--folds", foldPath, "--json", "--trials", String(trials)])
            let churn = try decode(ModelsBenchReport.self, from: churnOut, what: "churn bench models")
            Console.error("== \(name): reference libraries")
            let referenceOut = try ProcessRunner.run(resolvedPython, [reference, "run", tablePath, foldPath])
            let lastLine = referenceOut.split(separator: "\n").last.map(String.init) ?? ""
            let references = try decode(ReferenceReport.self, from: lastLine, what: "models_reference.py run")
            report.sets.append(CompareReport.DataSet(name: name, churn: churn, reference: references))
        }
        let data = try JSONEncoder.sortedPretty.encode(report)
        try data.write(to: URL(fileURLWithPath: "\(dir)/results.json"))
        Console.out(CompareTables.markdown(report))
        Console.error("Saved \(dir)/results.json")
    }

    /// The interpreter as a path `Process` can run (`python3` is looked up on PATH).
    private var resolvedPython: String {
        if python.contains("/") { return python }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(directory)/\(python)") {
            return "\(directory)/\(python)"
        }
        return "/usr/bin/\(python)"
    }

    private func decode<T: Decodable>(_ type: T.Type, from text: String, what: String) throws -> T {
        do {
            return try JSONDecoder.nonConforming.decode(type, from: Data(text.utf8))
        } catch {
            throw BenchError(message: "\(what) printed no readable result (\(error)):\n\(text.prefix(2000))")
        }
    }
}

/// Everything `churn bench compare` measured.
struct CompareReport: Codable {
    struct DataSet: Codable {
        var name: String
        var churn: ModelsBenchReport
        var reference: ReferenceReport
    }

    var sets: [DataSet]
}

/// The markdown tables of a comparison, with the issue's targets checked.
enum CompareTables {
    static func markdown(_ report: CompareReport) -> String {
        var lines: [String] = []
        let families = ["logreg", "tree", "forest", "gbdt", "svm", "naive-bayes"]
        for set in report.sets {
            let c = set.churn
            lines.append(String(format: "### %@ (%d rows x %d features, churn rate %.3f, %d folds)", set.name, c.rows, c.features,
                                c.churnRate, c.folds))
            lines.append("")
            lines.append("| family | library | ROC-AUC | PR-AUC | Brier | fit s/fold (median) |")
            lines.append("|---|---|---:|---:|---:|---:|")
            for family in families {
                for r in c.families where r.family == family {
                    lines.append(String(format: "| %@ | **churn** | %.4f | %.4f | %.4f | %.3f |", family, r.rocAUC, r.prAUC, r.brier, r.fitSeconds))
                }
                for r in set.reference.results where r.family == family {
                    lines.append(String(format: "| %@ | %@ %@ | %.4f | %.4f | %.4f | %.3f |", family, r.library, r.model, r.rocAUC, r.prAUC,
                                        r.brier, r.fitSeconds))
                }
            }
            for e in c.leaderboard {
                lines.append(String(format: "| leaderboard | churn %@%@ (CV, ± %.4f) | %.4f | %.4f | %.4f | |", e.name,
                                    e.isChampion ? ", champion" : "", e.rocAUCStd, e.rocAUC, e.prAUC, e.brier))
            }
            if let seconds = c.leaderboardSeconds {
                lines.append("")
                lines.append(String(format: "Leaderboard run: %.1f s in all (search, blend, calibration, champion refit; %@).",
                                    seconds, c.classWeighting ?? ""))
            }
            lines.append("")
        }
        lines.append("### Targets")
        lines.append("")
        lines.append("| set | GBDT AUC − LightGBM (≥ −0.005) | GBDT fit / LightGBM (≤ 1.5 on 100k) | logreg AUC churn / sklearn (3 dp) | forest fit churn / sklearn (≤ 1) | best leaderboard AUC / best reference |")
        lines.append("|---|---:|---:|---:|---:|---:|")
        for set in report.sets {
            func churn(_ f: String) -> FoldBenchmark.Result? { set.churn.families.first { $0.family == f } }
            func ref(_ f: String, _ library: String) -> ReferenceResult? {
                set.reference.results.first { $0.family == f && $0.library.hasPrefix(library) }
            }
            var cells = [set.name]
            if let g = churn("gbdt"), let l = ref("gbdt", "LightGBM") {
                let d = g.rocAUC - l.rocAUC
                cells.append(String(format: "%+.4f %@", d, d >= -0.005 ? "met" : "**miss**"))
                let ratio = g.fitSeconds / l.fitSeconds
                // The fit-time target is set on the 100,000-row data; smaller sets show the ratio only.
                let verdict = set.churn.rows >= 100_000 ? (ratio <= 1.5 ? "met" : "**miss**") : "(target on 100k only)"
                cells.append(String(format: "%.2f %@", ratio, verdict))
            } else { cells += ["", ""] }
            if let g = churn("logreg"), let s = ref("logreg", "scikit-learn") {
                let same = String(format: "%.3f", g.rocAUC) == String(format: "%.3f", s.rocAUC)
                cells.append(String(format: "%.4f / %.4f %@", g.rocAUC, s.rocAUC, same ? "met" : "**miss**"))
            } else { cells.append("") }
            if let g = churn("forest"), let s = ref("forest", "scikit-learn") {
                let ratio = g.fitSeconds / s.fitSeconds
                cells.append(String(format: "%.2f %@", ratio, ratio <= 1 ? "met" : "**miss**"))
            } else { cells.append("") }
            if let best = set.churn.bestEntry, let top = set.reference.results.max(by: { $0.rocAUC < $1.rocAUC }) {
                cells.append(String(format: "%.4f (%@) / %.4f (%@ %@) %@", best.rocAUC, best.name, top.rocAUC,
                                    top.library.split(separator: " ").first.map(String.init) ?? top.library, top.family,
                                    best.rocAUC >= top.rocAUC ? "met" : "**miss**"))
            } else { cells.append("") }
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n")
    }
}

extension JSONEncoder {
    /// Sorted keys, indented, NaN as "nan".
    static var sortedPretty: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }
}

extension JSONDecoder {
    /// Reads NaN written as "nan" (as `JSONOutput` writes it).
    static var nonConforming: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return decoder
    }
}
