import ArgumentParser
import ChurnKit
import Foundation

/// `churn bench shap --data FILE`: TreeSHAP for every row of a CSV, per-row kernel vs pattern tables.
struct ShapBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shap",
        abstract: "Time TreeSHAP on every row of a numeric CSV (last column the 0/1 label), with and without pattern tables.",
        discussion: """
        Fits gradient boosting (--trees trees of --leaves leaves, learning rate 0.1) on the file, then explains every
        row on both cores twice: with the per-row kernel and with per-leaf pattern tables. Prints wall and CPU
        time of each, the largest difference between the two and the largest additivity error. The data file
        is what Tests/Fixtures/scripts/shap_reference.py writes (it also times LightGBM's pred_contrib).
        """
    )

    @Option(help: ArgumentHelp("The CSV: numeric features, then the 0/1 label.", valueName: "file"))
    var data: String

    @Option(help: "Boosting rounds.")
    var trees: Int = 300

    @Option(help: "Leaves per tree.")
    var leaves: Int = 31

    mutating func run() throws {
        let command = self
        try CommandLineErrors.guarded { try command.execute() }
    }

    private func execute() throws {
        guard let text = try? String(contentsOfFile: data, encoding: .utf8) else {
            throw CommandFileError(message: "cannot read \(data)", exitCode: ExitCode.noInput)
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        guard lines.count > 1 else { throw CommandFileError(message: "\(data): no data rows", exitCode: ExitCode.dataError) }
        let header = lines.removeFirst().split(separator: ",").map(String.init)
        let featureCount = header.count - 1
        var columns = [[Double]](repeating: [], count: featureCount)
        var labels: [Double] = []
        for (i, line) in lines.enumerated() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == header.count else {
                throw CommandFileError(message: "\(data) line \(i + 2): \(fields.count) fields, expected \(header.count)", exitCode: ExitCode.dataError)
            }
            for j in 0..<featureCount { columns[j].append(Double(fields[j]) ?? .nan) }
            labels.append(Double(fields[featureCount]) ?? 0)
        }
        let x = TrainingMatrix(names: Array(header[0..<featureCount]), columns: columns)
        var params = GradientBoostingParameters()
        params.rounds = trees
        params.maxLeaves = leaves
        params.learningRate = 0.1
        var model = GradientBoosting(parameters: params)
        let fitStart = Date()
        try model.fit(x, labels: labels, weights: nil, control: .none)
        Console.out(String(format: "gbdt fit: %.1f s, %d trees, %d rows x %d features", Date().timeIntervalSince(fitStart), model.trees.count, x.rows, featureCount))
        let explainer = try TreeExplainer(model)
        var results: [ShapValues] = []
        for (name, mode) in [("per-row kernel", TreeSHAPPrecomputation.never), ("pattern tables", .always)] {
            let cpuStart = clock()
            let start = Date()
            results.append(try explainer.shapValues(x, precomputation: mode))
            let wall = Date().timeIntervalSince(start)
            let cpu = Double(clock() - cpuStart) / Double(CLOCKS_PER_SEC)
            Console.out(String(format: "TreeSHAP %@: wall %.2f s, CPU %.2f s (%.3f ms CPU per row)", name, wall, cpu, cpu / Double(x.rows) * 1e3))
        }
        var difference = 0.0
        for i in results[0].values.indices { difference = max(difference, abs(results[0].values[i] - results[1].values[i])) }
        let margins = model.predictMargins(x), sums = results[1].margins()
        var additivity = 0.0
        for r in 0..<x.rows { additivity = max(additivity, abs(sums[r] - margins[r])) }
        Console.out(String(format: "max |tables - per-row| = %.2e; max |expected + sum - margin| = %.2e", difference, additivity))
    }
}
