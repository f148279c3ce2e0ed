import ArgumentParser
import ChurnKit
import Foundation

/// `churn script CUSTOMER_ID`: a call or e-mail script for one customer, from the template of their
/// dominant risk driver, filled in with their own facts.
struct ScriptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "script",
        abstract: "Write a call or e-mail script for one customer, filled in with their own facts.",
        discussion: """
        The customer's dominant risk driver comes from the model's exact contributions for them (the driver whose
        features add most to their risk, as in the driver segments of `churn segments`); its template gives the
        recommended action and the script. Placeholders: {customer_id}, {risk_percent}, {risk}, {risk_tier},
        {value}, {driver}, {action}, {top_reason}, {reasons}, {agent_name}, any feature name (e.g.
        {days_since_last_purchase}) and any --fact name=value. Templates come from --templates FILE, else
        $XDG_CONFIG_HOME/churn/recommendations.toml (or ~/.config/churn/recommendations.toml) if present, else the
        built-in set. Placeholders with no value stay as written and are listed on stderr.
        """
    )

    @Argument(help: "The customer's id.")
    var customer: String

    @Option(help: ArgumentHelp("Which script to write.", valueName: "call|email"))
    var kind: ScriptKind = .call

    @Option(help: ArgumentHelp("The name of the person calling or writing (default: the login name).", valueName: "name"))
    var agent: String?

    @Option(name: .customLong("fact"), parsing: .singleValue,
            help: ArgumentHelp("A further fact for the placeholders, e.g. --fact first_name=Ada.", valueName: "name=value"))
    var facts: [String] = []

    @Option(help: ArgumentHelp("A recommendations file (TOML) to use instead of the user's.", valueName: "file"))
    var templates: String?

    @OptionGroup var modelOptions: ModelOptions
    @OptionGroup var workspace: WorkspaceOptions

    @Flag(help: "Print JSON on stdout instead of text.")
    var json = false

    mutating func run() throws {
        let command = self
        try CommandLineErrors.guarded { try command.execute() }
    }

    enum ScriptKind: String, ExpressibleByArgument, CaseIterable {
        case call, email
        var generated: GeneratedScript.Kind { self == .call ? .call : .email }
    }

    struct Report: Encodable {
        var customerID: String
        var modelVersion: Int
        var probability: Double
        var tier: String
        var driver: String
        var driverTitle: String
        var reasons: [String]
        var script: GeneratedScript
    }

    /// The `--fact` arguments as a dictionary, with a usage error for a malformed one.
    static func parseFacts(_ facts: [String]) throws -> [String: String] {
        var out: [String: String] = [:]
        for fact in facts {
            guard let eq = fact.firstIndex(of: "=") else { throw UsageError(message: "--fact \(fact): expected name=value, e.g. first_name=Ada") }
            let name = fact[..<eq].trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                throw UsageError(message: "--fact \(fact): the name must be letters, digits and underscores")
            }
            out[name] = String(fact[fact.index(after: eq)...])
        }
        return out
    }

    private func execute() throws {
        var extra = try Self.parseFacts(facts)
        if extra["agent_name"] == nil { extra["agent_name"] = agent ?? LoginName.current() }
        let set = try templates.map { try RecommendationTemplateFile.load(path: $0) } ?? RecommendationTemplateFile.load()
        let c = try ExplainedCustomer.open(workspace: workspace, modelOptions: modelOptions, customerID: customer)
        let explainer = c.context.explainer
        let explanation = try explainer.explain(c.rows([c.rawRow]), row: 0, reference: c.context.reference, customerID: c.customerID, top: 5)
        let driver = try RiskDriverSegments.dominantDrivers(featureNames: explainer.featureNames, contributions: [explanation.contributions])[0]
        let reasons = explanation.factors.filter { $0.contribution > 0 }.prefix(3).map(\.sentence)
        let facts = CustomerFacts(customerID: c.customerID, risk: c.probability, value: finite(c.value), tier: c.tier, driver: driver.driver,
                                  reasons: reasons, featureNames: c.matrix.names, featureValues: c.rawRow, extra: extra)
        let script = CallScript.generate(kind.generated, for: facts, templates: set)
        if !script.missing.isEmpty {
            Console.error("Note: no value for " + script.missing.map { "{\($0)}" }.joined(separator: ", ") + "; left as written (add --fact name=value)")
        }
        let report = Report(customerID: c.customerID, modelVersion: c.scored.model.version, probability: c.probability, tier: c.tier,
                            driver: driver.driver.rawValue, driverTitle: driver.driver.title, reasons: reasons, script: script)
        if json {
            Console.out(try JSONOutput.encode(report))
            return
        }
        var lines = ["Customer \(c.customerID): churn probability \(String(format: "%.3f", c.probability)) (\(c.tier)); main driver: \(driver.driver.title)",
                     "Recommended action: \(script.action)"]
        if !reasons.isEmpty { lines.append("Why: " + reasons.joined(separator: "; ")) }
        lines.append("")
        if let subject = script.subject { lines.append("Subject: \(subject)"); lines.append("") }
        lines.append(script.body)
        Console.out(lines.joined(separator: "\n"))
    }
}
