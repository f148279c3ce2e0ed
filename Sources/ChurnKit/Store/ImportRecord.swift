import Foundation

/// One data file imported into a workspace: where it came from, how it was read and its profile.
public struct ImportRecord: Sendable {
    /// The row id in the `imports` table.
    public var id: Int64
    /// The file as given by the user.
    public var file: String
    /// The SHA-256 of the file's bytes, as 64 lowercase hex digits.
    public var fileHash: String
    public var shape: DatasetShape
    /// The column roles used for this import.
    public var mapping: ColumnMapping
    /// The validation and profile report made at import time.
    public var profile: DataProfile
    public var rows: Int
    public var customers: Int?
    public var importedAt: Date
    /// The login name of the person who imported the file.
    public var importedBy: String

    public init(id: Int64, file: String, fileHash: String, shape: DatasetShape, mapping: ColumnMapping,
                profile: DataProfile, rows: Int, customers: Int?, importedAt: Date, importedBy: String) {
        self.id = id; self.file = file; self.fileHash = fileHash; self.shape = shape; self.mapping = mapping
        self.profile = profile; self.rows = rows; self.customers = customers
        self.importedAt = importedAt; self.importedBy = importedBy
    }
}
