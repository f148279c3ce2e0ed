import ArgumentParser
import ChurnKit
import ChurnTUI
import Foundation

/// What training started from the full-screen app searches (`churn open`, `churn`, `:train`).
///
/// Each option falls back to an environment variable, then to the `churn train` defaults:
/// `CHURN_TRAIN_MODELS` (e.g. `logreg,gbdt`), `CHURN_TRAIN_FOLDS`, `CHURN_TRAIN_TRIALS`. A quick
/// look at a new file: `CHURN_TRAIN_MODELS=logreg CHURN_TRAIN_TRIALS=1 churn open FILE`.
struct AppTrainingOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Model families the app trains, comma separated (default: $CHURN_TRAIN_MODELS, else all).",
                               valueName: "logreg,tree,forest,gbdt,svm,naive-bayes"))
    var models: String?

    @Option(help: ArgumentHelp("Cross-validation folds of app training (default: $CHURN_TRAIN_FOLDS, else 5).", valueName: "n"))
    var folds: Int?

    @Option(help: ArgumentHelp("Search trials per family of app training (default: $CHURN_TRAIN_TRIALS, else 8).", valueName: "n"))
    var trials: Int?

    @Option(help: "Random seed of app training.")
    var seed: UInt64 = 42

    /// The configuration these options (and the environment) describe.
    func configuration(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> TrainingConfiguration {
        func number(_ flag: String, _ value: Int?, _ variable: String, minimum: Int) throws -> Int? {
            if let value {
                guard value >= minimum else { throw UsageError(message: "--\(flag) \(value): expected at least \(minimum)") }
                return value
            }
            guard let text = environment[variable], !text.isEmpty else { return nil }
            guard let parsed = Int(text), parsed >= minimum else {
                throw UsageError(message: "\(variable)=\(text): expected a whole number, at least \(minimum)")
            }
            return parsed
        }
        var configuration = TrainingConfiguration(seed: seed)
        if let list = models ?? environment["CHURN_TRAIN_MODELS"].flatMap({ $0.isEmpty ? nil : $0 }) {
            configuration.families = try FamilyRegistry.parse(list)
        }
        if let folds = try number("folds", folds, "CHURN_TRAIN_FOLDS", minimum: 2) { configuration.folds = folds }
        if let trials = try number("trials", trials, "CHURN_TRAIN_TRIALS", minimum: 1) { configuration.trials = trials }
        return configuration
    }
}

/// The sample data offered on a first run: the repository's `sample-data/subscription.csv` when it
/// can be found (the working directory, or above the executable), else the same file written by the
/// built-in generator next to the workspace.
enum BundledSample {
    static let kind = SampleKind.subscription

    /// The path of the sample file, writing it first when no copy is found.
    static func locate(workspacePath: String) throws -> String {
        let name = "sample-data/" + kind.fileName
        var candidates = [URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(name)]
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() {
            var folder = executable.deletingLastPathComponent()
            for _ in 0..<5 {
                candidates.append(folder.appendingPathComponent(name))
                folder = folder.deletingLastPathComponent()
            }
        }
        if let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0.path) }) {
            return found.standardizedFileURL.path
        }
        let folder = URL(fileURLWithPath: workspacePath).deletingLastPathComponent().appendingPathComponent("sample-data").path
        let written = folder + "/" + kind.fileName
        if FileManager.default.fileExists(atPath: written) { return written }
        return try SampleGenerator.write(kind: kind, customers: kind.defaultCustomers, seed: SampleGenerator.defaultSeed, to: folder)
    }
}
