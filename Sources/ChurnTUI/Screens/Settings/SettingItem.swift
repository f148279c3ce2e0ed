import ChurnKit
import Foundation

/// One line of the Settings tab: what it sets, how a key press steps it, where it is stored.
public enum SettingItem: Int, CaseIterable, Sendable {
    case threshold, recallTarget, precisionFloor
    case tierHigh, tierMedium, tierLow
    case costPerContact, offerCost, successRate, customerValue
    case model, theme, decimals, rowsPerPage

    /// The group heading the line sits under.
    public enum Section: String, Sendable {
        case threshold = "Threshold"
        case tiers = "Risk tiers"
        case money = "Costs and values (net value, ROI)"
        case model = "Model"
        case display = "Display"
    }

    public var section: Section {
        switch self {
        case .threshold, .recallTarget, .precisionFloor: return .threshold
        case .tierHigh, .tierMedium, .tierLow: return .tiers
        case .costPerContact, .offerCost, .successRate, .customerValue: return .money
        case .model: return .model
        case .theme, .decimals, .rowsPerPage: return .display
        }
    }

    public var label: String {
        switch self {
        case .threshold: return "Churn threshold"
        case .recallTarget: return "Recall target (r)"
        case .precisionFloor: return "Precision floor (P)"
        case .tierHigh: return "High: risk above"
        case .tierMedium: return "Medium: from"
        case .tierLow: return "Low: from"
        case .costPerContact: return "Cost per contact"
        case .offerCost: return "Offer cost"
        case .successRate: return "Success rate"
        case .customerValue: return "Value of a customer"
        case .model: return "Active model"
        case .theme: return "Theme"
        case .decimals: return "Risk decimals"
        case .rowsPerPage: return "Rows per page"
        }
    }

    /// One sentence on what the setting does, shown under the list for the selected line.
    public var help: String {
        switch self {
        case .threshold: return "Customers with risk at or above it are predicted to churn (flagged)."
        case .recallTarget: return "r sets the highest threshold that still finds this share of churners."
        case .precisionFloor: return "P sets the lowest threshold whose flagged customers churn at least this often."
        case .tierHigh: return "Customers with risk strictly above this are high risk."
        case .tierMedium: return "Medium risk runs from this boundary up to the high boundary."
        case .tierLow: return "Low risk runs from here up to the medium boundary; below is safe."
        case .costPerContact: return "Spent on every flagged customer: a call, an e-mail, an agent's time."
        case .offerCost: return "The retention offer, paid for each customer it keeps."
        case .successRate: return "The chance that a contacted churner stays."
        case .customerValue: return "What keeping one customer is worth (net value and max profit)."
        case .model: return "Left/right choose a version; Enter promotes it, b rolls back to the previous one."
        case .theme: return "Left/right switch the colour theme at once; saved for next time."
        case .decimals: return "Decimals of the risk in the High-risk table (2 to 4)."
        case .rowsPerPage: return "Rows PgUp/PgDn move in the High-risk table; 0 moves a screenful."
        }
    }

    /// The key of the workspace `settings` table (nil for the model, kept in the models table).
    public var storageKey: String? {
        switch self {
        case .threshold: return WorkspaceApp.thresholdSetting
        case .recallTarget: return "threshold.recall_target"
        case .precisionFloor: return "threshold.precision_floor"
        case .tierHigh: return "tiers.high"
        case .tierMedium: return "tiers.medium"
        case .tierLow: return "tiers.low"
        case .costPerContact: return "roi.cost_per_contact"
        case .offerCost: return "roi.offer_cost"
        case .successRate: return "roi.success_rate"
        case .customerValue: return "roi.customer_value"
        case .model: return nil
        case .theme: return "theme"
        case .decimals: return "display.decimals"
        case .rowsPerPage: return "display.rows_per_page"
        }
    }

    /// Whether the line holds a number (edited with Enter and typed).
    public var isNumber: Bool { self != .model && self != .theme }

    /// One arrow press.
    public var step: Double {
        switch self {
        case .threshold, .tierHigh, .tierMedium, .tierLow: return 0.01
        case .recallTarget, .precisionFloor, .successRate: return 0.05
        case .costPerContact, .offerCost: return 1
        case .customerValue: return 10
        case .decimals: return 1
        case .rowsPerPage: return 5
        case .model, .theme: return 1
        }
    }

    /// Whether the number is a share (0...1, typed as 0.35 or 35%).
    var isShare: Bool {
        switch self {
        case .threshold, .recallTarget, .precisionFloor, .tierHigh, .tierMedium, .tierLow, .successRate: return true
        default: return false
        }
    }

    /// Whether `x` is a value the setting can take.
    public func accepts(_ x: Double) -> Bool {
        guard x.isFinite else { return false }
        switch self {
        case .recallTarget, .precisionFloor: return x > 0 && x <= 1
        case .threshold, .tierHigh, .tierMedium, .tierLow, .successRate: return x >= 0 && x <= 1
        case .costPerContact, .offerCost, .customerValue: return x >= 0 && x <= 1e12
        case .decimals: return x >= 2 && x <= 4 && x.rounded() == x
        case .rowsPerPage: return x >= 0 && x <= 500 && x.rounded() == x
        case .model, .theme: return false
        }
    }

    /// What a typed value must be, for error messages.
    public var expectation: String {
        switch self {
        case .recallTarget, .precisionFloor: return "a share above 0 and at most 1 (e.g. 0.8 or 80%)"
        case .threshold, .tierHigh, .tierMedium, .tierLow, .successRate: return "a share from 0 to 1 (e.g. 0.35 or 35%)"
        case .costPerContact, .offerCost, .customerValue: return "an amount of at least 0 (e.g. 12.5)"
        case .decimals: return "a whole number from 2 to 4"
        case .rowsPerPage: return "a whole number from 0 (a screenful) to 500"
        case .model, .theme: return "a choice"
        }
    }

    /// The number the line shows, nil for choices.
    public func number(in values: SettingsValues, threshold: Double = AppState.defaultThreshold) -> Double? {
        switch self {
        case .threshold: return threshold
        case .recallTarget: return values.recallTarget
        case .precisionFloor: return values.precisionFloor
        case .tierHigh: return values.tiers.high
        case .tierMedium: return values.tiers.medium
        case .tierLow: return values.tiers.low
        case .costPerContact: return values.costPerContact
        case .offerCost: return values.offerCost
        case .successRate: return values.successRate
        case .customerValue: return values.customerValue
        case .decimals: return Double(values.decimals)
        case .rowsPerPage: return Double(values.rowsPerPage)
        case .model, .theme: return nil
        }
    }

    /// Sets a plain number (not the threshold or a tier boundary, which have their own rules).
    func setNumber(_ x: Double, in values: inout SettingsValues) {
        switch self {
        case .recallTarget: values.recallTarget = x
        case .precisionFloor: values.precisionFloor = x
        case .costPerContact: values.costPerContact = x
        case .offerCost: values.offerCost = x
        case .successRate: values.successRate = x
        case .customerValue: values.customerValue = x
        case .decimals: values.decimals = Int(x)
        case .rowsPerPage: values.rowsPerPage = Int(x)
        case .threshold, .tierHigh, .tierMedium, .tierLow, .model, .theme: break
        }
    }

    /// `value` moved by `steps` steps, landing on the step grid (0.4372 + 1 step of 0.01 is 0.44).
    public func stepped(_ value: Double, by steps: Int) -> Double {
        guard steps != 0 else { return value }
        let units = value / step
        let onGrid = abs(units - units.rounded()) < 1e-6
        let base: Double
        if onGrid {
            base = units.rounded() + Double(steps)
        } else if steps > 0 {
            base = units.rounded(.up) + Double(steps - 1)
        } else {
            base = units.rounded(.down) + Double(steps + 1)
        }
        // Multiply back with few decimals, so 0.1 + 0.2 shows as 0.3.
        return ((base * step) * 1e6).rounded() / 1e6
    }

    /// The value as stored and typed: "0.35", "8", "0.4372".
    public func text(of x: Double) -> String {
        Self.plain(x)
    }

    /// A number in plain digits without grouping or trailing zeros (at most 4 decimals).
    static func plain(_ x: Double) -> String {
        guard x.isFinite else { return "\(x)" }
        var text = String(format: "%.4f", x)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    /// The value as the list shows it: shares with two decimals or more, amounts grouped.
    public func display(_ x: Double) -> String {
        switch self {
        case .costPerContact, .offerCost, .customerValue: return NumberText.value(x, decimals: 2)
        case .decimals: return String(Int(x))
        case .rowsPerPage: return x == 0 ? "screen" : String(Int(x))
        case .threshold: return NumberText.threshold(x)
        default: return NumberText.fixed(x, decimals: 2)
        }
    }

    /// Parses typed text: a decimal number, or a percentage ("35%" is 0.35).
    public static func parse(_ text: String) -> Double? {
        var t = text.trimmingCharacters(in: .whitespaces)
        var scale = 1.0
        if t.hasSuffix("%") {
            t.removeLast()
            scale = 0.01
        }
        guard let x = Double(t.trimmingCharacters(in: .whitespaces)), x.isFinite else { return nil }
        return x * scale
    }
}
