import ChurnKit
import Foundation
import XCTest
@testable import ChurnTUI

/// The High-risk filter language, score ranges, Enter opening the customer, and the CSV export, on
/// a real trained and scored workspace. Expected rows come from `CustomerFilter` run directly.
final class HighRiskFilterExportTests: XCTestCase {
    private let size = TerminalSize(width: 100, height: 30)

    private func press(_ keys: [Key], _ state: AppState) -> AppState { keys.reduce(state) { reduce($0, .key($1)) } }
    private func chars(_ text: String) -> [Key] { text.map { .char($0) } }
    private func table(_ state: AppState) throws -> HighRiskState { try XCTUnwrap(state.highRisk) }

    func testTypingShowsTheLiveCountAndEnterFiltersToExactlyTheSelectedRows() throws {
        let fixture = try AnalysisFixture.load(.subscription)
        let expression = "risk > 0.5 and tenure_months < 12"
        let expected = try CustomerFilter(expression).evaluate(on: fixture.analysis.population.table)
        XCTAssertGreaterThan(expected.count, 0, "the fixture has such customers")
        XCTAssertLessThan(expected.count, fixture.data.customers.count)

        var state = press([.char("f")] + chars(expression), fixture.state(size, tab: .highRisk))
        XCTAssertEqual(try table(state).filterPreview, .matches(expected.count, warning: nil))
        let lines = render(state, size: size).textLines()
        XCTAssertTrue(lines[1].contains("filter: " + expression), lines[1])
        XCTAssertTrue(lines[2].contains("= \(NumberText.count(expected.count)) customers match"), lines[2])

        state = press([.enter], state)
        XCTAssertNil(try table(state).filterInput)
        let view = try table(state).viewOrder().map(Int.init)
        XCTAssertEqual(Set(view), Set(expected.indices), "the view holds exactly the rows the filter selects")
        XCTAssertEqual(view.count, expected.count)
        let p = fixture.data.customers.probabilities
        XCTAssertTrue(zip(view, view.dropFirst()).allSatisfy { p[$0.0] >= p[$0.1] }, "still riskiest first")

        // With the high-tier quick filter both apply; the live count then counts both.
        state = press([.char("H")], state)
        let tiers = fixture.data.customers.tiers
        let both = expected.indices.filter { tiers[$0] == .high }
        XCTAssertEqual(Set(try table(state).viewOrder().map(Int.init)), Set(both))
        state = press([.char("f"), .char(" ")], state)
        XCTAssertEqual(try table(state).filterPreview, .matches(both.count, warning: nil))
        // Esc cancels the edit and keeps the filter in force; an empty filter clears it.
        state = press([.escape], state)
        XCTAssertEqual(try table(state).expression?.text, expression)
        state = press([.char("f"), .ctrl("u"), .enter, .char("A")], state)
        XCTAssertNil(try table(state).expression)
        XCTAssertEqual(try table(state).rowCount, fixture.data.customers.count)
    }

    func testUnknownFieldShowsTheErrorUnderItsColumn() throws {
        let fixture = try AnalysisFixture.load(.subscription)
        let typed = "risk > 0.7 and tenur < 6"
        var state = press([.char("f")] + chars(typed), fixture.state(size, tab: .highRisk))
        guard case .invalid(let error) = try table(state).filterPreview else {
            return XCTFail("expected an error, got \(try table(state).filterPreview)")
        }
        XCTAssertEqual(error.column, 16, "'tenur' starts at character 16")
        XCTAssertTrue(error.detail.contains("unknown field 'tenur'"), error.detail)
        let lines = render(state, size: size).textLines()
        // The prompt " filter: " is 9 columns, so character 16 is at column 9 + 15 = 24.
        let caretLine = Array(lines[2])
        XCTAssertEqual(caretLine.firstIndex(of: "^"), 24, lines[2])
        XCTAssertEqual(Array(lines[1])[24], "t", "the caret is under the t of tenur")
        XCTAssertTrue(lines[2].contains("column 16: unknown field 'tenur'"), lines[2])
        // Enter keeps the prompt open and says what is wrong.
        state = press([.enter], state)
        XCTAssertNotNil(try table(state).filterInput)
        XCTAssertEqual(state.message, error.message)
        XCTAssertNil(try table(state).expression)
    }

    func testScoreRangeEnterOpensTheCustomerAndIShowsDetails() throws {
        let fixture = try AnalysisFixture.load(.subscription)
        var state = press([.char("r")], fixture.state(size, tab: .highRisk))
        let threshold = state.threshold
        XCTAssertEqual(try table(state).range, ScoreRange(lower: threshold, upper: 1, upperInclusive: true))
        let p = fixture.data.customers.probabilities
        XCTAssertEqual(try table(state).rowCount, p.filter { $0 >= threshold }.count)
        state = press([.char("R")], state)
        XCTAssertEqual(try table(state).range, .all)

        let top = try XCTUnwrap(try table(state).customerUnderCursor)
        let details = press([.char("i")], state)
        XCTAssertEqual(details.overlay, .detail)
        let opened = press([.enter], state)
        XCTAssertEqual(opened.tab, .customer)
        XCTAssertEqual(opened.customer.customerID, fixture.data.customers.ids[top])
        XCTAssertEqual(press([.enter], details).tab, .customer, "Enter in the details panel opens the customer too")
    }

    func testExportWritesTheFilteredSortedView() throws {
        let fixture = try AnalysisFixture.load(.subscription)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("churn-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("view.csv").path

        var state = press([.char("f")] + chars("risk > 0.3") + [.enter, .char(">"), .char("e")] + chars(path) + [.enter],
                          fixture.state(size, tab: .highRisk))
        guard case .highRisk(.export(let request))? = state.effects.last else {
            return XCTFail("expected an export effect, got \(state.effects)")
        }
        let view = try table(state).viewOrder()
        XCTAssertEqual(request.rows.value, view)
        XCTAssertEqual(request.path, path)
        let message = EffectRunner.runExport(request, customers: fixture.data.customers, now: Date())
        XCTAssertEqual(message, "exported \(NumberText.count(view.count)) customers to \(path)")

        let lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\r\n").filter { !$0.isEmpty }
        let c = fixture.data.customers
        XCTAssertEqual(lines.first, "customer_id,churn_probability,risk_tier" + (c.values == nil ? "" : ",customer_value")
                       + (c.hasReasons ? ",top_reason_1" : ""))
        XCTAssertEqual(lines.count - 1, view.count)
        for (line, i) in zip(lines.dropFirst(), view.map(Int.init)) {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            XCTAssertEqual(String(fields[0]), c.ids[i])
            XCTAssertEqual(Double(fields[1]) ?? -1, c.probabilities[i], accuracy: 5e-5)
            XCTAssertEqual(String(fields[2]), c.tiers[i].name)
        }
        // A second export to the same name is refused rather than replacing the file.
        XCTAssertTrue(EffectRunner.runExport(request, customers: c, now: Date()).hasPrefix("export failed: "))
        state = press([.char("E")], state)
        XCTAssertEqual(state.message, "no marked customers: Space marks the row under the cursor")
    }

    func testExportNeutralisesFormulaCellsAndNamesFilesByTime() throws {
        let customers = ScoredCustomers(ids: ["=cmd|' /C calc'!A0", "K2", "+K3"], probabilities: [0.9, 0.2, 0.5],
                                        tiers: [.high, .safe, .medium], reasonCodes: [0, -1, 1],
                                        reasonLevels: ["-late payments", "@support"], values: [10, .nan, 2.5])
        let text = try CustomerCSV.table(customers, rows: [2, 0]).text()
        XCTAssertEqual(text, "customer_id,churn_probability,risk_tier,customer_value,top_reason_1\r\n"
                       + "'+K3,0.5,medium,2.5,'@support\r\n"
                       + "'=cmd|' /C calc'!A0,0.9,high,10,'-late payments\r\n")
        let date = Date(timeIntervalSince1970: 1_700_000_000)  // 2023-11-14 22:13:20 UTC
        XCTAssertEqual(CustomerCSV.defaultFileName(date, timeZone: TimeZone(identifier: "UTC") ?? .current),
                       "churn-export-20231114-221320.csv")
        XCTAssertEqual(CustomerCSV.resolve("a/b.csv", in: "/tmp/x"), "/tmp/x/a/b.csv")
        XCTAssertEqual(CustomerCSV.resolve("/srv/c.csv", in: "/tmp/x"), "/srv/c.csv")
    }
}
