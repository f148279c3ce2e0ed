extension EffectRunner {
    /// Carries out an effect of the Settings tab.
    func performSettings(_ effect: SettingsEffect, state: AppState) {
        switch effect {}
    }
}
