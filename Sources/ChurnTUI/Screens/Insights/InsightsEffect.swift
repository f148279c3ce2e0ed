/// Work outside the state that the Model insights tab asks for (carried out by `EffectRunner.performInsights`).
public enum InsightsEffect: Sendable, Equatable {
    /// Compute ROC, PR, calibration and lift from the analysis's out-of-fold scores.
    case computeCurves
    /// Compute mean |SHAP| per feature over at most `sampleLimit` scored customers (evenly spaced).
    case computeImportance(sampleLimit: Int)

    /// The customers the SHAP importance is computed on at most: enough for a stable ranking, quick
    /// even for tree ensembles on two cores.
    public static let shapSampleLimit = 2_000
}
