import ChurnKit
import XCTest
@testable import ChurnTUI

/// Once the features load, the High-risk table gains the activity column (tenure for a customer table,
/// days since the last purchase for a transaction log), shown and sortable.
final class ActivityColumnTests: XCTestCase {
    func testTenureColumnOfACustomerTable() throws {
        let fixture = try AnalysisFixture.load(.subscription)
        var state = fixture.state(TerminalSize(width: 100, height: 30), tab: .highRisk)
        XCTAssertEqual(state.highRisk?.columns, [.id, .risk, .tier, .activity, .reason])
        let tenure = try XCTUnwrap(fixture.analysis.population.features.feature(named: "tenure_months")).values
        XCTAssertEqual(state.data?.customers.activity, tenure, "joined row for row")
        let header = render(state, size: state.size).textLines()[2]
        XCTAssertTrue(header.contains("Tenure mo"), header)

        state = reduce(state, .sortBy(.activity))
        let table = try XCTUnwrap(state.highRisk)
        let shown = (0..<50).map { tenure[table.customer(atRow: $0)] }
        XCTAssertEqual(shown, shown.sorted(by: >), "largest first")
        XCTAssertEqual(shown.first, tenure.max())
        state = reduce(state, .reverseSort)
        XCTAssertEqual(tenure[try XCTUnwrap(state.highRisk).customer(atRow: 0)], tenure.min())
    }

    func testDaysIdleColumnOfATransactionLog() throws {
        let fixture = try AnalysisFixture.load(.retail)
        let state = fixture.state(TerminalSize(width: 100, height: 30), tab: .highRisk)
        XCTAssertTrue(state.highRisk?.columns.contains(.activity) == true)
        XCTAssertEqual(state.data?.customers.activityTitle, "Days idle")
        let idle = try XCTUnwrap(fixture.analysis.population.features.feature(named: "days_since_last_purchase")).values
        XCTAssertEqual(state.data?.customers.activity, idle)
    }
}
