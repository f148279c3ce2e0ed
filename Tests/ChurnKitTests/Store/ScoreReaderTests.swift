import Foundation
import GRDB
import XCTest
@testable import ChurnKit

/// `ScoreReader` over rows written with raw SQL, the way the training engine stores them.
final class ScoreReaderTests: XCTestCase {
    private var path = ""

    override func setUpWithError() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("score-reader-\(UUID().uuidString).sqlite").path
    }

    override func tearDown() {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    /// A workspace with its schema, and a second connection for raw inserts.
    private func open() throws -> (Workspace, DatabaseQueue) {
        let workspace = try Workspace(path: path, user: "ann")
        return (workspace, try DatabaseQueue(path: path))
    }

    private func insertImport(_ db: DatabaseQueue, file: String, at date: Date) throws -> Int64 {
        try db.write { db in
            try db.execute(sql: """
                INSERT INTO imports (file, file_hash, shape, mapping_json, profile_json, rows, customers, imported_at, imported_by)
                VALUES (?, 'abc', 'customer-table', '{}', '{}', 40, 4, ?, 'ann')
                """, arguments: [file, date])
            return db.lastInsertedRowID
        }
    }

    private func insertModel(_ db: DatabaseQueue, version: Int, family: String, active: Bool, metrics: String = "{}") throws -> Int64 {
        try db.write { db in
            try db.execute(sql: """
                INSERT INTO models (kind, version, family, metrics_json, data_hash, seed, blob, active, created_at, created_by)
                VALUES ('churn', ?, ?, ?, 'abc', 7, x'00', ?, ?, 'ann')
                """, arguments: [version, family, metrics, active, Date()])
            return db.lastInsertedRowID
        }
    }

    private func insertScoring(_ db: DatabaseQueue, model: Int64, importID: Int64?, at date: Date,
                               rows: [(String, Double, String, String)]) throws -> Int64 {
        try db.write { db in
            try db.execute(sql: "INSERT INTO scorings (model_id, import_id, scored_at, scored_by) VALUES (?, ?, ?, 'ann')",
                           arguments: [model, importID, date])
            let id = db.lastInsertedRowID
            for (customer, p, tier, factors) in rows {
                try db.execute(sql: """
                    INSERT INTO predictions (scoring_id, model_id, customer_id, probability, tier, top_factors_json, scored_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [id, model, customer, p, tier, factors, date])
            }
            return id
        }
    }

    func testEmptyWorkspaceHasNoScores() throws {
        let (workspace, db) = try open()
        let reader = ScoreReader(workspace: workspace)
        XCTAssertNil(try reader.latest())
        XCTAssertFalse(try reader.hasScores())
        XCTAssertNil(try reader.latestDataset())
        // A model that never scored anything is not shown either.
        _ = try insertModel(db, version: 1, family: "logistic", active: true)
        XCTAssertNil(try reader.latest())
    }

    func testLatestScoringOfTheActiveModelInTheOrderScored() throws {
        let (workspace, db) = try open()
        let t0 = Date(timeIntervalSince1970: 1_700_000_000)
        let oldImport = try insertImport(db, file: "/data/old.csv", at: t0)
        let newImport = try insertImport(db, file: "/data/new.csv", at: t0.addingTimeInterval(60))
        let active = try insertModel(db, version: 1, family: "gradient-boosting", active: true,
                                     metrics: #"{"entry":{"metrics":{"auc":{"mean":0.8125,"std":0.01},"f1":{"mean":0.5,"std":0}}}}"#)
        let newer = try insertModel(db, version: 2, family: "logistic", active: false, metrics: #"{"auc":0.7}"#)
        // The active model's first scoring (older), then its latest one, then the inactive newer model's.
        _ = try insertScoring(db, model: active, importID: oldImport, at: t0.addingTimeInterval(100),
                              rows: [("C1", 0.1, "safe", "[]")])
        let latest = try insertScoring(db, model: active, importID: oldImport, at: t0.addingTimeInterval(200), rows: [
            ("C3", 0.75, "high", #"["tenure under 6 months","2 late payments"]"#),
            ("C1", 0.25, "low", #"[{"feature":"contract","text":"month-to-month contract","contribution":0.3}]"#),
            ("C2", 0.5, "medium", #"{"factors":["tenure under 6 months"],"value":120.5}"#),
            ("C4", 0.05, "weird", "[]"),
        ])
        _ = try insertScoring(db, model: newer, importID: newImport, at: t0.addingTimeInterval(300),
                              rows: [("C9", 0.9, "high", "[]")])

        let snapshot = try XCTUnwrap(try ScoreReader(workspace: workspace).latest())
        XCTAssertEqual(snapshot.scoringID, latest)
        XCTAssertEqual(snapshot.scoredAt, t0.addingTimeInterval(200))
        XCTAssertEqual(snapshot.model.version, 1)
        XCTAssertEqual(snapshot.model.family, "gradient-boosting")
        XCTAssertTrue(snapshot.model.active)
        XCTAssertEqual(try XCTUnwrap(snapshot.model.auc), 0.8125, accuracy: 1e-12)
        XCTAssertEqual(snapshot.dataset?.importID, oldImport, "the scoring's own import, not the newest")
        XCTAssertEqual(snapshot.dataset?.file, "/data/old.csv")
        XCTAssertEqual(snapshot.dataset?.rows, 40)

        let c = snapshot.customers
        XCTAssertEqual(c.ids, ["C3", "C1", "C2", "C4"], "the order scored (row i = row i of the scored file's features)")
        XCTAssertEqual(c.probabilities, [0.75, 0.25, 0.5, 0.05])
        XCTAssertEqual(c.tiers, [.high, .low, .medium, .unknown])
        XCTAssertEqual(c.reason(1), "month-to-month contract")
        XCTAssertEqual(c.reason(2), "tenure under 6 months")
        XCTAssertEqual(c.reason(0), "tenure under 6 months")
        XCTAssertNil(c.reason(3))
        XCTAssertEqual(c.reasonLevels.count, 2, "the same text is stored once")
        let values = try XCTUnwrap(c.values)
        XCTAssertEqual(values[2], 120.5)
        XCTAssertTrue(values[0].isNaN && values[1].isNaN && values[3].isNaN)

        // Rows inserted without a snapshot (an older workspace): reading once writes the snapshot, and the
        // second read (from the blob) gives the same customers.
        let snapshots = try db.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM scoring_snapshots WHERE scoring_id = ?", arguments: [latest]) }
        XCTAssertEqual(snapshots, 1)
        let again = try XCTUnwrap(try ScoreReader(workspace: workspace).latest()).customers
        XCTAssertEqual(again.ids, c.ids)
        XCTAssertEqual(again.probabilities, c.probabilities)
        XCTAssertEqual(again.tiers, c.tiers)
        XCTAssertEqual(again.reasonCodes, c.reasonCodes)
        XCTAssertEqual(again.reasonLevels, c.reasonLevels)
        XCTAssertEqual(again.values?.map { $0.isNaN ? -1 : $0 }, values.map { $0.isNaN ? -1 : $0 })
    }

    func testRecordScoringWritesASnapshotEqualToTheRowsAndADamagedOneFallsBack() throws {
        let (workspace, db) = try open()
        let model = try insertModel(db, version: 1, family: "logistic", active: true)
        let id = try workspace.recordScoring(modelID: model, importID: nil, cutoff: nil, customerIDs: ["b", "a", "é"],
                                             probabilities: [0.9, 0.1, 0.5], tiers: ["high", "safe", "medium"],
                                             topFactors: [#"{"factors":[{"text":"late payments"}],"value":10}"#, "[]", "[]"])
        let fromBlob = try XCTUnwrap(try ScoreReader(workspace: workspace).latest()).customers
        XCTAssertEqual(fromBlob.ids, ["b", "a", "é"], "the order scored")
        XCTAssertEqual(fromBlob.probabilities, [0.9, 0.1, 0.5])
        XCTAssertEqual(fromBlob.reason(0), "late payments")
        XCTAssertEqual(fromBlob.values?[0], 10)
        // A damaged blob is not trusted: the rows are read instead.
        try db.write { db in try db.execute(sql: "UPDATE scoring_snapshots SET blob = x'43534331ff' WHERE scoring_id = ?", arguments: [id]) }
        let fromRows = try XCTUnwrap(try ScoreReader(workspace: workspace).latest()).customers
        XCTAssertEqual(fromRows.ids, fromBlob.ids)
        XCTAssertEqual(fromRows.probabilities, fromBlob.probabilities)
    }

    func testSnapshotCodecRoundTripAndTruncation() throws {
        let c = ScoredCustomers(ids: ["x", "", "long-customer-identifier-with-many-bytes-✓"], probabilities: [0.5, 0, 1],
                                tiers: [.medium, .safe, .high], reasonCodes: [0, -1, 1], reasonLevels: ["a", "b c"], values: [1, .nan, 3])
        let data = ScoredCustomersCodec.encode(c)
        let back = try ScoredCustomersCodec.decode(data)
        XCTAssertEqual(back.ids, c.ids)
        XCTAssertEqual(back.probabilities, c.probabilities)
        XCTAssertEqual(back.tiers, c.tiers)
        XCTAssertEqual(back.reasonCodes, c.reasonCodes)
        XCTAssertEqual(back.reasonLevels, c.reasonLevels)
        XCTAssertEqual(back.values?[2], 3)
        XCTAssertTrue(back.values?[1].isNaN == true)
        let noValues = try ScoredCustomersCodec.decode(ScoredCustomersCodec.encode(ScoredCustomers(ids: ["q"], probabilities: [0.2], tiers: [.safe])))
        XCTAssertNil(noValues.values)
        for cut in [0, 3, 8, data.count / 2, data.count - 1] {
            XCTAssertThrowsError(try ScoredCustomersCodec.decode(data.prefix(cut)), "cut at \(cut)")
        }
        XCTAssertThrowsError(try ScoredCustomersCodec.decode(data + Data([0])), "trailing bytes")
    }

    func testWithoutAnActiveModelTheNewestVersionIsShown() throws {
        let (workspace, db) = try open()
        let t0 = Date(timeIntervalSince1970: 1_700_000_000)
        let v1 = try insertModel(db, version: 1, family: "logistic", active: false, metrics: #"{"roc_auc":0.61}"#)
        let v2 = try insertModel(db, version: 2, family: "naive-bayes", active: false, metrics: "not json")
        _ = try insertScoring(db, model: v1, importID: nil, at: t0.addingTimeInterval(500), rows: [("A", 0.3, "low", "[]")])
        _ = try insertScoring(db, model: v2, importID: nil, at: t0, rows: [("B", 0.9, "high", "[]"), ("A", 0.1, "safe", "[]")])
        let importID = try insertImport(db, file: "/x/only.csv", at: t0)

        let snapshot = try XCTUnwrap(try ScoreReader(workspace: workspace).latest())
        XCTAssertEqual(snapshot.model.version, 2)
        XCTAssertFalse(snapshot.model.active)
        XCTAssertNil(snapshot.model.auc, "unreadable metrics give no AUC, not an error")
        XCTAssertEqual(snapshot.customers.ids, ["B", "A"], "the order scored")
        XCTAssertNil(snapshot.customers.values, "no value anywhere: no value column")
        XCTAssertFalse(snapshot.customers.hasReasons)
        XCTAssertEqual(snapshot.dataset?.importID, importID, "a scoring without an import falls back to the newest import")
        XCTAssertEqual(try ScoreReader(workspace: workspace).latestDataset()?.file, "/x/only.csv")
    }

    func testAUCFoundInTheShapesMetricsTake() {
        XCTAssertEqual(ScoreReader.auc(fromMetrics: #"{"auc":0.9}"#), 0.9)
        XCTAssertEqual(ScoreReader.auc(fromMetrics: #"{"rocAUC":{"mean":0.7,"std":0.1}}"#), 0.7)
        XCTAssertEqual(ScoreReader.auc(fromMetrics: #"{"a":{"b":[{"roc_auc":0.55}]}}"#), 0.55)
        XCTAssertNil(ScoreReader.auc(fromMetrics: #"{"f1":0.5}"#))
        XCTAssertNil(ScoreReader.auc(fromMetrics: ""))
    }
}
