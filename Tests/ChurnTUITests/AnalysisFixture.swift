import ChurnKit
import Foundation
@testable import ChurnTUI

/// A real trained and scored workspace for tab tests: a quick run (3 folds, 1 trial) of the given
/// families on a bundled sample, scored, then loaded the way the app loads it. Built once per
/// sample and family list, in a temporary directory, and shared by the tests of a process.
enum AnalysisFixture {
    /// What a tab test needs: the workspace, the app's data and the loaded analysis.
    struct Loaded {
        var workspace: Workspace
        var data: WorkspaceData
        var analysis: WorkspaceAnalysis
        var threshold: Double

        /// The workspace app at `size` with the analysis loaded.
        func state(_ size: TerminalSize, tab: Tab = .overview) -> AppState {
            var state = AppState.workspace(data, threshold: threshold, size: size, user: "tester")
            state = reduce(state, .analysisLoaded(Shared(analysis)))
            state = reduce(state, .selectTab(tab))
            state.effects.removeAll()
            return state
        }
    }

    /// The bundled samples.
    enum Sample: String {
        case subscription = "subscription.csv"
        case retail = "retail.csv"
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var cache: [String: Loaded] = [:]

    /// The repository's sample-data directory.
    static var sampleDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("sample-data")
    }

    /// A workspace trained on `sample` with `families` and scored; built on first use.
    static func load(_ sample: Sample = .subscription, families: [ModelFamily] = [.gbdt]) throws -> Loaded {
        let key = sample.rawValue + ":" + families.map(\.rawValue).joined(separator: ",")
        lock.lock()
        defer { lock.unlock() }
        if let cached = cache[key] { return cached }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("churn-tui-fixture-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let workspace = try Workspace(path: directory.appendingPathComponent("workspace.db").path)
        let file = sampleDirectory.appendingPathComponent(sample.rawValue).path
        let request = TrainingRequest(file: file, configuration: TrainingConfiguration(families: families, folds: 3, seed: 7, trials: 1))
        let prepared = try WorkspaceTraining.prepare(request, store: workspace)
        let result = try TrainingEngine.run(prepared.data, configuration: request.configuration, control: TrainingControl(), onEvent: { _ in })
        let record = try WorkspaceTraining.save(result, prepared: prepared, store: workspace)
        _ = try WorkspaceScoring.score(file: file, ingest: IngestOptions(), record: record, store: workspace)
        guard let (data, threshold) = try WorkspaceApp.load(workspace: workspace) else {
            throw StoreError.corruptRecord(path: workspace.path, table: "scorings", id: 0, reason: "fixture has no scores")
        }
        let analysis = try WorkspaceAnalysis.load(workspace: workspace, modelID: data.snapshot.model.id)
        let loaded = Loaded(workspace: workspace, data: data, analysis: analysis, threshold: threshold)
        cache[key] = loaded
        return loaded
    }
}
