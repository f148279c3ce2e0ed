extension EffectRunner {
    /// Carries out an effect of the High-risk table.
    func performHighRisk(_ effect: HighRiskEffect, state: AppState) {
        switch effect {}
    }
}
