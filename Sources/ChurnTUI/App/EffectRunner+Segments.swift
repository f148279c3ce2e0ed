extension EffectRunner {
    /// Carries out an effect of the Segments tab.
    func performSegments(_ effect: SegmentsEffect, state: AppState) {
        switch effect {}
    }
}
