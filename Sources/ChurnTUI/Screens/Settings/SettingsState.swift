import ChurnKit

/// The state of the Settings tab: threshold, tiers, costs, active model, theme and display settings.
public struct SettingsState: Sendable {
    /// The stored choices (the threshold itself is `AppState.threshold`).
    public var values = SettingsValues()
    /// The line with the cursor.
    public var selected: SettingItem = .threshold
    /// The number being typed after Enter, nil when not editing.
    public var editing: TextInput?
    /// The threshold figures of the shown model, built when the analysis loads (nil before, or when
    /// the model has no out-of-fold scores: `explorerNote` says why).
    public var explorer: Shared<ThresholdExplorer>?
    public var explorerNote: String?
    /// Every model version, newest first, as the store last reported them.
    public var versions: [ModelRecord] = []
    /// The version the model line points at (left/right), promoted with Enter.
    public var chosenVersion: Int?
    /// Theme names to choose from (built-in and user themes), in order.
    public var themes: [String] = BuiltinThemes.names
    /// The theme in use.
    public var theme = "default"
    /// Whether the terminal shows colours (themes only change attributes when it does not).
    public var colorsEnabled = true
    /// The last optimiser used and what it found, shown in the threshold panel.
    public var lastOptimum: String?

    public init() {}
}
