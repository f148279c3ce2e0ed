import Foundation
import GRDB
import XCTest
@testable import ChurnKit

/// Schema v2 (`model_oof`): out-of-fold scores round trip, and a v1 workspace upgrades in place keeping its data.
final class OutOfFoldStoreTests: XCTestCase {
    private var folder: URL!
    private var dbPath: String { folder.appendingPathComponent("workspace.sqlite").path }

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("churn-oof-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    private func saveModel(_ store: Workspace) throws -> ModelRecord {
        try store.saveModel(NewModel(family: "logreg", parametersJSON: "{}", metricsJSON: "{}", featureSchemaJSON: "{}",
                                     dataHash: "abc", seed: 1, blob: Data([1, 2, 3])), runID: nil)
    }

    func testOutOfFoldRoundTripKeepsOrderAndReplaces() throws {
        let store = try Workspace(path: dbPath, user: "ann")
        let model = try saveModel(store)
        XCTAssertNil(try store.outOfFold(modelID: model.id))
        let scores = OutOfFoldScores(customerIDs: ["b", "a", "c"], probabilities: [0.9, 0.1, 0.5], labels: [1, 0, 1])
        try store.saveOutOfFold(modelID: model.id, scores)
        XCTAssertEqual(try store.outOfFold(modelID: model.id), scores)
        let again = OutOfFoldScores(customerIDs: ["x"], probabilities: [0.25], labels: [0])
        try store.saveOutOfFold(modelID: model.id, again)
        XCTAssertEqual(try store.outOfFold(modelID: model.id), again)
    }

    func testLatestScoringReadsBackTheNewestPass() throws {
        let store = try Workspace(path: dbPath, user: "ann")
        let model = try saveModel(store)
        XCTAssertNil(try store.latestScoring(modelID: model.id))
        _ = try store.recordScoring(modelID: model.id, importID: nil, cutoff: nil, customerIDs: ["a", "b"], probabilities: [0.1, 0.2], tiers: ["safe", "low"])
        let second = try store.recordScoring(modelID: model.id, importID: nil, cutoff: "2024-01-01", customerIDs: ["z", "y", "x"],
                                             probabilities: [0.9, 0.5, 0.3], tiers: ["high", "medium", "low"])
        let latest = try XCTUnwrap(try store.latestScoring(modelID: model.id))
        XCTAssertEqual(latest.id, second)
        XCTAssertEqual(latest.customerIDs, ["z", "y", "x"])
        XCTAssertEqual(latest.probabilities, [0.9, 0.5, 0.3])
        XCTAssertEqual(latest.tiers, ["high", "medium", "low"])
        XCTAssertEqual(latest.cutoff, "2024-01-01")
    }

    /// A database as version 1 left it (no `model_oof`, only "v1" recorded) opens, upgrades to the newest version and keeps its rows.
    func testVersion1WorkspaceUpgrades() throws {
        // Build a genuine v1 file: the released migrator run only up to "v1".
        let migrator = WorkspaceSchema.migrator
        XCTAssertEqual(migrator.migrations, ["v1", "v2", "v3"])
        do {
            let queue = try DatabaseQueue(path: dbPath)
            try migrator.migrate(queue, upTo: "v1")
            try queue.write { db in
                try db.execute(sql: "INSERT INTO settings (key, value, updated_at, updated_by) VALUES ('threshold', '0.42', ?, 'old')", arguments: [Date()])
                let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'model_oof'")
                XCTAssertEqual(tables, [])
            }
        }
        let store = try Workspace(path: dbPath, user: "ann")
        XCTAssertEqual(try store.schemaVersions(), ["v1", "v2", "v3"])
        XCTAssertEqual(try store.setting("threshold"), "0.42")
        let model = try saveModel(store)
        try store.saveOutOfFold(modelID: model.id, OutOfFoldScores(customerIDs: ["a"], probabilities: [0.3], labels: [1]))
        XCTAssertEqual(try store.outOfFold(modelID: model.id)?.labels, [1])
    }
}
