extension EffectRunner {
    /// Carries out an effect of the Customer tab.
    func performCustomer(_ effect: CustomerEffect, state: AppState) {
        switch effect {}
    }
}
