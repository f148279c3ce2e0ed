/// What to do about one risk driver: a one-line action, a call script and an e-mail, as templates
/// whose `{placeholders}` are filled with the customer's own facts (see `RecommendationPlaceholders`).
public struct RecommendationTemplate: Codable, Sendable, Equatable {
    /// The recommended action, one line ("Call within a week with a personal welcome-back offer").
    public var action: String
    /// What an agent says on the phone.
    public var callScript: String
    /// The e-mail subject line.
    public var emailSubject: String
    /// The e-mail body.
    public var emailBody: String

    public init(action: String, callScript: String, emailSubject: String, emailBody: String) {
        self.action = action
        self.callScript = callScript
        self.emailSubject = emailSubject
        self.emailBody = emailBody
    }
}

/// The template set: one `RecommendationTemplate` per driver. Built-in defaults live here; a user file
/// (`RecommendationTemplateFile`) can override any field of any driver.
public struct RecommendationTemplates: Sendable, Equatable {
    /// Templates by driver; every driver has one.
    public private(set) var byDriver: [RiskDriver: RecommendationTemplate]

    /// The template for `driver`.
    public func template(for driver: RiskDriver) -> RecommendationTemplate {
        byDriver[driver] ?? RecommendationTemplates.fallback
    }

    /// Replaces the template for `driver`.
    public mutating func set(_ template: RecommendationTemplate, for driver: RiskDriver) {
        byDriver[driver] = template
    }

    private static let fallback = RecommendationTemplate(
        action: "Review the account and call the customer",
        callScript: "Hello, this is {agent_name} calling about your account {customer_id}. We would like to hear how things are going and whether there is anything we can do better.",
        emailSubject: "How are we doing?",
        emailBody: "Hello,\n\nWe would like to hear how things are going and whether there is anything we can do better.\n\nBest regards,\n{agent_name}")

    /// The built-in templates.
    public static let standard = RecommendationTemplates(byDriver: [
        .longAbsence: RecommendationTemplate(
            action: "Win-back call within a week with a personal welcome-back offer",
            callScript: """
                Hello, this is {agent_name}. I'm calling about your account {customer_id}.
                We noticed it has been {days_since_last_purchase} days since your last order, and we wanted to check that everything is all right.
                Is there anything that kept you from ordering, or anything we could do differently?
                As a thank-you for being a customer, I can offer you a welcome-back discount on your next order.
                """,
            emailSubject: "We miss you: a welcome-back offer",
            emailBody: """
                Hello,

                It has been {days_since_last_purchase} days since your last order, and we wanted to say we miss you.
                Here is a welcome-back offer for your next order. If something went wrong last time, just reply to this e-mail and we will put it right.

                Best regards,
                {agent_name}
                """),
        .decliningFrequency: RecommendationTemplate(
            action: "Re-engage with reminders and a loyalty incentive for the next purchases",
            callScript: """
                Hello, this is {agent_name} calling about your account {customer_id}.
                We have seen you a little less often lately and wanted to ask whether our range still fits what you need.
                We can set up reminders for the items you buy regularly, and there is a loyalty bonus on your next three orders.
                """,
            emailSubject: "Your regulars, one click away",
            emailBody: """
                Hello,

                We have put the items you buy most often in one place, with a loyalty bonus on your next three orders.

                Best regards,
                {agent_name}
                """),
        .fallingSpend: RecommendationTemplate(
            action: "Offer a targeted bundle or upgrade matched to past purchases",
            callScript: """
                Hello, this is {agent_name} calling about your account {customer_id}.
                We noticed your recent orders have been smaller than before, and wanted to ask whether we are still offering what you need.
                Based on what you usually buy, I can offer you a bundle at a better price.
                """,
            emailSubject: "A bundle picked for you",
            emailBody: """
                Hello,

                Based on what you usually buy, we have put together a bundle at a better price.

                Best regards,
                {agent_name}
                """),
        .paymentIssues: RecommendationTemplate(
            action: "Offer an automatic payment method or a payment plan; waive one late fee",
            callScript: """
                Hello, this is {agent_name} calling about your account {customer_id}.
                I see there have been {late_payments} late payments recently. I'd like to make payments easier for you.
                We can switch you to automatic payment, set up a payment plan, and I can waive the most recent late fee today.
                """,
            emailSubject: "Making payments easier",
            emailBody: """
                Hello,

                We would like to make paying your bill easier. You can switch to automatic payment or set up a payment plan, and we will waive your most recent late fee.

                Best regards,
                {agent_name}
                """),
        .supportBurden: RecommendationTemplate(
            action: "Senior agent call to resolve open issues; follow up in two weeks",
            callScript: """
                Hello, this is {agent_name}, a senior member of our support team, calling about your account {customer_id}.
                I can see you have contacted us {support_tickets} times recently, and I'm sorry things have not been resolved.
                I'd like to go through any open issues with you now and make sure they are fixed. I will call again in two weeks to check.
                """,
            emailSubject: "Putting things right",
            emailBody: """
                Hello,

                You have contacted us several times recently, and we are sorry things have not been resolved. A senior member of our team will call you to go through any open issues.

                Best regards,
                {agent_name}
                """),
        .shortTenure: RecommendationTemplate(
            action: "Onboarding check-in and an offer to move to a longer contract at a better rate",
            callScript: """
                Hello, this is {agent_name} calling about your account {customer_id}.
                You joined us recently, and I wanted to check that everything is working well for you.
                If you plan to stay with us, I can offer a longer contract at a lower monthly rate.
                """,
            emailSubject: "Getting the most from your account",
            emailBody: """
                Hello,

                Thank you for joining us. Here are a few tips to get the most from your account, and an offer to lock in a lower rate with a longer contract.

                Best regards,
                {agent_name}
                """),
        .usageDecline: RecommendationTemplate(
            action: "Usage review call: show unused features and right-size the plan",
            callScript: """
                Hello, this is {agent_name} calling about your account {customer_id}.
                We noticed you have been using the service less, and wanted to make sure your plan still suits you.
                I can walk you through features you may not have tried, or move you to a plan that fits how you use it.
                """,
            emailSubject: "Is your plan still right for you?",
            emailBody: """
                Hello,

                We noticed you have been using the service less. Here are a few features you may not have tried, and a quick way to check that your plan still fits.

                Best regards,
                {agent_name}
                """),
        .price: RecommendationTemplate(
            action: "Review the plan for a cheaper fit or a loyalty discount",
            callScript: """
                Hello, this is {agent_name} calling about your account {customer_id}.
                I'd like to check that you are on the best plan for you. Based on your usage, I can offer a loyalty discount or a plan that costs less.
                """,
            emailSubject: "A better price for you",
            emailBody: """
                Hello,

                We have reviewed your plan and found a way to lower your bill. Reply to this e-mail or call us to switch.

                Best regards,
                {agent_name}
                """),
        .other: RecommendationTemplate(
            action: "Personal check-in call to find out what would keep the customer",
            callScript: """
                Hello, this is {agent_name} calling about your account {customer_id}.
                We value you as a customer and wanted to hear how things are going. Is there anything we could do better for you?
                """,
            emailSubject: "How are we doing?",
            emailBody: """
                Hello,

                We value you as a customer and would like to hear how things are going. Just reply to this e-mail.

                Best regards,
                {agent_name}
                """),
        .none: RecommendationTemplate(
            action: "No action needed beyond regular contact",
            callScript: "Hello, this is {agent_name} calling about your account {customer_id}. We just wanted to thank you for being a customer.",
            emailSubject: "Thank you",
            emailBody: "Hello,\n\nThank you for being a customer.\n\nBest regards,\n{agent_name}"),
    ])

    public init(byDriver: [RiskDriver: RecommendationTemplate]) {
        var all = byDriver
        for driver in RiskDriver.allCases where all[driver] == nil { all[driver] = RecommendationTemplates.fallback }
        self.byDriver = all
    }
}
