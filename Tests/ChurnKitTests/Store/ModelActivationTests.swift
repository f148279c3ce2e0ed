import Foundation
import GRDB
import XCTest
@testable import ChurnKit

/// Promoting a model version and rolling back: exactly one active version per kind, other kinds untouched.
final class ModelActivationTests: XCTestCase {
    private var folder: URL!
    private var workspace: Workspace!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("churn-activation-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        workspace = try Workspace(path: folder.appendingPathComponent("w.sqlite").path, user: "ann")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func save(_ family: String) throws -> ModelRecord {
        try workspace.saveModel(NewModel(family: family, parametersJSON: "{}", metricsJSON: "{}", featureSchemaJSON: "{}",
                                         dataHash: "h", seed: 1, blob: Data([1])), runID: nil)
    }

    private func activeVersions(_ kind: String = "churn") throws -> [Int] {
        try workspace.models(kind: kind).filter(\.active).map(\.version)
    }

    func testPromoteThenRollBackRoundTrip() throws {
        _ = try save("logreg")
        _ = try save("gbdt")
        _ = try save("forest")
        // A model of another kind, written directly (the store reads back saved models of kind churn only).
        let queue = try DatabaseQueue(path: workspace.path)
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO models (kind, version, family, data_hash, seed, blob, active, created_at, created_by)
                VALUES ('offer-response', 1, 'logreg', 'h', 1, x'00', 1, ?, 'ann')
                """, arguments: [Date()])
        }
        XCTAssertEqual(try activeVersions(), [3])   // saving makes the newest active

        let afterPromote = try workspace.activate(version: 1)
        XCTAssertEqual(afterPromote.filter(\.active).map(\.version), [1])
        XCTAssertEqual(try activeVersions(), [1])
        XCTAssertEqual(try activeVersions("offer-response"), [1], "another kind keeps its own active model")

        try workspace.activate(version: 3)
        XCTAssertEqual(try activeVersions(), [3])
        let afterRollBack = try workspace.rollBack()
        XCTAssertEqual(afterRollBack.filter(\.active).map(\.version), [2])
        try workspace.rollBack()
        XCTAssertEqual(try activeVersions(), [1])
        XCTAssertThrowsError(try workspace.rollBack()) { error in
            XCTAssertEqual(error as? ModelActivationError, .nothingToRollBackTo(active: 1))
            XCTAssertTrue((error as? UserFacingError)?.message.contains("oldest") == true)
        }
        // Activating the active version again changes nothing.
        try workspace.activate(version: 1)
        XCTAssertEqual(try activeVersions(), [1])

        // Survives reopening the file.
        let reopened = try Workspace(path: workspace.path, user: "bob")
        XCTAssertEqual(try reopened.models().filter(\.active).map(\.version), [1])
    }

    func testUnknownVersionIsAClearErrorAndChangesNothing() throws {
        _ = try save("logreg")
        _ = try save("gbdt")
        XCTAssertThrowsError(try workspace.activate(version: 7)) { error in
            XCTAssertEqual(error as? ModelActivationError, .noSuchVersion(version: 7, kind: "churn", available: [1, 2]))
            XCTAssertEqual((error as? UserFacingError)?.message, "there is no churn model version 7: saved versions are 1, 2.")
        }
        XCTAssertEqual(try activeVersions(), [2])
    }

    func testRollBackWithoutActiveModel() throws {
        XCTAssertThrowsError(try workspace.rollBack()) { error in
            XCTAssertEqual(error as? ModelActivationError, .nothingToRollBackTo(active: nil))
        }
    }
}
