import ChurnKit
import Dispatch
import Foundation

/// Carries out the effects reduced actions request: store writes on the UI thread (they are quick),
/// loading and heavy work on a background queue, with every outcome posted back as an action.
///
/// Tab-specific effects are carried out in `EffectRunner+<Tab>.swift`.
public final class EffectRunner: @unchecked Sendable {
    public let workspace: Workspace
    let queue: ActionQueue
    /// Where loading, exporting and training run, off the UI thread.
    let background = DispatchQueue(label: "churn.effects", qos: .userInitiated, attributes: .concurrent)
    /// Draws with a theme from now on (set by the app to its terminal; nil off-screen). Called on the UI thread.
    public var applyTheme: ((Theme) -> Void)?

    public init(workspace: Workspace, queue: ActionQueue) {
        self.workspace = workspace
        self.queue = queue
    }

    /// Carries out one effect; `state` is the state right after the action that asked for it.
    public func perform(_ effect: Effect, state: AppState) {
        switch effect {
        case .saveSetting(let key, let value):
            do {
                try workspace.setSetting(key, value)
            } catch {
                queue.post(.showMessage("\(key) not saved: " + Self.describe(error)))
            }
        case .loadAnalysis:
            guard let modelID = state.data?.snapshot.model.id else { return }
            let workspace = self.workspace, queue = self.queue
            background.async {
                do {
                    let analysis = try WorkspaceAnalysis.load(workspace: workspace, modelID: modelID)
                    queue.post(.analysisLoaded(Shared(analysis)))
                } catch {
                    queue.post(.analysisFailed(Self.describe(error)))
                }
            }
        case .highRisk(let e): performHighRisk(e, state: state)
        case .segments(let e): performSegments(e, state: state)
        case .insights(let e): performInsights(e, state: state)
        case .customer(let e): performCustomer(e, state: state)
        case .whatIf(let e): performWhatIf(e, state: state)
        case .settings(let e): performSettings(e, state: state)
        case .training(let e): performTraining(e, state: state)
        case .reprofile(let plan): performReprofile(plan.value)
        }
    }

    /// An error's message for the status bar.
    static func describe(_ error: Error) -> String {
        (error as? UserFacingError)?.message ?? "\(error)"
    }
}
