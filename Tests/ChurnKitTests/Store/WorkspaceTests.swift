import Foundation
import GRDB
import XCTest
@testable import ChurnKit

/// The workspace store: schema, round trips, sharing between processes and clear errors.
final class WorkspaceTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("churn-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private var dbPath: String { folder.appendingPathComponent("nested/dir/workspace.sqlite").path }

    func testDefaultPathFollowsXDG() {
        XCTAssertEqual(Workspace.defaultPath(environment: ["XDG_DATA_HOME": "/data", "HOME": "/home/ann"]),
                       "/data/churn/workspace.sqlite")
        XCTAssertEqual(Workspace.defaultPath(environment: ["HOME": "/home/ann"]),
                       "/home/ann/.local/share/churn/workspace.sqlite")
        // A relative XDG_DATA_HOME is invalid per the XDG spec and ignored.
        XCTAssertEqual(Workspace.defaultPath(environment: ["XDG_DATA_HOME": "rel", "HOME": "/home/ann"]),
                       "/home/ann/.local/share/churn/workspace.sqlite")
    }

    func testFreshWorkspaceHasEveryTableAndWAL() throws {
        let workspace = try Workspace(path: dbPath, user: "ann")
        XCTAssertEqual(try workspace.schemaVersions(), ["v1", "v2", "v3"])
        let queue = try DatabaseQueue(path: dbPath)
        let tables = try queue.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%' ORDER BY name")
        }
        XCTAssertEqual(tables, ["actions", "campaigns", "imports", "model_oof", "models", "notes", "outcomes", "predictions",
                                "runs", "scoring_snapshots", "scorings", "segments", "settings"])
        let mode = try queue.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        XCTAssertEqual(mode, "wal")
    }

    func testReopeningIsIdempotentAndKeepsData() throws {
        do {
            let workspace = try Workspace(path: dbPath, user: "ann")
            try workspace.setSetting("theme", "light")
        }
        let again = try Workspace(path: dbPath, user: "bob")
        XCTAssertEqual(try again.schemaVersions(), ["v1", "v2", "v3"])
        XCTAssertEqual(try again.setting("theme"), "light")
    }

    func testImportRoundTripNewestFirst() throws {
        let workspace = try Workspace(path: dbPath, user: "ann")
        let first = StoreFixtures.profile(file: "a.csv")
        var mapping = ColumnMapping()
        mapping[.customer] = "customerID"
        mapping[.target] = "Churn"
        let firstID = try workspace.recordImport(first, fileHash: String(repeating: "a", count: 64), mapping: mapping)
        let secondID = try workspace.recordImport(StoreFixtures.profile(file: "b.csv"), fileHash: String(repeating: "b", count: 64),
                                                  mapping: ColumnMapping())
        XCTAssertGreaterThan(secondID, firstID)
        let imports = try workspace.imports()
        XCTAssertEqual(imports.map(\.id), [secondID, firstID])
        let record = try XCTUnwrap(imports.last)
        XCTAssertEqual(record.file, "a.csv")
        XCTAssertEqual(record.fileHash, String(repeating: "a", count: 64))
        XCTAssertEqual(record.shape, .customerTable)
        XCTAssertEqual(record.mapping, mapping)
        XCTAssertEqual(record.rows, 7)
        XCTAssertEqual(record.customers, 7)
        XCTAssertEqual(record.importedBy, "ann")
        XCTAssertEqual(record.profile.columns.map(\.name), first.columns.map(\.name))
        XCTAssertEqual(record.profile.checks.map(\.id), ["few-rows"])
        XCTAssertEqual(record.profile.classBalance?.positives, 2)
        XCTAssertLessThan(abs(record.importedAt.timeIntervalSinceNow), 60)
        // The mapping is stored as a readable object keyed by role name.
        let stored = try DatabaseQueue(path: dbPath).read { db in
            try String.fetchOne(db, sql: "SELECT mapping_json FROM imports WHERE id = ?", arguments: [firstID])
        }
        XCTAssertEqual(stored, #"{"customer":"customerID","target":"Churn"}"#)
    }

    func testSettingsRoundTripAndOverwrite() throws {
        let workspace = try Workspace(path: dbPath, user: "ann")
        XCTAssertNil(try workspace.setting("threshold"))
        try workspace.setSetting("threshold", "0.42")
        XCTAssertEqual(try workspace.setting("threshold"), "0.42")
        try workspace.setSetting("threshold", "0.5")
        XCTAssertEqual(try workspace.setting("threshold"), "0.5")
        // Quotes and SQL-looking text are stored as they are (parameterized statements).
        try workspace.setSetting("name'; DROP TABLE settings; --", "x\"y")
        XCTAssertEqual(try workspace.setting("name'; DROP TABLE settings; --"), "x\"y")
        let who = try DatabaseQueue(path: dbPath).read { db in
            try String.fetchOne(db, sql: "SELECT updated_by FROM settings WHERE key = 'threshold'")
        }
        XCTAssertEqual(who, "ann")
    }

    func testTwoInstancesOnOneFileBothWrite() throws {
        let ann = try Workspace(path: dbPath, user: "ann")
        let bob = try Workspace(path: dbPath, user: "bob")
        try ann.setSetting("a", "1")
        try bob.setSetting("b", "2")
        XCTAssertEqual(try bob.setting("a"), "1")
        XCTAssertEqual(try ann.setting("b"), "2")
        // Concurrent writers wait for each other (busy timeout) instead of failing.
        let workspaces = [ann, bob]
        DispatchQueue.concurrentPerform(iterations: 40) { i in
            do { try workspaces[i % 2].setSetting("k\(i)", "\(i)") } catch { XCTFail("\(error)") }
        }
        for i in 0..<40 { XCTAssertEqual(try ann.setting("k\(i)"), "\(i)") }
        _ = try ann.recordImport(StoreFixtures.profile(file: "x.csv"), fileHash: "h", mapping: ColumnMapping())
        XCTAssertEqual(try bob.imports().map(\.file), ["x.csv"])
    }

    func testGarbageFileIsAClearError() throws {
        let path = folder.appendingPathComponent("garbage.sqlite").path
        try Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }).write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try Workspace(path: path)) { error in
            XCTAssertEqual(error as? StoreError, .notADatabase(path: path))
            XCTAssertTrue((error as? UserFacingError)?.message.contains(path) == true)
        }
    }

    func testNewerSchemaIsRefused() throws {
        _ = try Workspace(path: dbPath)
        try DatabaseQueue(path: dbPath).write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99')")
        }
        XCTAssertThrowsError(try Workspace(path: dbPath)) { error in
            XCTAssertEqual(error as? StoreError, .newerSchema(path: dbPath, unknown: ["v99"]))
            XCTAssertTrue((error as? UserFacingError)?.message.contains("newer version") == true)
        }
    }

    func testUncreatableFolderAndFolderAsFileAreClearErrors() throws {
        let file = folder.appendingPathComponent("plain.txt")
        try Data("x".utf8).write(to: file)
        let below = file.appendingPathComponent("ws.sqlite").path
        XCTAssertThrowsError(try Workspace(path: below)) { error in
            guard case .cannotCreateDirectory(let path, _)? = error as? StoreError else { return XCTFail("\(error)") }
            XCTAssertEqual(path, file.path)
            XCTAssertEqual((error as? UserFacingError)?.exitCode, ExitCode.cannotCreate)
        }
        XCTAssertThrowsError(try Workspace(path: folder.path)) { error in
            XCTAssertTrue((error as? UserFacingError)?.message.contains("folder") == true, "\(error)")
        }
    }

    func testHistoryTablesAreAppendOnly() throws {
        _ = try Workspace(path: dbPath)
        let queue = try DatabaseQueue(path: dbPath)
        try queue.write { db in
            try db.execute(sql: "INSERT INTO notes (customer_id, author, body, created_at) VALUES (?, ?, ?, ?)",
                           arguments: ["C1", "ann", "called, no answer", Date()])
        }
        XCTAssertThrowsError(try queue.write { db in try db.execute(sql: "UPDATE notes SET body = 'x'") })
        XCTAssertThrowsError(try queue.write { db in try db.execute(sql: "DELETE FROM notes") })
        let count = try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM notes") }
        XCTAssertEqual(count, 1)
    }

    func testOnlyOneActiveModelPerKind() throws {
        _ = try Workspace(path: dbPath)
        let queue = try DatabaseQueue(path: dbPath)
        let insert = """
            INSERT INTO models (kind, version, family, data_hash, seed, blob, active, created_at, created_by)
            VALUES (?, ?, 'gbm', 'h', 1, x'00', ?, ?, 'ann')
            """
        try queue.write { db in
            try db.execute(sql: insert, arguments: ["churn", 1, true, Date()])
            try db.execute(sql: insert, arguments: ["churn", 2, false, Date()])
            try db.execute(sql: insert, arguments: ["offer-response", 1, true, Date()])
        }
        XCTAssertThrowsError(try queue.write { db in try db.execute(sql: insert, arguments: ["churn", 3, true, Date()]) })
    }
}

/// Small profiles for store tests.
enum StoreFixtures {
    static func profile(file: String) -> DataProfile {
        DataProfile(
            file: file, encoding: "UTF-8", delimiter: ",", rows: 7, shape: .customerTable,
            shapeReason: "one row per customer with a yes/no column \"Churn\"",
            roles: ["customer": "customerID", "target": "Churn"], customers: 7, dateSpan: nil,
            columns: [
                ColumnProfile(name: "customerID", kind: .identifier, role: .customer, format: nil, missing: 0,
                              missingRate: 0, distinct: 7, min: nil, max: nil, mean: nil, std: nil,
                              outliersIQR: nil, outliersSigma: nil, examples: ["C1", "C2"]),
                ColumnProfile(name: "Churn", kind: .boolean, role: .target, format: "Yes/No", missing: 0,
                              missingRate: 0, distinct: 2, min: 0, max: 1, mean: 2.0 / 7, std: 0.45,
                              outliersIQR: 0, outliersSigma: 0, examples: ["Yes", "No"]),
            ],
            classBalance: ClassBalance(positiveLabel: "Yes", negativeLabel: "No", positives: 2, negatives: 5),
            counts: ProblemCounts(),
            checks: [QualityCheck(id: "few-rows", severity: .error, message: "Only 7 customers; at least 100 are needed to train.", penalty: 5)],
            qualityScore: 5, usable: false, preview: [["customerID", "Churn"], ["C1", "Yes"]])
    }
}
