import ArgumentParser
import ChurnKit
import Foundation

/// `churn bench`: release-mode benchmarks, side by side with reference tools.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Run a benchmark (build with -c release first).",
        subcommands: [IngestBench.self, MeasureIngest.self, ShapBench.self, ModelsBench.self, CompareBench.self]
    )
}

/// `churn bench ingest`: parse + features on a generated 10M-row log, beside pandas and DuckDB.
struct IngestBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Time parsing and feature building on a generated transaction log, beside pandas and DuckDB.",
        discussion: """
        Generates (once) a retail log with --customers customers (500,000 gives about 10 million rows and
        260 MB), then runs `churn bench measure-ingest FILE` --runs times in a child process (so that peak
        memory is its own) and the reference script (Tests/Benchmarks/ingest_reference.py, which needs
        `pip install pandas duckdb`) on the same file.
        """
    )

    @Option(help: "Customers in the generated log.")
    var customers: Int = 500_000

    @Option(help: "Seed of the generated log.")
    var seed: UInt64 = 7

    @Option(help: ArgumentHelp("Where the generated data goes.", valueName: "dir"))
    var dir: String = ".build-bench"

    @Option(help: "Timed runs of churn (the median is reported).")
    var runs: Int = 3

    @Option(help: ArgumentHelp("The reference script; '' skips it.", valueName: "path"))
    var reference: String = "Tests/Benchmarks/ingest_reference.py"

    mutating func run() throws {
        let command = self
        try CommandLineErrors.guarded { try command.execute() }
    }

    private func execute() throws {
        let file = "\(dir)/retail-\(customers)-seed\(seed)/retail.csv"
        if !FileManager.default.fileExists(atPath: file) {
            Console.error("Generating \(file) ...")
            let start = Date()
            _ = try SampleGenerator.write(kind: .retail, customers: customers, seed: seed, to: "\(dir)/retail-\(customers)-seed\(seed)")
            Console.error(String(format: "  generated in %.1f s", Date().timeIntervalSince(start)))
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
        Console.out(String(format: "File: %@ (%.0f MB)", file, Double(size) / 1e6))
        let exe = ProcessRunner.selfExecutable
        var results: [BenchResult] = []
        for i in 0..<max(1, runs) {
            let output = try ProcessRunner.run(exe, ["bench", "measure-ingest", file])
            guard let line = output.split(separator: "\n").last,
                  let result = try? JSONDecoder().decode(BenchResult.self, from: Data(line.utf8)) else {
                throw BenchError(message: "churn bench measure-ingest printed no result:\n\(output)")
            }
            Console.error(String(format: "  churn run %d: %.2f s", i + 1, result.total_s))
            results.append(result)
        }
        results.sort { $0.total_s < $1.total_s }
        var rows = [results[results.count / 2]]
        if !reference.isEmpty {
            if FileManager.default.fileExists(atPath: reference) {
                Console.error("Running the reference script (pandas, DuckDB) ...")
                let output = (try? ProcessRunner.run("/usr/bin/env", ["python3", reference, file])) ?? ""
                for line in output.split(separator: "\n") {
                    if let r = try? JSONDecoder().decode(BenchResult.self, from: Data(line.utf8)) { rows.append(r) }
                    else { Console.error("  reference: \(line)") }
                }
            } else {
                Console.error("Reference script \(reference) not found; run from the repository root or pass --reference.")
            }
        }
        let mbs = Double(size) / 1e6
        Console.out("| engine | rows | customers | parse s | features s | total s | MB/s (parse) | peak MB |")
        Console.out("|---|---:|---:|---:|---:|---:|---:|---:|")
        for r in rows {
            Console.out(String(format: "| %@ | %d | %d | %.2f | %.2f | %.2f | %.0f | %.0f |",
                               r.engine, r.rows, r.customers, r.load_s, r.features_s, r.total_s, mbs / r.load_s, r.peak_mb))
        }
    }
}

/// `churn bench measure-ingest FILE`: one timed run, printed as a JSON line (used by `bench ingest`).
struct MeasureIngest: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "measure-ingest",
        abstract: "Time one load + feature build of FILE and print a JSON line.",
        shouldDisplay: false
    )

    @Argument var file: String

    @Option(help: "Horizon in days (cutoff = last date - horizon).")
    var horizon: Int = 90

    mutating func run() throws {
        let command = self
        try CommandLineErrors.guarded {
            let t0 = Date()
            let loaded = try DataLoader.load(path: command.file, options: IngestOptions())
            let t1 = Date()
            let log = try TransactionLog(table: loaded.table, mapping: loaded.mapping)
            let matrix = try TransactionFeatures.training(log, cutoffDay: Int64(log.lastDay) - Int64(command.horizon),
                                                          horizonDays: command.horizon)
            let t2 = Date()
            var usage = rusage()
            getrusage(RUSAGE_SELF.rawValue, &usage)
            let result = BenchResult(engine: "churn", load_s: t1.timeIntervalSince(t0), features_s: t2.timeIntervalSince(t1),
                                     total_s: t2.timeIntervalSince(t0), peak_mb: Double(usage.ru_maxrss) / 1024,
                                     rows: loaded.table.rowCount, customers: matrix.customerIDs.count)
            Console.out(String(decoding: try JSONEncoder().encode(result), as: UTF8.self))
        }
    }
}

/// One engine's timings, as printed by `measure-ingest` and the reference script.
struct BenchResult: Codable {
    var engine: String
    var load_s: Double
    var features_s: Double
    var total_s: Double
    var peak_mb: Double
    var rows: Int
    var customers: Int
}

/// A benchmark could not run.
struct BenchError: UserFacingError {
    var message: String
    var exitCode: Int32 { ExitCode.software }
}

/// Runs child processes and collects their output.
enum ProcessRunner {
    /// The path of the running churn binary.
    static var selfExecutable: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    /// Runs a program to completion and returns its stdout (stderr passes through).
    static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        if process.terminationStatus != 0 {
            throw BenchError(message: "\(executable) \(arguments.joined(separator: " ")) exited with \(process.terminationStatus)")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
