import ChurnKit

/// What can happen on the Settings tab: threshold, tiers, costs, active model, theme and display settings.
public enum SettingsAction: Sendable, Equatable {
    /// Move the cursor by this many lines (negative: up).
    case moveSelection(Int)
    /// Go to the first or last line.
    case selectFirst, selectLast
    /// Step the selected setting (negative: down); numbers land on the step grid.
    case change(Int)
    /// Enter: type the selected number, or promote the chosen model version.
    case edit
    /// Put the selected setting back to its default.
    case resetSelected
    /// Set the threshold a one-key optimiser finds.
    case optimize(ThresholdGoal)
    /// Make the chosen model version the active one.
    case promoteChosen
    /// Make the version before the active one active again.
    case rollBack
    /// The store's model versions after a promotion or roll back (posted by the effect runner).
    case versionsChanged([ModelRecord], activated: Int)
    /// The threshold figures are ready (nil with a note saying why there are none).
    case explorerReady(Shared<ThresholdExplorer>?, note: String?)
    /// Theme `name` could not be loaded; `previous` is still in use.
    case themeFailed(name: String, previous: String, message: String)
}
