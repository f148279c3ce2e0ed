/// The state of the What-if tab: feature sliders for the current customer and the campaign planner.
public struct WhatIfState: Sendable {
    /// Which half of the tab is shown.
    public enum Pane: Sendable, Equatable {
        /// The current customer's feature sliders.
        case customer
        /// The campaign planner and scenario comparison.
        case planner
    }

    /// How the customer was chosen, for the header.
    enum Origin: Sendable, Equatable {
        /// The customer open on the Customer tab.
        case customerTab
        /// No customer was open: the riskiest one.
        case highestRisk
        /// Typed on this tab.
        case picked
    }

    public var pane: Pane = .customer
    /// The customer being what-iffed (nil until the analysis is loaded, or when it cannot be explained).
    var session: WhatIfSession?
    var origin: Origin = .highestRisk
    /// The Customer tab's row when the session was built: the tab follows that tab when it changes.
    var followedCustomerRow: Int?
    /// Why there is no session (the model cannot be explained, scoring failed).
    var sessionError: String?
    /// The selected slider (customer pane).
    var selected = 0
    /// The customer id being typed after `c` or `/`, nil when not typing.
    var picking: TextInput?

    /// The campaign planner, once its basis is ready.
    var planner: CampaignPlanner?
    var campaign: Shared<CampaignBasis>?
    var campaignError: String?
    /// A "bought today" request is running in the background.
    var boughtTodayPending = false

    public init() {}
}
