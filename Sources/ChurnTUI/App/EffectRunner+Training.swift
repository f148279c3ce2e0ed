extension EffectRunner {
    /// Carries out an effect of a training run.
    func performTraining(_ effect: TrainingEffect, state: AppState) {
        switch effect {}
    }
}
