import ChurnKit
import Foundation

/// The Settings tab's stored choices beyond the threshold: optimiser targets, risk tier boundaries,
/// the money model for net value and ROI, and the theme. Each is kept in the workspace's `settings`
/// table under its own key (see `SettingItem.storageKey`) and saved as soon as it changes.
public struct SettingsValues: Sendable, Equatable {
    /// The recall the `r` optimiser aims for (0...1).
    public var recallTarget = 0.8
    /// The precision the `P` optimiser keeps (0...1).
    public var precisionFloor = 0.5
    /// The risk tier boundaries.
    public var tiers = RiskTiers()
    /// Cost of reaching one customer (call, e-mail, agent time).
    public var costPerContact = 8.0
    /// Cost of the retention offer, paid for each customer the offer keeps.
    public var offerCost = 0.0
    /// Probability that a contacted churner stays (0...1).
    public var successRate = 0.3
    /// The value of keeping one customer.
    public var customerValue = CustomerValueChoice.defaultFallback
    /// Decimals of the risk in the High-risk table (2...4).
    public var decimals = 3
    /// Rows PgUp/PgDn move in the High-risk table; 0 moves a screenful.
    public var rowsPerPage = 0
    /// The colour theme's name (nil: the default, or what `--theme` asked for).
    public var theme: String?
    /// Stored values that could not be read and were replaced by defaults (shown once as a message).
    public var problems: [String] = []

    public init() {}

    /// The values stored in `workspace`, defaults for those never set or unreadable.
    ///
    /// - Throws: `StoreError` when the workspace cannot be read.
    public static func load(from workspace: Workspace) throws -> SettingsValues {
        var stored: [String: String] = [:]
        for key in SettingItem.allCases.filter({ $0 != .threshold }).compactMap(\.storageKey) {
            if let value = try workspace.setting(key) { stored[key] = value }
        }
        return SettingsValues(stored: stored)
    }

    /// Values from stored text by key: numbers out of range, unordered tiers or bad text fall back to
    /// the default and are named in `problems`.
    public init(stored: [String: String]) {
        var tierHigh = tiers.high, tierMedium = tiers.medium, tierLow = tiers.low
        for item in SettingItem.allCases {
            guard item != .threshold, let key = item.storageKey, let text = stored[key] else { continue }
            if item == .theme {
                let name = text.trimmingCharacters(in: .whitespaces)
                if !name.isEmpty { theme = name }
                continue
            }
            guard let number = SettingItem.parse(text), item.accepts(number) else {
                problems.append("setting \(key) = \"\(TextSanitizer.sanitize(text))\" is not \(item.expectation); using \(item.text(of: item.number(in: self) ?? 0))")
                continue
            }
            switch item {
            case .tierHigh: tierHigh = number
            case .tierMedium: tierMedium = number
            case .tierLow: tierLow = number
            default: item.setNumber(number, in: &self)
            }
        }
        do {
            tiers = try RiskTiers(high: tierHigh, medium: tierMedium, low: tierLow)
        } catch {
            problems.append("stored tier boundaries: " + ((error as? UserFacingError)?.message ?? "\(error)") + " Using the defaults.")
        }
    }

    /// The money model of the threshold optimiser: every flagged customer costs a contact; a kept
    /// churner is worth its value less the offer it accepted, times the success rate.
    public var profitModel: ThresholdProfitModel {
        ThresholdProfitModel(costPerContact: costPerContact, customerValue: max(0, customerValue - offerCost), successRate: successRate)
    }

    /// The same assumptions for campaign ROI (`CampaignROI`), offers paid per accepted offer.
    public var campaignAssumptions: CampaignAssumptions {
        CampaignAssumptions(costPerContact: costPerContact, offerCost: offerCost, offerCharging: .perAcceptedOffer,
                            successRate: successRate, defaultCustomerValue: customerValue)
    }
}
