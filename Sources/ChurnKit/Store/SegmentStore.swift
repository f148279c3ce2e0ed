import Foundation
import GRDB

/// A segment saved in the workspace: a name and a filter expression.
public struct SavedSegment: Codable, Equatable, Sendable {
    public var id: Int64
    /// Unique within the workspace.
    public var name: String
    /// The filter expression, as typed.
    public var expression: String
    public var description: String
    public var createdBy: String
    public var createdAt: Date

    public init(id: Int64, name: String, expression: String, description: String, createdBy: String, createdAt: Date) {
        self.id = id
        self.name = name
        self.expression = expression
        self.description = description
        self.createdBy = createdBy
        self.createdAt = createdAt
    }

    /// The parsed filter.
    /// - Throws: `FilterError` when the stored expression does not parse.
    public func filter() throws -> CustomerFilter { try CustomerFilter(expression) }
}

/// Why a segment could not be saved, found or deleted.
public enum SegmentError: UserFacingError, Equatable {
    /// Another segment already has this name.
    case duplicateName(String)
    /// No segment has this name.
    case notFound(name: String, suggestion: String?)
    /// The name is blank.
    case emptyName

    public var message: String {
        switch self {
        case .duplicateName(let name):
            return "a segment named \"\(name)\" already exists; choose another name or delete the old one first."
        case .notFound(let name, let suggestion):
            return "there is no saved segment named \"\(name)\""
                + (suggestion.map { "; did you mean \"\($0)\"?" } ?? "; `churn segments` lists them.")
        case .emptyName:
            return "a segment needs a name; give one such as \"month-to-month at risk\"."
        }
    }

    public var exitCode: Int32 { ExitCode.usage }
}

/// Saved segments, in the workspace's `segments` table.
extension Workspace {
    /// Saves a segment after checking that its expression parses; names are unique (surrounding
    /// spaces are trimmed).
    /// - Throws: `SegmentError.emptyName`/`.duplicateName`, `FilterError` for a malformed expression,
    ///   `StoreError` when the workspace cannot be written.
    @discardableResult
    public func saveSegment(name: String, expression: String, description: String = "") throws -> SavedSegment {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw SegmentError.emptyName }
        _ = try CustomerFilter(expression)
        let user = self.user
        let now = Date()
        let id: Int64 = try write { db in
            let taken = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM segments WHERE name = ?)", arguments: [trimmed]) ?? false
            if taken { throw SegmentError.duplicateName(trimmed) }
            try db.execute(
                sql: "INSERT INTO segments (name, expression, description, created_by, created_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [trimmed, expression, description, user, now])
            return db.lastInsertedRowID
        }
        return SavedSegment(id: id, name: trimmed, expression: expression, description: description, createdBy: user, createdAt: now)
    }

    /// Every saved segment, by name.
    public func segments() throws -> [SavedSegment] {
        let rows = try read { db in
            try Row.fetchAll(db, sql: "SELECT id, name, expression, description, created_by, created_at FROM segments ORDER BY name, id")
        }
        return rows.map(Self.segment)
    }

    /// The segment with this name, or nil.
    public func segment(named name: String) throws -> SavedSegment? {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        let row = try read { db in
            try Row.fetchOne(db, sql: "SELECT id, name, expression, description, created_by, created_at FROM segments WHERE name = ?",
                             arguments: [trimmed])
        }
        return row.map(Self.segment)
    }

    /// Deletes the segment with this name.
    /// - Throws: `SegmentError.notFound` (with the closest name) when there is none.
    public func deleteSegment(named name: String) throws {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        try write { db in
            try db.execute(sql: "DELETE FROM segments WHERE name = ?", arguments: [trimmed])
            if db.changesCount == 0 {
                let names = try String.fetchAll(db, sql: "SELECT name FROM segments")
                throw SegmentError.notFound(name: trimmed, suggestion: Suggestion.closest(to: trimmed, in: names))
            }
        }
    }

    private static func segment(_ row: Row) -> SavedSegment {
        SavedSegment(id: row["id"], name: row["name"], expression: row["expression"], description: row["description"],
                     createdBy: row["created_by"], createdAt: row["created_at"])
    }
}
