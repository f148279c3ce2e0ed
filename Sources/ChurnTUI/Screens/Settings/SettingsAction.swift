/// What can happen on the Settings tab: threshold, tiers, costs, active model, theme and display settings.
public enum SettingsAction: Sendable, Equatable {
}
