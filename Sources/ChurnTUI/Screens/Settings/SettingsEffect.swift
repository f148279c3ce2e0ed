/// Work outside the state that the Settings tab asks for (carried out by `EffectRunner.performSettings`).
public enum SettingsEffect: Sendable, Equatable {
    /// Make model `version` the active one in the store.
    case activate(version: Int)
    /// Make the version before the active one active.
    case rollBack
    /// Load theme `name`, draw with it at once and save it as the workspace's theme (`previous` is
    /// the theme in use, kept when `name` cannot be loaded).
    case applyTheme(name: String, previous: String)
    /// Build the threshold figures from the analysis's out-of-fold scores, off the UI thread.
    case buildExplorer
}
