import GRDB

/// The workspace schema, built by numbered migrations that are never edited once released.
///
/// Later versions append migrations ("v2", ...); a workspace that has migrations this build does not
/// know is refused instead of being misread (see `Workspace.init(path:)`).
enum WorkspaceSchema {
    /// The migrator holding every schema step in order.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in try createVersion1(db) }
        migrator.registerMigration("v2") { db in try createVersion2(db) }
        migrator.registerMigration("v3") { db in try createVersion3(db) }
        return migrator
    }

    /// Version 1: imports and settings, plus the tables for runs, models, score history, notes,
    /// actions, campaigns and segments so that later features extend a coherent schema.
    private static func createVersion1(_ db: Database) throws {
        // Data files read into the workspace.
        try db.create(table: "imports") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("file", .text).notNull()
            t.column("file_hash", .text).notNull().indexed()
            t.column("shape", .text).notNull()
            t.column("mapping_json", .text).notNull()
            t.column("profile_json", .text).notNull()
            t.column("rows", .integer).notNull()
            t.column("customers", .integer)
            t.column("imported_at", .datetime).notNull()
            t.column("imported_by", .text).notNull()
        }

        // Key/value settings (threshold, theme, costs...), with who changed them last.
        try db.create(table: "settings") { t in
            t.primaryKey("key", .text)
            t.column("value", .text).notNull()
            t.column("updated_at", .datetime).notNull()
            t.column("updated_by", .text).notNull()
        }

        // Training jobs and their progress.
        try db.create(table: "runs") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("import_id", .integer).references("imports").notNull().indexed()
            t.column("status", .text).notNull()
                .check(sql: "status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')")
            t.column("stage", .text)
            t.column("progress", .double).notNull().defaults(to: 0)
            t.column("params_json", .text).notNull().defaults(to: "{}")
            t.column("error", .text)
            t.column("created_at", .datetime).notNull()
            t.column("created_by", .text).notNull()
            t.column("started_at", .datetime)
            t.column("finished_at", .datetime)
        }

        // Versioned models; `kind` says what is predicted ("churn", later e.g. "offer-response").
        try db.create(table: "models") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("kind", .text).notNull().defaults(to: "churn")
            t.column("version", .integer).notNull()
            t.column("run_id", .integer).references("runs").indexed()
            t.column("family", .text).notNull()
            t.column("params_json", .text).notNull().defaults(to: "{}")
            t.column("metrics_json", .text).notNull().defaults(to: "{}")
            t.column("feature_schema_json", .text).notNull().defaults(to: "{}")
            t.column("data_hash", .text).notNull()
            t.column("seed", .integer).notNull()
            t.column("blob", .blob).notNull()
            t.column("active", .boolean).notNull().defaults(to: false)
            t.column("created_at", .datetime).notNull()
            t.column("created_by", .text).notNull()
            t.uniqueKey(["kind", "version"])
        }
        // At most one active model per kind.
        try db.execute(sql: "CREATE UNIQUE INDEX models_one_active_per_kind ON models(kind) WHERE active")

        // One scoring pass of a model over an import; predictions hang off it so history is kept.
        try db.create(table: "scorings") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("model_id", .integer).references("models").notNull()
            t.column("import_id", .integer).references("imports")
            t.column("cutoff", .text)
            t.column("scored_at", .datetime).notNull()
            t.column("scored_by", .text).notNull()
        }

        // Scores per customer and scoring pass; never updated, so a customer's risk over time is kept.
        try db.create(table: "predictions") { t in
            t.column("scoring_id", .integer).references("scorings").notNull()
            t.column("model_id", .integer).references("models").notNull()
            t.column("customer_id", .text).notNull()
            t.column("probability", .double).notNull()
            t.column("tier", .text).notNull()
            t.column("top_factors_json", .text).notNull().defaults(to: "[]")
            t.column("scored_at", .datetime).notNull()
            t.primaryKey(["scoring_id", "customer_id"])
        }
        try db.create(index: "predictions_by_customer", on: "predictions", columns: ["customer_id", "scored_at"])

        // Campaigns: an offer sent to a set of customers, with the economics used to plan it.
        try db.create(table: "campaigns") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("name", .text).notNull().unique()
            t.column("description", .text).notNull().defaults(to: "")
            t.column("offer_cost", .double)
            t.column("success_rate", .double)
            t.column("value_per_save", .double)
            t.column("created_at", .datetime).notNull()
            t.column("created_by", .text).notNull()
        }

        // Notes about a customer; append-only (an edit is a new note that supersedes an older one).
        try db.create(table: "notes") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("customer_id", .text).notNull().indexed()
            t.column("author", .text).notNull()
            t.column("body", .text).notNull()
            t.column("supersedes_id", .integer).references("notes")
            t.column("created_at", .datetime).notNull()
        }

        // What was done for a customer (assigned to a campaign, called, e-mailed, offer sent...); append-only.
        try db.create(table: "actions") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("customer_id", .text).notNull().indexed()
            t.column("campaign_id", .integer).references("campaigns").indexed()
            t.column("kind", .text).notNull()
            t.column("detail", .text).notNull().defaults(to: "")
            t.column("author", .text).notNull()
            t.column("created_at", .datetime).notNull()
        }

        // What happened afterwards (retained, churned, responded), the basis for measuring interventions.
        try db.create(table: "outcomes") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("customer_id", .text).notNull().indexed()
            t.column("campaign_id", .integer).references("campaigns").indexed()
            t.column("outcome", .text).notNull()
            t.column("observed_at", .datetime).notNull()
            t.column("recorded_by", .text).notNull()
        }

        // Saved segments, written in the filter language.
        try db.create(table: "segments") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("name", .text).notNull().unique()
            t.column("expression", .text).notNull()
            t.column("description", .text).notNull().defaults(to: "")
            t.column("created_by", .text).notNull()
            t.column("created_at", .datetime).notNull()
        }

        // History tables refuse updates and deletes.
        for table in ["predictions", "notes", "actions", "outcomes"] {
            for event in ["UPDATE", "DELETE"] {
                try db.execute(sql: """
                    CREATE TRIGGER \(table)_no_\(event.lowercased()) BEFORE \(event) ON \(table)
                    BEGIN SELECT RAISE(ABORT, '\(table) are append-only history'); END
                    """)
            }
        }
    }

    /// Version 2: the champion's out-of-fold scores per model, so thresholds and ROI are chosen on honest
    /// predictions (each customer scored by a model that never saw it). Additive: v1 workspaces upgrade in place.
    private static func createVersion2(_ db: Database) throws {
        try db.create(table: "model_oof") { t in
            t.column("model_id", .integer).references("models").notNull()
            t.column("row", .integer).notNull()
            t.column("customer_id", .text).notNull()
            t.column("probability", .double).notNull()
            t.column("label", .integer).notNull().check(sql: "label IN (0, 1)")
            t.primaryKey(["model_id", "row"])
        }
    }

    /// Version 3: one columnar snapshot blob per scoring (`ScoredCustomersCodec`), derived from its
    /// predictions, so the app's first frame reads one blob instead of every prediction row.
    private static func createVersion3(_ db: Database) throws {
        try db.create(table: "scoring_snapshots") { t in
            t.column("scoring_id", .integer).primaryKey().references("scorings")
            t.column("format", .integer).notNull()
            t.column("blob", .blob).notNull()
        }
    }
}
