import XCTest
@testable import ChurnKit

/// Recommendation templates: the override file format and its errors, placeholders and generated scripts.
final class RecommendationTests: XCTestCase {
    func testOverrideFileChangesOnlyWhatItNames() throws {
        let text = """
            # My team's wording
            [long_absence]
            action = "Call within 3 days with a 15% voucher"   # short and clear
            call_script = \"\"\"
            Hi, {agent_name} here about account {customer_id}.
            It has been {days_since_last_purchase} days.\"\"\"

            [payment_issues]
            email_subject = 'C:\\path {customer_id}'
            """
        // Note: literal strings have no escapes, so the subject above keeps its backslash.
        let t = try RecommendationTemplateFile.apply(text, source: "rec.toml", to: .standard)
        let absence = t.template(for: .longAbsence)
        XCTAssertEqual(absence.action, "Call within 3 days with a 15% voucher")
        XCTAssertEqual(absence.callScript, "Hi, {agent_name} here about account {customer_id}.\nIt has been {days_since_last_purchase} days.")
        XCTAssertEqual(absence.emailBody, RecommendationTemplates.standard.template(for: .longAbsence).emailBody)
        XCTAssertEqual(t.template(for: .paymentIssues).emailSubject, "C:\\path {customer_id}")
        XCTAssertEqual(t.template(for: .supportBurden), RecommendationTemplates.standard.template(for: .supportBurden))
    }

    func testBasicStringEscapesAndCRLF() throws {
        let text = "[other]\r\naction = \"Tab\\there \\\"quoted\\\" \\u00e9\"\r\n"
        let t = try RecommendationTemplateFile.apply(text, source: "r.toml", to: .standard)
        XCTAssertEqual(t.template(for: .other).action, "Tab\there \"quoted\" é")
    }

    func assertError(_ text: String, contains expected: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try RecommendationTemplateFile.apply(text, source: "rec.toml", to: .standard), file: file, line: line) { error in
            let message = (error as? RecommendationTemplateError)?.message ?? "\(error)"
            XCTAssertTrue(message.contains(expected), message, file: file, line: line)
        }
    }

    func testErrorsNameLineColumnAndSuggest() {
        assertError("[long_absense]\n", contains: "rec.toml line 1, column 2: unknown driver 'long_absense', did you mean 'long_absence'?")
        assertError("[other]\nactoin = \"x\"\n", contains: "line 2, column 1: unknown field 'actoin', did you mean 'action'?")
        assertError("action = \"x\"\n", contains: "line 1, column 1: 'action' comes before any [driver] section")
        assertError("[other]\naction = x\n", contains: "line 2, column 10: expected a quoted string")
        assertError("[other]\naction = \"open\n", contains: "line 2, column 15: the string is not closed")
        assertError("[other]\n\ncall_script = \"\"\"\nnever closed\n", contains: "line 3: the string opened here is never closed")
        assertError("[other]\naction = \"x\" extra\n", contains: "line 2, column 14: unexpected 'e'")
        assertError("[other]\naction = \"a\"\naction = \"b\"\n", contains: "line 3, column 1: 'action' is set twice")
        assertError("[other]\naction = \"Hi {customer_id\"\n", contains: "line 2, column 10: a '{' is never closed")
        assertError("[other]\naction = \"bad \\q\"\n", contains: "unknown escape '\\q'")
    }

    func testLoadFromXDGConfigHomeAndMissingFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("churn-rec-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("churn"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let env = ["XDG_CONFIG_HOME": dir.path, "HOME": "/nonexistent"]
        XCTAssertEqual(RecommendationTemplateFile.path(environment: env), dir.path + "/churn/recommendations.toml")
        XCTAssertEqual(try RecommendationTemplateFile.load(environment: env), .standard)
        try "[price]\naction = \"Offer 10% off\"\n".write(toFile: dir.path + "/churn/recommendations.toml", atomically: true, encoding: .utf8)
        XCTAssertEqual(try RecommendationTemplateFile.load(environment: env).template(for: .price).action, "Offer 10% off")
        XCTAssertEqual(RecommendationTemplateFile.path(environment: ["HOME": "/home/ann"]), "/home/ann/.config/churn/recommendations.toml")
    }

    func testPlaceholderFilling() {
        let facts: [String: String] = ["a": "1", "name": "Ann"]
        let r = RecommendationPlaceholders.fill("{name} has {a} {{literal}} and {unknown} }} { name }") { facts[$0] }
        XCTAssertEqual(r.text, "Ann has 1 {literal} and {unknown} } Ann")
        XCTAssertEqual(r.missing, ["unknown"])
        XCTAssertEqual(RecommendationPlaceholders.fill("open { brace") { facts[$0] }.text, "open { brace")
        XCTAssertNil(RecommendationPlaceholders.syntaxProblem(in: "{a} {{x}} {contract=Month-to-month}"))
        XCTAssertNotNil(RecommendationPlaceholders.syntaxProblem(in: "a } b"))
        XCTAssertNotNil(RecommendationPlaceholders.syntaxProblem(in: "{}"))
        XCTAssertEqual(RecommendationPlaceholders.format(78), "78")
        XCTAssertEqual(RecommendationPlaceholders.format(3.14159), "3.14")
        XCTAssertEqual(RecommendationPlaceholders.format(2.5), "2.5")
        XCTAssertNil(RecommendationPlaceholders.format(.nan))
    }

    func testScriptsFillTheCustomersOwnFacts() {
        let facts = CustomerFacts(customerID: "C00042", risk: 0.783, value: 1234.5, tier: "high", driver: .longAbsence,
                                  reasons: ["No purchase for 78 days, 3.1x their usual gap", "Spend fell 40%"],
                                  featureNames: ["days_since_last_purchase", "spend_trend_90d"], featureValues: [78, -0.4],
                                  extra: ["agent_name": "Sam"])
        var templates = RecommendationTemplates.standard
        templates.set(RecommendationTemplate(action: "Call {customer_id} ({risk_percent}, {risk_tier})",
                                             callScript: "{agent_name}: {top_reason}. Away {days_since_last_purchase} days; trend {spend_trend_90d}; worth {value}. {first_name}",
                                             emailSubject: "Hello {customer_id}", emailBody: "{reasons} / {driver} / {action}"),
                      for: .longAbsence)
        let call = CallScript.generate(.call, for: facts, templates: templates)
        XCTAssertEqual(call.action, "Call C00042 (78%, high)")
        XCTAssertEqual(call.body, "Sam: No purchase for 78 days, 3.1x their usual gap. Away 78 days; trend -0.4; worth 1,234.50. {first_name}")
        XCTAssertEqual(call.missing, ["first_name"])
        XCTAssertNil(call.subject)
        let mail = CallScript.generate(.email, for: facts, templates: templates)
        XCTAssertEqual(mail.subject, "Hello C00042")
        XCTAssertEqual(mail.body, "No purchase for 78 days, 3.1x their usual gap; Spend fell 40% / long absence / Call C00042 (78%, high)")
        XCTAssertEqual(mail.missing, [])
    }

    /// Writing a template set and reading it back gives the same set, awkward characters included.
    func testWrittenFileReadsBackUnchanged() throws {
        let standardText = RecommendationTemplateFile.text(for: .standard)
        XCTAssertEqual(try RecommendationTemplateFile.apply(standardText, source: "x", to: RecommendationTemplates(byDriver: [:])),
                       .standard)
        var odd = RecommendationTemplates.standard
        odd.set(RecommendationTemplate(action: "Quote \" and backslash \\ and tab\t",
                                       callScript: "\nstarts with a newline\r\nCRLF inside\n\"\"\" triple quotes\n",
                                       emailSubject: "'single' {{braces}}", emailBody: "ends with quotes \"\""),
                for: .price)
        XCTAssertEqual(try RecommendationTemplateFile.apply(RecommendationTemplateFile.text(for: odd), source: "x", to: .standard), odd)
    }

    func testBuiltInTemplatesAreWellFormedAndFillForSampleFeatures() {
        for driver in RiskDriver.allCases {
            let t = RecommendationTemplates.standard.template(for: driver)
            for text in [t.action, t.callScript, t.emailSubject, t.emailBody] {
                XCTAssertNil(RecommendationPlaceholders.syntaxProblem(in: text), "\(driver): \(text)")
                XCTAssertFalse(text.isEmpty)
            }
            let facts = CustomerFacts(customerID: "X1", risk: 0.5, driver: driver,
                                      featureNames: ["days_since_last_purchase", "late_payments", "support_tickets"],
                                      featureValues: [40, 3, 5], extra: ["agent_name": "Sam"])
            XCTAssertEqual(CallScript.generate(.call, for: facts).missing, [], "\(driver)")
            XCTAssertEqual(CallScript.generate(.email, for: facts).missing, [], "\(driver)")
        }
    }
}
