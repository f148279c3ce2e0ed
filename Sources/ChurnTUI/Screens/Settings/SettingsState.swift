/// The state of the Settings tab: threshold, tiers, costs, active model, theme and display settings.
public struct SettingsState: Sendable {
    public init() {}
}
