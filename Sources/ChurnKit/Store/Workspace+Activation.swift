import Foundation
import GRDB

/// Why a model version could not be made the active one.
public enum ModelActivationError: UserFacingError, Equatable {
    /// No saved model of `kind` has this version number.
    case noSuchVersion(version: Int, kind: String, available: [Int])
    /// Rolling back needs a version older than the active one.
    case nothingToRollBackTo(active: Int?)

    public var message: String {
        switch self {
        case .noSuchVersion(let version, let kind, let available):
            let known = available.isEmpty ? "there are no saved \(kind) models yet (train one with churn train FILE)"
                : "saved versions are " + available.map(String.init).joined(separator: ", ")
            return "there is no \(kind) model version \(version): \(known)."
        case .nothingToRollBackTo(let active):
            guard let active else { return "no model is active, so there is nothing to roll back from; promote a version first." }
            return "model version \(active) is the oldest saved version; there is no earlier version to roll back to."
        }
    }

    public var exitCode: Int32 { ExitCode.usage }
}

/// Choosing which saved model version is the active (champion) one.
extension Workspace {
    /// Makes model `version` of `kind` the active one (and no other version of that kind), in one
    /// transaction; returns every version of `kind`, newest first, as stored afterwards.
    ///
    /// Scores already stored keep naming the model that computed them: activating a version does not
    /// re-score anybody. Score again (`churn score FILE`) to get that version's scores.
    ///
    /// - Throws: `ModelActivationError.noSuchVersion` when there is no such version, `StoreError` when
    ///   the workspace cannot be written.
    @discardableResult
    public func activate(version: Int, kind: String = "churn") throws -> [ModelRecord] {
        let changed: Bool = try write { db in
            guard try Int.fetchOne(db, sql: "SELECT 1 FROM models WHERE kind = ? AND version = ?", arguments: [kind, version]) != nil else {
                return false
            }
            // Clear first: the unique index allows one active model per kind at any moment.
            try db.execute(sql: "UPDATE models SET active = 0 WHERE kind = ? AND active AND version <> ?", arguments: [kind, version])
            try db.execute(sql: "UPDATE models SET active = 1 WHERE kind = ? AND version = ?", arguments: [kind, version])
            return true
        }
        let versions = try models(kind: kind)
        guard changed else {
            throw ModelActivationError.noSuchVersion(version: version, kind: kind, available: versions.map(\.version).sorted())
        }
        return versions
    }

    /// Makes the newest version older than the active one active (undoing a promotion or a new
    /// training run); returns every version of `kind`, newest first, as stored afterwards.
    ///
    /// - Throws: `ModelActivationError.nothingToRollBackTo` when no version is active or the active
    ///   one is the oldest, `StoreError` when the workspace cannot be read or written.
    @discardableResult
    public func rollBack(kind: String = "churn") throws -> [ModelRecord] {
        let versions = try models(kind: kind)
        guard let active = versions.first(where: \.active) else { throw ModelActivationError.nothingToRollBackTo(active: nil) }
        guard let previous = versions.filter({ $0.version < active.version }).map(\.version).max() else {
            throw ModelActivationError.nothingToRollBackTo(active: active.version)
        }
        return try activate(version: previous, kind: kind)
    }
}
