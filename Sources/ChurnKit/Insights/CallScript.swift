import Foundation

/// The facts about one customer that recommendation texts can quote.
public struct CustomerFacts: Sendable, Equatable {
    /// The customer's id as it appears in the data.
    public var customerID: String
    /// Churn probability (0...1).
    public var risk: Double
    /// The customer's value, if known.
    public var value: Double?
    /// The risk tier's name ("high"), if tiers are in use.
    public var tier: String?
    /// The dominant risk driver.
    public var driver: RiskDriver
    /// Reasons in plain words, most important first (e.g. from the explanation of the customer's score).
    public var reasons: [String]
    /// Feature names and the customer's values (parallel arrays; NaN = missing).
    public var featureNames: [String]
    public var featureValues: [Double]
    /// Any further facts by placeholder name (e.g. "agent_name", "first_name"); they win over the built-in names.
    public var extra: [String: String]

    public init(customerID: String, risk: Double, value: Double? = nil, tier: String? = nil, driver: RiskDriver,
                reasons: [String] = [], featureNames: [String] = [], featureValues: [Double] = [], extra: [String: String] = [:]) {
        self.customerID = customerID
        self.risk = risk
        self.value = value
        self.tier = tier
        self.driver = driver
        self.reasons = reasons
        self.featureNames = featureNames
        self.featureValues = featureValues
        self.extra = extra
    }

    /// The text for placeholder `name`, or nil when this customer has no such fact.
    public func lookup(_ name: String, action: String) -> String? {
        if let text = extra[name] { return text }
        switch name {
        case "customer_id": return customerID
        case "risk_percent": return risk.isFinite ? "\(Int((risk * 100).rounded()))%" : nil
        case "risk": return risk.isFinite ? String(format: "%.2f", risk) : nil
        case "risk_tier": return tier
        case "value": return value.flatMap { $0.isFinite ? TextTable.money($0) : nil }
        case "driver": return driver.title.lowercased()
        case "action": return action
        case "top_reason": return reasons.first
        case "reasons": return reasons.isEmpty ? nil : reasons.joined(separator: "; ")
        default:
            guard let f = featureNames.firstIndex(of: name), f < featureValues.count else { return nil }
            return RecommendationPlaceholders.format(featureValues[f])
        }
    }
}

/// A generated call or e-mail script, with the placeholders that could not be filled.
public struct GeneratedScript: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable { case call, email }
    public var kind: Kind
    /// The recommended action, filled in.
    public var action: String
    /// The e-mail subject (nil for a call).
    public var subject: String?
    /// The script or e-mail body.
    public var body: String
    /// Placeholders with no value for this customer, left in the text as written.
    public var missing: [String]
}

/// Call and e-mail scripts for one customer: the template of their dominant driver, filled with their facts.
public enum CallScript {
    /// The script of `kind` for `facts` from `templates`.
    public static func generate(_ kind: GeneratedScript.Kind, for facts: CustomerFacts,
                                templates: RecommendationTemplates = .standard) -> GeneratedScript {
        let template = templates.template(for: facts.driver)
        var missing: [String] = []
        func fill(_ text: String, action: String) -> String {
            let result = RecommendationPlaceholders.fill(text) { facts.lookup($0, action: action) }
            for name in result.missing where !missing.contains(name) { missing.append(name) }
            return result.text
        }
        let action = fill(template.action, action: template.action)
        switch kind {
        case .call:
            return GeneratedScript(kind: .call, action: action, subject: nil,
                                   body: fill(template.callScript, action: action), missing: missing)
        case .email:
            let subject = fill(template.emailSubject, action: action)
            return GeneratedScript(kind: .email, action: action, subject: subject,
                                   body: fill(template.emailBody, action: action), missing: missing)
        }
    }
}
