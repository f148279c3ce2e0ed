/// Work outside the state that a reduced action asks for: saving, loading, exporting, training.
///
/// `reduce` stays pure: it only appends effects to `AppState.effects`; the event loop hands them to an
/// `EffectRunner`, which does the I/O (heavy work on a background queue) and posts the outcome back as
/// actions. Tests check which effects a key sequence requests without running them.
public enum Effect: Sendable, Equatable {
    /// Store a setting of the workspace (`settings` table).
    case saveSetting(key: String, value: String)
    /// Load the workspace's analysis (features, values, explainer) in the background.
    case loadAnalysis
    case highRisk(HighRiskEffect)
    case segments(SegmentsEffect)
    case insights(InsightsEffect)
    case customer(CustomerEffect)
    case whatIf(WhatIfEffect)
    case settings(SettingsEffect)
    case training(TrainingEffect)
    /// Read the plan's file again with its edited roles (the import preview's `m`).
    case reprofile(Shared<TrainingPlan>)
}
