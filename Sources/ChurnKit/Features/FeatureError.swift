/// A problem building features: a missing role, unusable values, or a cutoff/horizon that does not fit the data.
public struct FeatureError: UserFacingError, Equatable {
    /// The full sentence shown to the user.
    public var message: String
    /// The process exit code (65 bad data, 64 bad options).
    public var exitCode: Int32

    public init(_ message: String, exitCode: Int32 = ExitCode.dataError) {
        self.message = message
        self.exitCode = exitCode
    }

    /// The error for a role the mapping does not name, listing the columns the user can choose from.
    static func missingRole(_ role: ColumnRole, table: DataTable, purpose: String) -> FeatureError {
        let names = table.columns.map { "\"\($0.name)\"" }.joined(separator: ", ")
        return FeatureError("\(table.source): no column has the \(role.rawValue) role, which \(purpose) needs. "
            + "Available columns: \(names). Name one with --map \(role.rawValue)=COLUMN.", exitCode: ExitCode.usage)
    }

    /// The error for a mapping that names a column the table does not have.
    static func unknownColumn(_ name: String, role: ColumnRole, table: DataTable) -> FeatureError {
        let names = table.columns.map { "\"\($0.name)\"" }.joined(separator: ", ")
        return FeatureError("\(table.source): the \(role.rawValue) role names column \"\(name)\", which is not in the file. "
            + "Available columns: \(names).", exitCode: ExitCode.usage)
    }

    /// "line N" for a data row index, counting the header as line 1 (exact unless a quoted field spans lines).
    static func line(ofRow row: Int) -> String { "line \(row + 2)" }
}
