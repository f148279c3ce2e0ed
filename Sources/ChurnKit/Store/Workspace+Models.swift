import Foundation
import GRDB

/// Training runs, model versions and scorings.
extension Workspace {
    // MARK: Runs

    /// Records a run as running; returns its id.
    public func startRun(importID: Int64, parametersJSON: String) throws -> Int64 {
        let user = self.user
        return try write { db in
            let now = Date()
            try db.execute(sql: """
                INSERT INTO runs (import_id, status, stage, progress, params_json, created_at, created_by, started_at)
                VALUES (?, 'running', 'preparing', 0, ?, ?, ?, ?)
                """, arguments: [importID, parametersJSON, now, user, now])
            return db.lastInsertedRowID
        }
    }

    /// Updates a running run's stage and progress (0...1).
    public func updateRun(_ id: Int64, stage: String, progress: Double) throws {
        try write { db in
            try db.execute(sql: "UPDATE runs SET stage = ?, progress = ? WHERE id = ? AND status = 'running'",
                           arguments: [stage, progress, id])
        }
    }

    /// Ends a run that produced no model (failed or cancelled), with the reason.
    public func finishRun(_ id: Int64, status: RunStatus, error: String?) throws {
        try write { db in
            try db.execute(sql: "UPDATE runs SET status = ?, error = ?, finished_at = ? WHERE id = ?",
                           arguments: [status.rawValue, error, Date(), id])
        }
    }

    /// Every run, newest first.
    public func runs() throws -> [RunRecord] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM runs ORDER BY id DESC").map { row in
                let status: String = row["status"]
                return RunRecord(id: row["id"], importID: row["import_id"], status: RunStatus(rawValue: status) ?? .failed,
                                 stage: row["stage"], progress: row["progress"], error: row["error"],
                                 createdAt: row["created_at"], finishedAt: row["finished_at"])
            }
        }
    }

    // MARK: Models

    /// Saves `model` as the next version of its kind, makes it the active one and marks `runID` succeeded,
    /// all in one transaction (a failure leaves neither a model nor a succeeded run).
    public func saveModel(_ model: NewModel, runID: Int64?) throws -> ModelRecord {
        let user = self.user
        let id: Int64 = try write { db in
            let version = (try Int.fetchOne(db, sql: "SELECT MAX(version) FROM models WHERE kind = ?", arguments: [model.kind]) ?? 0) + 1
            try db.execute(sql: "UPDATE models SET active = 0 WHERE kind = ? AND active", arguments: [model.kind])
            try db.execute(sql: """
                INSERT INTO models (kind, version, run_id, family, params_json, metrics_json, feature_schema_json, data_hash,
                                    seed, blob, active, created_at, created_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)
                """, arguments: [model.kind, version, runID, model.family, model.parametersJSON, model.metricsJSON,
                                 model.featureSchemaJSON, model.dataHash, Int64(bitPattern: model.seed), model.blob, Date(), user])
            let id = db.lastInsertedRowID
            if let runID {
                try db.execute(sql: "UPDATE runs SET status = 'succeeded', stage = 'finished', progress = 1, finished_at = ? WHERE id = ?",
                               arguments: [Date(), runID])
            }
            return id
        }
        guard let saved = try models().first(where: { $0.id == id }) else {
            throw StoreError.corruptRecord(path: path, table: "models", id: id, reason: "the saved model could not be read back")
        }
        return saved
    }

    /// Every model version of `kind`, newest first.
    public func models(kind: String = "churn") throws -> [ModelRecord] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, kind, version, run_id, family, params_json, metrics_json, feature_schema_json, data_hash, seed,
                       active, created_at, created_by
                FROM models WHERE kind = ? ORDER BY version DESC
                """, arguments: [kind]).map { row in
                let seed: Int64 = row["seed"]
                return ModelRecord(id: row["id"], kind: row["kind"], version: row["version"], runID: row["run_id"],
                                   family: row["family"], parametersJSON: row["params_json"], metricsJSON: row["metrics_json"],
                                   featureSchemaJSON: row["feature_schema_json"], dataHash: row["data_hash"],
                                   seed: UInt64(bitPattern: seed), active: row["active"], createdAt: row["created_at"],
                                   createdBy: row["created_by"])
            }
        }
    }

    /// The blob of a model (nil when there is no such model).
    public func modelBlob(id: Int64) throws -> Data? {
        try read { db in try Data.fetchOne(db, sql: "SELECT blob FROM models WHERE id = ?", arguments: [id]) }
    }

    // MARK: Scoring

    /// Records one scoring pass and its predictions (append-only; earlier scorings are kept); returns
    /// the scoring's id. `topFactors` (one JSON document per customer, see `ScoreReader`) fills
    /// `predictions.top_factors_json`; without it each customer gets `[]`.
    public func recordScoring(modelID: Int64, importID: Int64?, cutoff: String?, customerIDs: [String],
                              probabilities: [Double], tiers: [String], topFactors: [String]? = nil) throws -> Int64 {
        precondition(customerIDs.count == probabilities.count && tiers.count == probabilities.count, "one score per customer")
        precondition(topFactors == nil || topFactors?.count == customerIDs.count, "one top-factors document per customer")
        let user = self.user
        return try write { db in
            let now = Date()
            try db.execute(sql: "INSERT INTO scorings (model_id, import_id, cutoff, scored_at, scored_by) VALUES (?, ?, ?, ?, ?)",
                           arguments: [modelID, importID, cutoff, now, user])
            let scoringID = db.lastInsertedRowID
            let statement = try db.makeStatement(sql: """
                INSERT INTO predictions (scoring_id, model_id, customer_id, probability, tier, scored_at, top_factors_json)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
            for i in customerIDs.indices {
                try statement.execute(arguments: [scoringID, modelID, customerIDs[i], probabilities[i], tiers[i], now,
                                                  topFactors?[i] ?? "[]"])
            }
            // The columnar snapshot the terminal app's first frame reads, in the same transaction.
            try ScoreReader.writeSnapshot(db, scoringID: scoringID)
            return scoringID
        }
    }

    /// Number of predictions of a scoring pass.
    public func predictionCount(scoringID: Int64) throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM predictions WHERE scoring_id = ?", arguments: [scoringID]) ?? 0 }
    }
}
