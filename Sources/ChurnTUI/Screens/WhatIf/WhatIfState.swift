/// The state of the What-if tab: feature sliders for the current customer and the campaign planner.
public struct WhatIfState: Sendable {
    public init() {}
}
