/// Work outside the state that the What-if tab asks for (carried out by `EffectRunner.performWhatIf`).
public enum WhatIfEffect: Sendable, Equatable {
    /// Build the campaign planner's basis (orders of the customers by risk and by value lost).
    case prepareCampaign
    /// Recompute a customer's transaction features with one more purchase on the as-of day.
    case boughtToday(customerID: String)
}
