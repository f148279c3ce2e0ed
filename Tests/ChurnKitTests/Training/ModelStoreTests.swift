@testable import ChurnKit
import XCTest

final class ModelStoreTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("churn-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    private func workspaceWithImport() throws -> (Workspace, Int64) {
        let store = try Workspace(path: folder.appendingPathComponent("w.sqlite").path, user: "tester")
        return (store, try store.recordImport(StoreFixtures.profile(file: "t.csv"), fileHash: "abc", mapping: ColumnMapping()))
    }

    func testVersionsIncreaseAndOnlyTheNewestIsActive() throws {
        let (store, importID) = try workspaceWithImport()
        for _ in 0..<2 {
            let run = try store.startRun(importID: importID, parametersJSON: "{}")
            _ = try store.saveModel(NewModel(family: "logreg", parametersJSON: "{}", metricsJSON: "{}", featureSchemaJSON: "{}",
                                             dataHash: "abc", seed: 42, blob: Data([1, 2, 3])), runID: run)
        }
        let models = try store.models()
        XCTAssertEqual(models.map(\.version), [2, 1])
        XCTAssertEqual(models.map(\.active), [true, false])
        XCTAssertEqual(try store.modelBlob(id: models[0].id), Data([1, 2, 3]))
        XCTAssertEqual(try store.runs().map(\.status), [.succeeded, .succeeded])
    }

    /// A cancelled run is recorded as cancelled and leaves no model.
    func testCancelledRunLeavesNoModel() throws {
        let (store, importID) = try workspaceWithImport()
        let run = try store.startRun(importID: importID, parametersJSON: "{}")
        let data = try TrainingTestData.data(rows: 1500)
        let control = TrainingControl()
        let job = TrainingJob(data: data, configuration: TrainingConfiguration(families: [.gbdt], folds: 5, seed: 1, trials: 8),
                              control: control) { event in if event.stage == .searching { control.cancel() } }
        job.start()
        if case .failure(let error) = job.wait(), (error as? TrainingError) == .cancelled {
            try store.finishRun(run, status: .cancelled, error: (error as? UserFacingError)?.message)
        } else {
            XCTFail("the run was not cancelled")
        }
        XCTAssertEqual(try store.runs().first?.status, .cancelled)
        XCTAssertEqual(try store.runs().first?.error, "training was cancelled")
        XCTAssertTrue(try store.models().isEmpty)
    }

    func testScoringsAreKeptAsHistory() throws {
        let (store, importID) = try workspaceWithImport()
        let saved = try store.saveModel(NewModel(family: "tree", parametersJSON: "{}", metricsJSON: "{}", featureSchemaJSON: "{}",
                                                 dataHash: "abc", seed: 1, blob: Data()), runID: nil)
        let first = try store.recordScoring(modelID: saved.id, importID: importID, cutoff: nil, customerIDs: ["a", "b"],
                                            probabilities: [0.9, 0.1], tiers: ["high", "safe"])
        let second = try store.recordScoring(modelID: saved.id, importID: importID, cutoff: nil, customerIDs: ["a", "b"],
                                             probabilities: [0.5, 0.3], tiers: ["medium", "low"])
        XCTAssertNotEqual(first, second)
        XCTAssertEqual(try store.predictionCount(scoringID: first), 2)
        XCTAssertEqual(try store.predictionCount(scoringID: second), 2)
    }

    func testTiersAtTheirBoundaries() {
        let t = RiskTiers()
        XCTAssertEqual([0.71, 0.7, 0.4, 0.39, 0.2, 0.19].map { t.tier(for: $0) }, [.high, .medium, .medium, .low, .low, .safe])
    }
}
