import ArgumentParser
import ChurnKit
import Foundation

/// `churn train FILE`: cross-validated training of every model family, champion saved as a new version.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train and compare churn models; save the champion as a new model version.",
        discussion: """
        Every family is tuned by random search (successive halving) over stratified k-fold cross-validation,
        with preprocessing fitted inside each training fold. A blend of the families is added, every model is
        calibrated, and the champion (0.4 F1 + 0.3 recall + 0.2 business value + 0.1 stability) is refitted on
        all rows and saved in the workspace. Press Ctrl-C to cancel: the run is recorded as cancelled.
        """
    )

    @OptionGroup var data: DataOptions
    @OptionGroup var workspace: WorkspaceOptions

    @Option(help: ArgumentHelp("Model families, comma separated.", valueName: "logreg,tree,gbdt,svm,naive-bayes"))
    var models: String?

    @Option(help: "Cross-validation folds.")
    var folds = 5

    @Option(help: "Random seed: the same seed gives the same leaderboard.")
    var seed: UInt64 = 42

    @Option(help: "Search trials per family (the first is the family's defaults).")
    var trials = TrainingConfiguration.defaultTrials

    @Option(help: ArgumentHelp("Cutoff date C (YYYY-MM-DD) for a transaction log.", valueName: "date"))
    var cutoff: String?

    @Option(help: ArgumentHelp("Churn horizon H in days for a transaction log.", valueName: "days"))
    var horizon: Int?

    @Option(help: ArgumentHelp("Class balancing: auto (class weights when the rarer class is under 30%), weights, smote "
                               + "(over-sample the rarer class in training folds only) or none.", valueName: "auto|weights|smote|none"))
    var imbalance = "auto"

    @Flag(help: "Print the leaderboard as JSON on stdout (progress stays on stderr).")
    var json = false

    mutating func run() throws {
        let command = self
        try CommandLineErrors.guarded { try command.execute() }
    }

    private func execute() throws {
        let families = try models.map(FamilyRegistry.parse) ?? FamilyRegistry.trainable
        guard folds >= 2 else { throw UsageError(message: "--folds \(folds): expected at least 2") }
        guard trials >= 1 else { throw UsageError(message: "--trials \(trials): expected at least 1") }
        let balancing = try Self.imbalanceHandling(imbalance)
        var cutoffDay: Int64?
        if let cutoff {
            guard let day = CivilDate.parseISODate(cutoff) else { throw UsageError(message: "--cutoff \(cutoff): expected a date like 2024-06-30") }
            cutoffDay = day
        }
        let store = try Workspace(path: workspace.resolvedPath)
        let configuration = TrainingConfiguration(families: families, folds: folds, seed: seed, trials: trials,
                                                  imbalance: balancing)
        let request = TrainingRequest(file: data.file, ingest: try data.ingestOptions(), cutoffDay: cutoffDay, horizonDays: horizon,
                                      configuration: configuration)
        let prepared = try WorkspaceTraining.prepare(request, store: store)

        let progress = ProgressPrinter(terminal: Console.stderrIsTerminal)
        // The run's row shows its stage and share done while it runs (at most two writes a second).
        let recorder = store.runProgressRecorder(runID: prepared.runID)
        let job = TrainingJob(data: prepared.data, configuration: configuration) { event in
            progress.show(event)
            recorder.record(event)
        }
        let interrupt = InterruptWatcher { job.cancel() }
        job.start()
        let outcome = job.wait()
        interrupt.stop()
        recorder.flush()
        progress.finish()
        let result: TrainingResult
        switch outcome {
        case .success(let r): result = r
        case .failure(let error):
            try WorkspaceTraining.finish(prepared, error: error, store: store)
            throw error
        }
        let champion = result.champion
        let saved = try WorkspaceTraining.save(result, prepared: prepared, store: store)
        if json {
            Console.out(try JSONOutput.encode(TrainReport(result: result, version: saved.version, file: data.file)))
        } else {
            Console.out(LeaderboardText.render(result))
            Console.out("Saved model version \(saved.version) (\(champion.name)) in \(store.path) after \(String(format: "%.1f", result.seconds)) s")
        }
    }

    /// The `--imbalance` value as an `ImbalanceHandling`.
    static func imbalanceHandling(_ text: String) throws -> ImbalanceHandling {
        switch text.lowercased() {
        case "auto", "automatic": return .automatic
        case "weights", "class-weights": return .classWeights
        case "smote": return .smote
        case "none": return .none
        default: throw UsageError(message: "--imbalance \(text): expected auto, weights, smote or none")
        }
    }
}

/// The `churn train --json` document.
struct TrainReport: Encodable {
    var file: String
    var rows: Int
    var folds: Int
    var seed: UInt64
    var trials: Int
    var classWeighting: String
    var champion: String
    var modelVersion: Int
    var seconds: Double
    var leaderboard: [LeaderboardRow]
    var notes: [String]

    init(result: TrainingResult, version: Int, file: String) {
        self.file = file
        rows = result.foldAssignment.count
        folds = result.configuration.folds
        seed = result.configuration.seed
        trials = result.configuration.trials
        classWeighting = result.classWeighting.rawValue
        champion = result.champion.name
        modelVersion = version
        seconds = result.seconds
        leaderboard = result.leaderboard.map(LeaderboardRow.init)
        notes = result.notes
    }
}





/// The leaderboard as a text table.
enum LeaderboardText {
    static func render(_ result: TrainingResult) -> String {
        var lines = ["Leaderboard (\(result.configuration.folds)-fold CV, mean ± std; * = champion)",
                     "  model         score   ROC-AUC        PR-AUC         F1             recall         precision      log loss       Brier          value   calib."]
        func cell(_ s: MetricSummary) -> String { String(format: "%.3f ± %.3f", s.mean, s.std).padding(toLength: 15, withPad: " ", startingAt: 0) }
        for e in result.leaderboard {
            let m = e.metrics
            let name = ((e.isChampion ? "* " : "  ") + e.name).padding(toLength: 14, withPad: " ", startingAt: 0)
            lines.append(name + String(format: "%.3f   ", e.championScore) + cell(m.rocAUC) + cell(m.averagePrecision) + cell(m.f1)
                         + cell(m.recall) + cell(m.precision) + cell(m.logLoss) + cell(m.brier)
                         + String(format: "%.3f   ", m.businessValue.mean) + e.calibration.method.rawValue)
        }
        if let blend = result.leaderboard.first(where: { $0.family == .blend }) {
            lines.append("Blend weights: " + blend.blendMembers.map { String(format: "%@ %.2f", $0.family.rawValue, $0.weight) }.joined(separator: ", "))
        }
        lines.append("Class balance: " + result.classWeighting.rawValue)
        for note in result.notes { lines.append("Note: " + note) }
        return lines.joined(separator: "\n")
    }
}

/// Draws training progress on stderr: a redrawn bar on a terminal, plain lines otherwise.
final class ProgressPrinter: @unchecked Sendable {
    private let terminal: Bool
    private let lock = NSLock()
    private var lastLine = Date.distantPast
    private var lastStage: TrainingStage?
    private var drewBar = false

    init(terminal: Bool) { self.terminal = terminal }

    func show(_ e: TrainingEvent) {
        lock.lock(); defer { lock.unlock() }
        let percent = Int((e.fraction * 100).rounded(.down))
        let eta = e.eta.map { String(format: " ETA %.0fs", $0) } ?? ""
        if terminal {
            let width = 30
            let filled = Int(e.fraction * Double(width))
            let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
            var context = e.stage.rawValue
            if e.modelCount > 0 && e.modelIndex > 0 { context += " model \(e.modelIndex)/\(e.modelCount)" }
            let text = "\r[\(bar)] \(String(format: "%3d", percent))% \(context)\(eta) \(e.message)"
            FileHandle.standardError.write(Data((text.prefix(150) + "\u{1B}[K").utf8))
            drewBar = true
        } else {
            // Plain lines: every stage change, otherwise at most one line a second.
            let now = Date()
            guard e.stage != lastStage || now.timeIntervalSince(lastLine) >= 1 || e.stage == .finished else { return }
            lastStage = e.stage
            lastLine = now
            Console.error("[\(String(format: "%3d", percent))%] \(e.stage.rawValue)\(eta): \(e.message)")
        }
    }

    func finish() {
        lock.lock(); defer { lock.unlock() }
        if drewBar { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}

/// Cancels a run on Ctrl-C (SIGINT) instead of killing the process, so the run is recorded as cancelled.
final class InterruptWatcher: @unchecked Sendable {
    private let source: DispatchSourceSignal

    init(onInterrupt: @escaping @Sendable () -> Void) {
        signal(SIGINT, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: DispatchQueue(label: "churn.interrupt"))
        source.setEventHandler { Console.error("\nchurn: cancelling..."); onInterrupt() }
        source.resume()
    }

    func stop() {
        source.cancel()
        signal(SIGINT, SIG_DFL)
    }
}

