/// What can happen on the What-if tab: feature sliders for the current customer and the campaign planner.
public enum WhatIfAction: Sendable, Equatable {
    /// Select the slider `n` rows down (negative: up), in the pane shown.
    case select(Int)
    /// Select the first (false) or last (true) slider.
    case selectEnd(last: Bool)
    /// Move the selected slider `n` steps (negative: down).
    case step(Int)
    /// Move the selected slider to the bottom (false) or top (true) of its range.
    case stepToEnd(high: Bool)
    /// Put the selected slider back to the customer's own value (the planner: its default).
    case resetSelected
    /// Put every slider back.
    case resetAll
    /// Set the best single change.
    case applyBest
    /// Toggle "as if the customer bought today" (transaction data).
    case toggleBoughtToday
    /// The background work of "bought today" finished: the features that change, by name.
    case boughtTodayReady(customerID: String, values: [String: Double])
    case boughtTodayFailed(String)
    /// Show the campaign planner, or the customer's sliders.
    case togglePane
    /// Start typing a customer id.
    case startPicking
    /// Charge the offer per contact, or per accepted offer.
    case toggleOfferCharging
    /// The campaign planner's basis is ready (built in the background), or failed.
    case campaignReady(Shared<CampaignBasis>)
    case campaignFailed(String)
}
