import Foundation
import GRDB

/// A churn workspace: one SQLite file (WAL mode) holding imports, settings, runs, models, score
/// history, notes and campaigns, shared safely by several churn processes.
///
/// Every statement is parameterized; SQL lives in the Store folder only.
public final class Workspace: Sendable {
    /// The path of the SQLite file.
    public let path: String
    /// The login name written as author of what this instance records.
    public let user: String
    private let pool: DatabasePool

    /// How long a writer waits for another process's write to finish before giving up.
    public static let busyTimeout: TimeInterval = 5

    /// The default workspace file: `$XDG_DATA_HOME/churn/workspace.sqlite`, else
    /// `~/.local/share/churn/workspace.sqlite` (an empty or relative `XDG_DATA_HOME` is ignored, as the spec says).
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let data = environment["XDG_DATA_HOME"], data.hasPrefix("/") {
            return (data as NSString).appendingPathComponent("churn/workspace.sqlite")
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return (home as NSString).appendingPathComponent(".local/share/churn/workspace.sqlite")
    }

    /// Opens (creating when needed) the workspace at `path` and brings its schema up to date.
    ///
    /// - Parameters:
    ///   - path: the SQLite file; missing parent folders are created.
    ///   - user: the author recorded for writes (defaults to the login name).
    /// - Throws: `StoreError` naming the path when the folder cannot be created, the file is not a
    ///   database, it cannot be opened or written, or its schema is newer than this build knows.
    public init(path: String, user: String = LoginName.current()) throws {
        self.path = path
        self.user = user
        let folder = (path as NSString).deletingLastPathComponent
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw StoreError.cannotOpen(path: path, reason: "it is a folder, not a file")
        }
        if !folder.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw StoreError.cannotCreateDirectory(path: folder, reason: Self.reason(error))
            }
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(Self.busyTimeout)
        configuration.label = "churn workspace"
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw Self.openError(error, path: path)
        }
        do {
            let migrator = WorkspaceSchema.migrator
            let superseded = try pool.read { db in try migrator.hasBeenSuperseded(db) }
            if superseded {
                let applied = try pool.read { db in try migrator.appliedIdentifiers(db) }
                let known = Set(migrator.migrations)
                throw StoreError.newerSchema(path: path, unknown: applied.subtracting(known).sorted())
            }
            try migrator.migrate(pool)
        } catch let error as StoreError {
            throw error
        } catch {
            throw Self.openError(error, path: path)
        }
    }

    // MARK: Imports

    /// Records an imported file and its profile; returns the new import's id.
    public func recordImport(_ profile: DataProfile, fileHash: String, mapping: ColumnMapping) throws -> Int64 {
        let mappingJSON = try Self.json(Self.mappingDictionary(mapping))
        let profileJSON = try Self.json(profile)
        let user = self.user
        return try write { db in
            try db.execute(
                sql: """
                    INSERT INTO imports (file, file_hash, shape, mapping_json, profile_json, rows, customers,
                                         imported_at, imported_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [profile.file, fileHash, profile.shape.rawValue, mappingJSON, profileJSON,
                            profile.rows, profile.customers, Date(), user])
            return db.lastInsertedRowID
        }
    }

    /// Every import, newest first.
    public func imports() throws -> [ImportRecord] {
        let rows = try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM imports ORDER BY imported_at DESC, id DESC")
        }
        return try rows.map(importRecord)
    }

    // MARK: Settings

    /// The stored value of a setting, or nil when it was never set.
    public func setting(_ key: String) throws -> String? {
        try read { db in
            try String.fetchOne(db, sql: "SELECT value FROM settings WHERE key = ?", arguments: [key])
        }
    }

    /// Stores a setting, recording who changed it and when.
    public func setSetting(_ key: String, _ value: String) throws {
        let user = self.user
        try write { db in
            try db.execute(
                sql: """
                    INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
                    ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at,
                                                   updated_by = excluded.updated_by
                    """,
                arguments: [key, value, Date(), user])
        }
    }

    /// The names of the schema steps applied to this workspace, in order.
    public func schemaVersions() throws -> [String] {
        try read { db in try WorkspaceSchema.migrator.completedMigrations(db) }
    }

    // MARK: Helpers

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try pool.read(body) } catch { throw mapped(error) }
    }

    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try pool.write(body) } catch { throw mapped(error) }
    }

    private func mapped(_ error: Error) -> Error {
        if error is UserFacingError { return error }
        return StoreError.writeFailed(path: path, reason: Self.reason(error))
    }

    func importRecord(_ row: Row) throws -> ImportRecord {
        let id: Int64 = row["id"]
        do {
            let profile = try JSONDecoder().decode(DataProfile.self, from: Data((row["profile_json"] as String).utf8))
            let mappingText: String = row["mapping_json"]
            let names = try JSONDecoder().decode([String: String].self, from: Data(mappingText.utf8))
            var mapping = ColumnMapping()
            for (role, column) in names {
                guard let role = ColumnRole(rawValue: role) else { continue }
                mapping[role] = column
            }
            let shapeText: String = row["shape"]
            guard let shape = DatasetShape(rawValue: shapeText) else {
                throw StoreError.corruptRecord(path: path, table: "imports", id: id, reason: "unknown shape \"\(shapeText)\"")
            }
            return ImportRecord(id: id, file: row["file"], fileHash: row["file_hash"], shape: shape, mapping: mapping,
                                profile: profile, rows: row["rows"], customers: row["customers"],
                                importedAt: row["imported_at"], importedBy: row["imported_by"])
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.corruptRecord(path: path, table: "imports", id: id, reason: Self.reason(error))
        }
    }

    /// The mapping as a JSON object keyed by role name (`{"customer": "user_id"}`).
    private static func mappingDictionary(_ mapping: ColumnMapping) -> [String: String] {
        var names: [String: String] = [:]
        for (role, column) in mapping.columns { names[role.rawValue] = column }
        return names
    }

    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    private static func openError(_ error: Error, path: String) -> Error {
        if let error = error as? DatabaseError {
            if error.resultCode == .SQLITE_NOTADB || error.resultCode == .SQLITE_CORRUPT {
                return StoreError.notADatabase(path: path)
            }
            return StoreError.cannotOpen(path: path, reason: error.message ?? "\(error.resultCode)")
        }
        return StoreError.cannotOpen(path: path, reason: reason(error))
    }

    static func reason(_ error: Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "\(error.resultCode)" }
        if let error = error as? UserFacingError { return error.message }
        return (error as NSError).localizedDescription
    }
}
