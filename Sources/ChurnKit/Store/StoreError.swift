/// Why a workspace could not be opened or written, with the path involved and what to do.
public enum StoreError: UserFacingError, Equatable {
    /// The folder for the workspace could not be created.
    case cannotCreateDirectory(path: String, reason: String)
    /// The file exists but is not an SQLite database.
    case notADatabase(path: String)
    /// The workspace was written by a newer churn whose schema this build does not know.
    case newerSchema(path: String, unknown: [String])
    /// The file could not be opened or written (permissions, disk full, locked...).
    case cannotOpen(path: String, reason: String)
    /// A statement failed on an open workspace.
    case writeFailed(path: String, reason: String)
    /// A stored record could not be decoded.
    case corruptRecord(path: String, table: String, id: Int64, reason: String)

    public var message: String {
        switch self {
        case .cannotCreateDirectory(let path, let reason):
            return "cannot create the folder for the workspace \(path): \(reason). Choose another place with --db PATH."
        case .notADatabase(let path):
            return "the workspace \(path) is not a churn workspace (not an SQLite database). Move it away or choose another file with --db PATH."
        case .newerSchema(let path, let unknown):
            return "the workspace \(path) was written by a newer version of churn (schema steps \(unknown.joined(separator: ", ")) are unknown to this build). Upgrade churn or use another file with --db PATH."
        case .cannotOpen(let path, let reason):
            return "cannot open the workspace \(path): \(reason). Check the file's permissions or choose another file with --db PATH."
        case .writeFailed(let path, let reason):
            return "cannot write to the workspace \(path): \(reason)."
        case .corruptRecord(let path, let table, let id, let reason):
            return "the workspace \(path) has an unreadable \(table) record (id \(id)): \(reason)."
        }
    }

    public var exitCode: Int32 {
        switch self {
        case .cannotCreateDirectory: return ExitCode.cannotCreate
        case .notADatabase, .newerSchema, .corruptRecord: return ExitCode.dataError
        case .cannotOpen, .writeFailed: return ExitCode.ioError
        }
    }
}
