extension EffectRunner {
    /// Carries out an effect of the Model insights tab.
    func performInsights(_ effect: InsightsEffect, state: AppState) {
        switch effect {}
    }
}
