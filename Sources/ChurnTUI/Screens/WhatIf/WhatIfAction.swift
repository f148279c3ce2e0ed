/// What can happen on the What-if tab: feature sliders for the current customer and the campaign planner.
public enum WhatIfAction: Sendable, Equatable {
}
