import Foundation
import GRDB

/// One stored version of a note about a customer: who wrote it, when, and which older version it replaces.
///
/// The `notes` table is append-only (triggers refuse updates and deletes), so editing a note stores a new
/// version whose `supersedesID` names the version it replaces; the old text stays as history.
public struct CustomerNote: Sendable, Equatable {
    public var id: Int64
    public var customerID: String
    /// The login name of the writer.
    public var author: String
    public var body: String
    /// The version this one replaces, nil for a new note.
    public var supersedesID: Int64?
    public var createdAt: Date

    public init(id: Int64, customerID: String, author: String, body: String, supersedesID: Int64?, createdAt: Date) {
        self.id = id
        self.customerID = customerID
        self.author = author
        self.body = body
        self.supersedesID = supersedesID
        self.createdAt = createdAt
    }
}

/// A note with its history: the current version and the versions it replaced, newest first.
public struct CustomerNoteThread: Sendable, Equatable {
    /// The newest version (what the note says now).
    public var current: CustomerNote
    /// The versions it replaced, newest first.
    public var earlier: [CustomerNote]

    public init(current: CustomerNote, earlier: [CustomerNote]) {
        self.current = current
        self.earlier = earlier
    }

    /// Groups versions (in any order) into threads, the most recently changed thread first. A version
    /// that supersedes a version missing from `notes` starts its own thread.
    public static func threads(_ notes: [CustomerNote]) -> [CustomerNoteThread] {
        let byID = Dictionary(notes.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var replaced = Set<Int64>()
        for note in notes { if let old = note.supersedesID, byID[old] != nil { replaced.insert(old) } }
        let heads = notes.filter { !replaced.contains($0.id) }
            .sorted { $0.createdAt != $1.createdAt ? $0.createdAt > $1.createdAt : $0.id > $1.id }
        return heads.map { head in
            var earlier: [CustomerNote] = []
            var seen: Set<Int64> = [head.id]
            var next = head.supersedesID
            while let id = next, let note = byID[id], !seen.contains(id) {
                earlier.append(note)
                seen.insert(id)
                next = note.supersedesID
            }
            return CustomerNoteThread(current: head, earlier: earlier)
        }
    }
}

/// Why a note could not be saved.
public enum NoteError: UserFacingError, Equatable {
    /// The text is blank.
    case emptyBody
    /// The customer id is blank.
    case emptyCustomer
    /// The version being edited does not exist for this customer.
    case unknownNote(id: Int64, customerID: String)
    /// The version being edited was already replaced by a newer one.
    case alreadyEdited(id: Int64, by: Int64)

    public var message: String {
        switch self {
        case .emptyBody: return "a note needs some text; type it, then press Enter."
        case .emptyCustomer: return "a note needs a customer; open a customer first."
        case .unknownNote(let id, let customer): return "there is no note \(id) about customer \(customer) to edit."
        case .alreadyEdited(let id, let newer):
            return "note \(id) was already edited (version \(newer) replaces it); edit the newest version instead."
        }
    }

    public var exitCode: Int32 { ExitCode.usage }
}

/// Notes about customers, in the workspace's append-only `notes` table.
extension Workspace {
    /// Stores a note about `customerID` written by this workspace's user now; with `supersedes`, the
    /// note is a new version of that note (an edit). Surrounding white space is trimmed.
    ///
    /// - Throws: `NoteError` for a blank text or customer, an edit of a note that does not exist for this
    ///   customer or was already edited; `StoreError` when the workspace cannot be written.
    @discardableResult
    public func addNote(customerID: String, body: String, supersedes: Int64? = nil) throws -> CustomerNote {
        let text = body.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw NoteError.emptyBody }
        guard !customerID.isEmpty else { throw NoteError.emptyCustomer }
        let user = self.user
        let now = Date()
        let id: Int64 = try write { db in
            if let old = supersedes {
                let owner = try String.fetchOne(db, sql: "SELECT customer_id FROM notes WHERE id = ?", arguments: [old])
                guard owner == customerID else { throw NoteError.unknownNote(id: old, customerID: customerID) }
                if let newer = try Int64.fetchOne(db, sql: "SELECT id FROM notes WHERE supersedes_id = ? LIMIT 1", arguments: [old]) {
                    throw NoteError.alreadyEdited(id: old, by: newer)
                }
            }
            try db.execute(
                sql: "INSERT INTO notes (customer_id, author, body, supersedes_id, created_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [customerID, user, text, supersedes, now])
            return db.lastInsertedRowID
        }
        return CustomerNote(id: id, customerID: customerID, author: user, body: text, supersedesID: supersedes, createdAt: now)
    }

    /// Every stored version of every note about `customerID`, oldest first.
    public func notes(customerID: String) throws -> [CustomerNote] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, customer_id, author, body, supersedes_id, created_at FROM notes WHERE customer_id = ? ORDER BY id
                """, arguments: [customerID]).map { row in
                CustomerNote(id: row["id"], customerID: row["customer_id"], author: row["author"], body: row["body"],
                             supersedesID: row["supersedes_id"], createdAt: row["created_at"])
            }
        }
    }
}
