import ArgumentParser
import ChurnKit
import Foundation

/// `churn importance`: global feature importance of a model by three measures, side by side.
struct ImportanceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "importance",
        abstract: "Which features the model relies on: mean |SHAP|, gain and out-of-fold permutation importance.",
        discussion: """
        Rebuilds the model's training table from the file it was trained on. Mean |SHAP| is the mean absolute
        exact contribution (margin units, before calibration) over the training rows (a seeded sample of
        --shap-rows). Gain is the model's own split-gain importance as a share of the total (tree models only).
        Permutation is the drop in out-of-fold ROC-AUC when the feature is shuffled within each validation fold,
        with the model's recipe refitted on the training run's own folds (so no customer is scored by a model
        that saw it). A missing-value indicator counts towards its feature. Columns a model cannot give are shown as -.
        """
    )

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var modelOptions: ModelOptions

    @Option(help: ArgumentHelp("Shuffles per feature for permutation importance (0 leaves it out).", valueName: "n"))
    var repeats: Int = 3

    @Option(name: .customLong("shap-rows"), help: ArgumentHelp("Training rows (a seeded sample) to average |SHAP| over.", valueName: "n"))
    var shapRows: Int = 20_000

    @Option(help: ArgumentHelp("How many features to list in text (all with --json).", valueName: "n"))
    var top: Int = 20

    @Flag(help: "Print JSON on stdout instead of text.")
    var json = false

    mutating func run() throws {
        let command = self
        try CommandLineErrors.guarded { try command.execute() }
    }

    struct Row: Encodable {
        var feature: String
        var meanAbsSHAP: Double?
        var gainShare: Double?
        var permutationDrop: Double?
        var permutationStd: Double?
    }

    struct Report: Encodable {
        var modelVersion: Int
        var family: String
        var trainingFile: String
        var rows: Int
        var shapRows: Int?
        var shapMarginSpace: String?
        var shapNote: String?
        var gainNote: String?
        var folds: Int
        var repeats: Int
        var outOfFoldAUC: Double?
        var features: [Row]
    }

    private func execute() throws {
        guard repeats >= 0 else { throw UsageError(message: "--repeats \(repeats): expected 0 or more") }
        guard shapRows >= 1 else { throw UsageError(message: "--shap-rows \(shapRows): expected a positive number") }
        guard top >= 1 else { throw UsageError(message: "--top \(top): expected a positive number") }
        let store = try Workspace(path: workspace.resolvedPath)
        let record = try modelOptions.resolve(in: store)
        guard let blob = try store.modelBlob(id: record.id) else { throw UsageError(message: "model version \(record.version) has no stored blob") }
        let model = try TrainedModel.decode(blob)
        let set = try ModelTrainingSet.load(store: store, model: record)
        let x = set.data.matrix

        var shap: ShapValues?, shapNote: String?, marginSpace: String?
        do {
            let explainer = try TrainedModelExplainer(model)
            var rows = Array(0..<x.rows)
            if rows.count > shapRows {
                var random = SeededRandom(seed: set.configuration.seed, stream: 77)
                random.shuffle(&rows)
                rows = Array(rows.prefix(shapRows)).sorted()
            }
            shap = try GlobalImportance.inputContributions(explainer, rows.count == x.rows ? x : x.subset(rows))
            marginSpace = explainer.marginDescription
        } catch let error as ExplainError {
            shapNote = error.message
        }
        let gain = try GlobalImportance.gainShares(of: model)
        let permutation = repeats == 0 ? nil
            : try OutOfFoldPermutation.compute(model: model, data: set.data, folds: set.configuration.folds, seed: set.configuration.seed,
                                               imbalance: set.configuration.imbalance, repeats: repeats)
        guard shap != nil || gain != nil || permutation != nil else {
            throw UsageError(message: "nothing to show: this model has no contributions (\(shapNote ?? "")) and no gain importance; "
                             + "use --repeats 1 or more for permutation importance")
        }
        let table = try FeatureImportanceTable(featureNames: model.inputFeatures, shap: shap, gain: gain, permutation: permutation)
        let report = Report(modelVersion: record.version, family: record.family, trainingFile: set.file, rows: x.rows, shapRows: shap?.rows,
                            shapMarginSpace: marginSpace, shapNote: shapNote,
                            gainNote: gain == nil ? "this model kind has no split-gain importance" : nil,
                            folds: set.configuration.folds, repeats: repeats, outOfFoldAUC: permutation?.baselineAUC,
                            features: table.rows.map { Row(feature: $0.feature, meanAbsSHAP: $0.meanAbsoluteContribution, gainShare: $0.gainShare,
                                                           permutationDrop: $0.permutationDrop, permutationStd: $0.permutationStd) })
        if json {
            Console.out(try JSONOutput.encode(report))
            return
        }
        Console.out(Self.text(report, top: top))
    }

    /// The report as a table, most important first.
    static func text(_ r: Report, top: Int) -> String {
        var lines = ["Feature importance of model version \(r.modelVersion) (\(r.family)), trained on \(r.trainingFile) (\(r.rows) rows)"]
        if let n = r.shapRows, let space = r.shapMarginSpace { lines.append("  mean |SHAP|: over \(n) training rows, in \(space)") }
        if let note = r.shapNote { lines.append("  mean |SHAP|: not available: \(note)") }
        lines.append("  gain: " + (r.gainNote ?? "the model's own split-gain importance, share of the total"))
        if let auc = r.outOfFoldAUC {
            lines.append("  permutation: drop in out-of-fold ROC-AUC (\(String(format: "%.4f", auc)) unshuffled), \(r.repeats) shuffles x \(r.folds) folds")
        } else {
            lines.append("  permutation: not computed (--repeats 0)")
        }
        lines.append("")
        lines.append("  feature                          mean |SHAP|     gain   perm. drop  (± sd)")
        func cell(_ v: Double?, _ format: String, _ width: Int) -> String {
            let text = v.map { String(format: format, $0) } ?? "-"
            return String(repeating: " ", count: max(0, width - text.count)) + text
        }
        for row in r.features.prefix(top) {
            let name = row.feature.count > 30 ? String(row.feature.prefix(29)) + "…" : row.feature
            lines.append("  " + name.padding(toLength: 30, withPad: " ", startingAt: 0) + cell(row.meanAbsSHAP, "%.4f", 13)
                         + cell(row.gainShare.map { $0 * 100 }, "%.1f%%", 9) + cell(row.permutationDrop, "%+.4f", 13)
                         + cell(row.permutationStd, "%.4f", 9))
        }
        if r.features.count > top { lines.append("  ... \(r.features.count - top) more (--top \(r.features.count) or --json)") }
        return lines.joined(separator: "\n")
    }
}
