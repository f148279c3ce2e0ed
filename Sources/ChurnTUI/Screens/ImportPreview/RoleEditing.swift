import ChurnKit
import Foundation

/// What can happen to the import preview beyond scrolling: editing the column roles.
public enum PreviewAction: Sendable, Equatable {
    /// `m`: start typing role assignments (`target=churned customer=id`).
    case startRoleEdit
    /// The file was read again with the new roles.
    case reprofiled(Shared<PreviewReprofile>)
    /// Reading the file with the new roles failed (the message says why and where).
    case reprofileFailed(String)
}

/// A file profiled again with edited roles: its profile, horizon advice and the ingest options used.
public struct PreviewReprofile: Sendable {
    public var profile: DataProfile
    public var advice: HorizonAdvice?
    public var ingest: IngestOptions

    /// Reads and profiles `file` with `ingest` (what `churn open` and the role editor show).
    ///
    /// - Throws: ingest errors naming the file and the column or role that is wrong.
    public static func load(file: String, ingest: IngestOptions) throws -> PreviewReprofile {
        let loaded = try DataLoader.load(path: file, options: ingest)
        let profile = DataProfiler.profile(loaded, options: ingest)
        var advice: HorizonAdvice?
        if loaded.shape == .transactions, let log = try? TransactionLog(table: loaded.table, mapping: loaded.mapping) {
            advice = HorizonAdvisor.advise(log)
        }
        var used = ingest
        used.mapping = loaded.mapping
        return PreviewReprofile(profile: profile, advice: advice, ingest: used)
    }
}

/// Role editing on the import preview: `m` opens a line for `role=column` pairs (the `--map` syntax),
/// Enter reads the file again with them in the background and rebuilds the preview, Esc cancels.
enum PreviewReducer {
    static func reduce(_ state: inout AppState, _ action: PreviewAction) {
        switch action {
        case .startRoleEdit:
            guard let preview = state.preview, preview.plan != nil else {
                state.message = "roles can be edited when a file is opened with churn open FILE"
                return
            }
            guard !state.training.isRunning else {
                state.message = "training is running with the roles chosen before"
                return
            }
            state.preview?.roleInput = TextInput()
            state.message = "roles: " + ColumnRole.allCases.map(\.rawValue).joined(separator: ", ") + "; Enter reads the file again, Esc cancels"
        case .reprofiled(let result):
            guard var preview = state.preview else { return }
            preview.replace(with: result.value, layoutWidth: state.previewSize.width, glyphs: state.glyphs)
            state.preview = preview
            let roles = result.value.profile.roles.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            state.message = "read again with roles: " + (roles.isEmpty ? "none" : roles)
        case .reprofileFailed(let message):
            state.message = message
        }
    }

    /// Keys typed into the role line; true when the line took the key.
    static func handleKey(_ state: inout AppState, _ key: Key) -> Bool {
        guard var input = state.preview?.roleInput else { return false }
        switch input.edit(key) {
        case .editing:
            state.preview?.roleInput = input
        case .cancelled:
            state.preview?.roleInput = nil
        case .submitted(let text):
            state.preview?.roleInput = nil
            let words = text.split(separator: " ").map(String.init)
            guard !words.isEmpty, var plan = state.preview?.plan else { return true }
            do {
                let edits = try ColumnMapping.parse(arguments: words)
                for (role, column) in edits.columns { plan.ingest.mapping[role] = column }
                state.message = "reading the file again with the new roles" + (state.asciiOnly ? "..." : "…")
                state.request(.reprofile(Shared(plan)))
            } catch {
                state.message = (error as? UserFacingError)?.message ?? "\(error)"
            }
        }
        return true
    }
}

extension EffectRunner {
    /// Profiles the plan's file again with its (edited) roles, in the background.
    func performReprofile(_ plan: TrainingPlan) {
        let queue = self.queue
        background.async {
            do {
                let result = try PreviewReprofile.load(file: plan.file, ingest: plan.ingest)
                queue.post(.preview(.reprofiled(Shared(result))))
            } catch {
                queue.post(.preview(.reprofileFailed(Self.describe(error))))
            }
        }
    }
}
