import ChurnKit
import Foundation
import GRDB

/// Test helper: a temporary workspace holding an import, an active model and one scoring, written
/// with raw SQL the way the training engine stores them (not through the CLI).
enum ScoredWorkspace {
    /// Creates the workspace at `path` with `customers` scored customers: ids "K0000"..., risk
    /// (i mod 100) / 100 + 0.005, tier by the engine's cut points, a reason text and a value.
    static func create(at path: String, customers: Int, file: String = "/data/subscription.csv") throws {
        _ = try Workspace(path: path, user: "tester")
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            let now = Date()
            try db.execute(sql: """
                INSERT INTO imports (file, file_hash, shape, mapping_json, profile_json, rows, customers, imported_at, imported_by)
                VALUES (?, 'e2e', 'customer-table', '{}', '{}', ?, ?, ?, 'tester')
                """, arguments: [file, customers, customers, now])
            let importID = db.lastInsertedRowID
            try db.execute(sql: """
                INSERT INTO models (kind, version, family, metrics_json, data_hash, seed, blob, active, created_at, created_by)
                VALUES ('churn', 1, 'logistic', '{"auc": 0.81}', 'e2e', 1, x'00', 1, ?, 'tester')
                """, arguments: [now])
            let modelID = db.lastInsertedRowID
            try db.execute(sql: "INSERT INTO scorings (model_id, import_id, scored_at, scored_by) VALUES (?, ?, ?, 'tester')",
                           arguments: [modelID, importID, now])
            let scoringID = db.lastInsertedRowID
            let statement = try db.makeStatement(sql: """
                INSERT INTO predictions (scoring_id, model_id, customer_id, probability, tier, top_factors_json, scored_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
            let reasons = ["short tenure", "late payments", "support tickets"]
            for i in 0..<customers {
                let p = Double(i % 100) / 100 + 0.005
                let tier = p > 0.7 ? "high" : p >= 0.4 ? "medium" : p >= 0.2 ? "low" : "safe"
                let digits = String(i)
                let id = "K" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
                let factors = "{\"factors\":[\"\(reasons[i % 3])\"],\"value\":\(10 + i % 90)}"
                try statement.execute(arguments: [scoringID, modelID, id, p, tier, factors, now])
            }
        }
    }
}
