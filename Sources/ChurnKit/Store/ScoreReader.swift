import Foundation
import GRDB

/// The risk tier stored with a prediction (`predictions.tier`), as a one-byte code for columnar storage.
///
/// Unlike `RiskTier` (which tiers a probability) it has `unknown`, for tier texts this build does not know.
public enum StoredTier: UInt8, CaseIterable, Sendable, Comparable {
    case high, medium, low, safe
    /// A tier text this build does not know.
    case unknown

    /// The tier of a stored tier text ("high", "medium", "low", "safe"; anything else is `unknown`).
    public init(text: String) {
        switch text.lowercased() {
        case "high": self = .high
        case "medium": self = .medium
        case "low": self = .low
        case "safe": self = .safe
        default: self = .unknown
        }
    }

    /// The name as stored and shown.
    public var name: String {
        switch self {
        case .high: return "high"
        case .medium: return "medium"
        case .low: return "low"
        case .safe: return "safe"
        case .unknown: return "?"
        }
    }

    public static func < (a: StoredTier, b: StoredTier) -> Bool { a.rawValue < b.rawValue }
}

/// Every customer of one scoring pass, one array per column (index i is one customer).
public struct ScoredCustomers: Sendable {
    /// Customer ids as written in the data.
    public var ids: [String]
    /// Churn probability, 0...1.
    public var probabilities: [Double]
    public var tiers: [StoredTier]
    /// Index into `reasonLevels` of each customer's top factor text, -1 when there is none.
    public var reasonCodes: [Int32]
    /// The distinct top factor texts.
    public var reasonLevels: [String]
    /// A money value per customer (NaN when unknown), or nil when the scoring has no value column.
    public var values: [Double]?
    /// How recently or how long each customer has been active (days since the last purchase for a
    /// transaction log, tenure for a customer table; NaN when unknown), joined from the customers'
    /// features once they are loaded; nil until then or when the data has no such feature.
    public var activity: [Double]?
    /// The column title of `activity` ("Days idle", "Tenure").
    public var activityTitle: String?

    public init(ids: [String], probabilities: [Double], tiers: [StoredTier], reasonCodes: [Int32] = [],
                reasonLevels: [String] = [], values: [Double]? = nil) {
        precondition(ids.count == probabilities.count && tiers.count == ids.count, "one score and tier per customer")
        precondition(reasonCodes.isEmpty || reasonCodes.count == ids.count, "one reason code per customer")
        precondition(values == nil || values?.count == ids.count, "one value per customer")
        self.ids = ids
        self.probabilities = probabilities
        self.tiers = tiers
        self.reasonCodes = reasonCodes.isEmpty ? Array(repeating: -1, count: ids.count) : reasonCodes
        self.reasonLevels = reasonLevels
        self.values = values
    }

    public var count: Int { ids.count }

    /// Whether any customer has a top factor text.
    public var hasReasons: Bool { !reasonLevels.isEmpty }

    /// The top factor text of customer `i`, if any.
    public func reason(_ i: Int) -> String? {
        let code = reasonCodes[i]
        return code >= 0 ? reasonLevels[Int(code)] : nil
    }
}

/// The model that produced a scoring.
public struct ScoredModelInfo: Sendable, Equatable {
    public var id: Int64
    /// What the model predicts ("churn").
    public var kind: String
    public var version: Int
    public var family: String
    public var active: Bool
    /// The cross-validated ROC AUC from the model's metrics, when they hold one.
    public var auc: Double?
    public var metricsJSON: String
    public var createdAt: Date

    public init(id: Int64, kind: String, version: Int, family: String, active: Bool, auc: Double?,
                metricsJSON: String, createdAt: Date) {
        self.id = id; self.kind = kind; self.version = version; self.family = family; self.active = active
        self.auc = auc; self.metricsJSON = metricsJSON; self.createdAt = createdAt
    }
}

/// The imported data set a scoring (or the workspace) refers to, without its profile.
public struct ScoredDataset: Sendable, Equatable {
    public var importID: Int64
    public var file: String
    public var shape: String
    public var rows: Int
    public var customers: Int?
    public var importedAt: Date

    public init(importID: Int64, file: String, shape: String, rows: Int, customers: Int?, importedAt: Date) {
        self.importID = importID; self.file = file; self.shape = shape; self.rows = rows
        self.customers = customers; self.importedAt = importedAt
    }
}

/// The latest scoring of a model with its customers, model and data set.
public struct ScoreSnapshot: Sendable {
    public var scoringID: Int64
    public var scoredAt: Date
    public var model: ScoredModelInfo
    /// The scoring's import, or the newest import when the scoring names none.
    public var dataset: ScoredDataset?
    public var customers: ScoredCustomers

    public init(scoringID: Int64, scoredAt: Date, model: ScoredModelInfo, dataset: ScoredDataset?, customers: ScoredCustomers) {
        self.scoringID = scoringID; self.scoredAt = scoredAt; self.model = model; self.dataset = dataset
        self.customers = customers
    }
}

/// Read-only queries over stored scores: the latest scoring of the active model (or of the newest
/// model when none is active) as columns, with the model and data set it belongs to.
///
/// `predictions.top_factors_json` may be `[]`, an array of texts (`["tenure < 6 months", ...]`), an
/// array of objects whose `text`, `reason` or `feature` names the factor, or an object
/// `{"factors": [...], "value": 120.5}` that also carries the customer's money value.
public struct ScoreReader: Sendable {
    public let workspace: Workspace

    public init(workspace: Workspace) {
        self.workspace = workspace
    }

    /// The model whose scores are shown: the active model of `kind`, else its newest version; nil when
    /// no model of `kind` has been scored.
    public func scoredModel(kind: String = "churn") throws -> ScoredModelInfo? {
        try workspace.read { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT m.id, m.kind, m.version, m.family, m.active, m.metrics_json, m.created_at
                FROM models m
                WHERE m.kind = ? AND EXISTS (SELECT 1 FROM scorings s WHERE s.model_id = m.id)
                ORDER BY m.active DESC, m.version DESC
                LIMIT 1
                """, arguments: [kind])
            return row.map(Self.modelInfo)
        }
    }

    /// Whether the workspace holds any scoring of a model of `kind`.
    public func hasScores(kind: String = "churn") throws -> Bool {
        try scoredModel(kind: kind) != nil
    }

    /// The newest import, or nil when nothing was imported.
    public func latestDataset() throws -> ScoredDataset? {
        try workspace.read { db in
            try Row.fetchOne(db, sql: """
                SELECT id, file, shape, rows, customers, imported_at FROM imports ORDER BY imported_at DESC, id DESC LIMIT 1
                """).map(Self.dataset)
        }
    }

    /// The latest scoring of the model shown (see `scoredModel`), every customer in the order scored (row i = row i of the scored file's features); nil when
    /// there is none.
    ///
    /// - Throws: `StoreError` when the workspace cannot be read.
    public func latest(kind: String = "churn") throws -> ScoreSnapshot? {
        guard let model = try scoredModel(kind: kind) else { return nil }
        var missingSnapshot: Int64?
        defer {
            // A scoring from before snapshots: keep one so the next start reads a single blob (best effort).
            if let id = missingSnapshot { try? workspace.write { db in try Self.writeSnapshot(db, scoringID: id) } }
        }
        return try workspace.read { db -> ScoreSnapshot? in
            guard let scoring = try Row.fetchOne(db, sql: """
                SELECT id, import_id, scored_at FROM scorings WHERE model_id = ? ORDER BY scored_at DESC, id DESC LIMIT 1
                """, arguments: [model.id]) else { return nil }
            let scoringID: Int64 = scoring["id"]
            let importID: Int64? = scoring["import_id"]
            var dataset: ScoredDataset?
            if let importID {
                dataset = try Row.fetchOne(db, sql: "SELECT id, file, shape, rows, customers, imported_at FROM imports WHERE id = ?",
                                           arguments: [importID]).map(Self.dataset)
            }
            if dataset == nil {
                dataset = try Row.fetchOne(db, sql: """
                    SELECT id, file, shape, rows, customers, imported_at FROM imports ORDER BY imported_at DESC, id DESC LIMIT 1
                    """).map(Self.dataset)
            }
            let customers = try Self.customers(db, scoringID: scoringID)
            if try !Self.hasSnapshot(db, scoringID: scoringID) { missingSnapshot = scoringID }
            return ScoreSnapshot(scoringID: scoringID, scoredAt: scoring["scored_at"], model: model, dataset: dataset,
                                 customers: customers)
        }
    }

    // MARK: Private

    /// The customers of a scoring: from its snapshot blob when there is a readable one, else from the
    /// prediction rows.
    private static func customers(_ db: Database, scoringID: Int64) throws -> ScoredCustomers {
        if let blob = try Data.fetchOne(db, sql: "SELECT blob FROM scoring_snapshots WHERE scoring_id = ? AND format = \(snapshotFormat)", arguments: [scoringID]),
           let decoded = try? ScoredCustomersCodec.decode(blob) {
            return decoded
        }
        return try customersFromRows(db, scoringID: scoringID)
    }

    /// The snapshot layout in use: 2 keeps the customers in the order they were scored (the order of the
    /// scored file's features, so row i of the scores is row i of the features); format 1 blobs (id
    /// order) are ignored and rebuilt.
    static let snapshotFormat = 2

    /// Whether a scoring has a snapshot blob.
    static func hasSnapshot(_ db: Database, scoringID: Int64) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT 1 FROM scoring_snapshots WHERE scoring_id = ? AND format = \(snapshotFormat)", arguments: [scoringID]) ?? false
    }

    /// Writes (or replaces) the snapshot blob of a scoring from its prediction rows.
    static func writeSnapshot(_ db: Database, scoringID: Int64) throws {
        let customers = try customersFromRows(db, scoringID: scoringID)
        try db.execute(sql: "INSERT OR REPLACE INTO scoring_snapshots (scoring_id, format, blob) VALUES (?, \(snapshotFormat), ?)",
                       arguments: [scoringID, ScoredCustomersCodec.encode(customers)])
    }

    /// The customers of a scoring read row by row from `predictions`, in the order they were scored.
    static func customersFromRows(_ db: Database, scoringID: Int64) throws -> ScoredCustomers {
        let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM predictions WHERE scoring_id = ?", arguments: [scoringID]) ?? 0
        var ids: [String] = [], probabilities: [Double] = [], tiers: [StoredTier] = [], codes: [Int32] = []
        ids.reserveCapacity(count); probabilities.reserveCapacity(count); tiers.reserveCapacity(count)
        codes.reserveCapacity(count)
        var values: [Double] = []
        var anyValue = false
        var levels: [String] = []
        var levelIndex: [String: Int32] = [:]
        var tierCache: [String: StoredTier] = [:]
        let cursor = try Row.fetchCursor(db, sql: """
            SELECT customer_id, probability, tier, top_factors_json FROM predictions WHERE scoring_id = ? ORDER BY rowid
            """, arguments: [scoringID])
        while let row = try cursor.next() {
            ids.append(row[0])
            probabilities.append(row[1])
            let tierText: String = row[2]
            if let tier = tierCache[tierText] {
                tiers.append(tier)
            } else {
                let tier = StoredTier(text: tierText)
                tierCache[tierText] = tier
                tiers.append(tier)
            }
            let factors = TopFactors(json: row[3])
            if let text = factors.text {
                if let code = levelIndex[text] {
                    codes.append(code)
                } else {
                    let code = Int32(levels.count)
                    levels.append(text)
                    levelIndex[text] = code
                    codes.append(code)
                }
            } else {
                codes.append(-1)
            }
            if factors.value != nil { anyValue = true }
            values.append(factors.value ?? .nan)
        }
        return ScoredCustomers(ids: ids, probabilities: probabilities, tiers: tiers, reasonCodes: codes,
                               reasonLevels: levels, values: anyValue ? values : nil)
    }

    private static func modelInfo(_ row: Row) -> ScoredModelInfo {
        let metrics: String = row["metrics_json"]
        return ScoredModelInfo(id: row["id"], kind: row["kind"], version: row["version"], family: row["family"],
                               active: row["active"], auc: auc(fromMetrics: metrics), metricsJSON: metrics,
                               createdAt: row["created_at"])
    }

    private static func dataset(_ row: Row) -> ScoredDataset {
        ScoredDataset(importID: row["id"], file: row["file"], shape: row["shape"], rows: row["rows"],
                      customers: row["customers"], importedAt: row["imported_at"])
    }

    /// The ROC AUC in a model's metrics document: the first key named `auc`, `roc_auc` or `rocAUC`
    /// found breadth-first, holding a number or an object with a `mean` (cross-validation summary).
    static func auc(fromMetrics json: String) -> Double? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) else { return nil }
        var queue: [Any] = [object]
        let names = ["auc", "roc_auc", "rocAUC"]
        while !queue.isEmpty {
            let item = queue.removeFirst()
            if let dictionary = item as? [String: Any] {
                for name in names {
                    if let number = dictionary[name] as? NSNumber { return number.doubleValue }
                    if let summary = dictionary[name] as? [String: Any], let mean = summary["mean"] as? NSNumber {
                        return mean.doubleValue
                    }
                }
                for key in dictionary.keys.sorted() { queue.append(dictionary[key] as Any) }
            } else if let array = item as? [Any] {
                queue.append(contentsOf: array)
            }
        }
        return nil
    }
}

/// The parts of `predictions.top_factors_json` the reader uses: the first factor's text and a value.
struct TopFactors {
    var text: String?
    var value: Double?

    init(json: String) {
        // The common empty cases without a JSON parse.
        if json.isEmpty || json == "[]" || json == "{}" { return }
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) else { return }
        var factors: Any? = object
        if let dictionary = object as? [String: Any] {
            factors = dictionary["factors"] ?? dictionary["reasons"]
            value = (dictionary["value"] as? NSNumber)?.doubleValue
        }
        guard let list = factors as? [Any], let first = list.first else { return }
        if let text = first as? String {
            self.text = text
        } else if let entry = first as? [String: Any] {
            self.text = (entry["text"] ?? entry["reason"] ?? entry["feature"]) as? String
        }
    }
}
