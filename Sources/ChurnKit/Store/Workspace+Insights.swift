import Foundation
import GRDB

/// A model's out-of-fold scores: every training customer's calibrated probability from a model that did
/// not see that customer, with the true label. Columnar, in training-row order.
public struct OutOfFoldScores: Sendable, Equatable {
    public var customerIDs: [String]
    public var probabilities: [Double]
    /// 0 (stayed) or 1 (churned).
    public var labels: [Double]

    public init(customerIDs: [String], probabilities: [Double], labels: [Double]) {
        self.customerIDs = customerIDs
        self.probabilities = probabilities
        self.labels = labels
    }
}

/// One stored scoring pass with its predictions, in the order they were recorded.
public struct StoredScoring: Sendable, Equatable {
    public var id: Int64
    public var modelID: Int64
    public var importID: Int64?
    public var cutoff: String?
    public var scoredAt: Date
    public var customerIDs: [String]
    public var probabilities: [Double]
    public var tiers: [String]
}

/// Reading back what training and scoring stored, for thresholds, ROI, segments and exports.
extension Workspace {
    /// Stores the out-of-fold scores of model `modelID` (replacing any stored before for that model).
    public func saveOutOfFold(modelID: Int64, _ scores: OutOfFoldScores) throws {
        precondition(scores.customerIDs.count == scores.probabilities.count && scores.labels.count == scores.probabilities.count,
                     "one score and label per customer")
        try write { db in
            try db.execute(sql: "DELETE FROM model_oof WHERE model_id = ?", arguments: [modelID])
            let statement = try db.makeStatement(sql: """
                INSERT INTO model_oof (model_id, row, customer_id, probability, label) VALUES (?, ?, ?, ?, ?)
                """)
            for i in scores.customerIDs.indices {
                try statement.execute(arguments: [modelID, i, scores.customerIDs[i], scores.probabilities[i],
                                                  scores.labels[i] > 0.5 ? 1 : 0])
            }
        }
    }

    /// The out-of-fold scores of model `modelID`, or nil when none were stored (models trained before
    /// schema v2, or saved by other code).
    public func outOfFold(modelID: Int64) throws -> OutOfFoldScores? {
        try read { db in
            var ids: [String] = [], probabilities: [Double] = [], labels: [Double] = []
            let cursor = try Row.fetchCursor(db, sql: """
                SELECT customer_id, probability, label FROM model_oof WHERE model_id = ? ORDER BY row
                """, arguments: [modelID])
            while let row = try cursor.next() {
                ids.append(row[0])
                probabilities.append(row[1])
                let label: Int = row[2]
                labels.append(Double(label))
            }
            return ids.isEmpty ? nil : OutOfFoldScores(customerIDs: ids, probabilities: probabilities, labels: labels)
        }
    }

    /// The most recent scoring pass of model `modelID` with its predictions, or nil when it was never used to score.
    public func latestScoring(modelID: Int64) throws -> StoredScoring? {
        try read { db in
            guard let head = try Row.fetchOne(db, sql: """
                SELECT id, model_id, import_id, cutoff, scored_at FROM scorings WHERE model_id = ? ORDER BY id DESC LIMIT 1
                """, arguments: [modelID]) else { return nil }
            let scoringID: Int64 = head["id"]
            var ids: [String] = [], probabilities: [Double] = [], tiers: [String] = []
            let cursor = try Row.fetchCursor(db, sql: """
                SELECT customer_id, probability, tier FROM predictions WHERE scoring_id = ? ORDER BY rowid
                """, arguments: [scoringID])
            while let row = try cursor.next() {
                ids.append(row[0])
                probabilities.append(row[1])
                tiers.append(row[2])
            }
            return StoredScoring(id: scoringID, modelID: head["model_id"], importID: head["import_id"], cutoff: head["cutoff"],
                                 scoredAt: head["scored_at"], customerIDs: ids, probabilities: probabilities, tiers: tiers)
        }
    }

    /// The import with this id, or nil.
    public func importRecord(id: Int64) throws -> ImportRecord? {
        let row = try read { db in try Row.fetchOne(db, sql: "SELECT * FROM imports WHERE id = ?", arguments: [id]) }
        return try row.map(importRecord)
    }
}
