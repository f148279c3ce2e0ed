extension EffectRunner {
    /// Carries out an effect of the What-if tab.
    func performWhatIf(_ effect: WhatIfEffect, state: AppState) {
        switch effect {}
    }
}
