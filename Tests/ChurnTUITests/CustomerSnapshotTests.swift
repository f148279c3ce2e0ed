import ChurnKit
import XCTest
@testable import ChurnTUI

/// The Customer tab rendered off-screen at several sizes, compared with reviewed snapshots.
final class CustomerSnapshotTests: XCTestCase {
    private let sizes = [(100, 30), (80, 24), (40, 12)]

    /// A fixed note history, so snapshots do not depend on the clock.
    private func withNotes(_ state: AppState, customer: String) -> AppState {
        let t0 = Date(timeIntervalSince1970: 1_700_000_000)
        let notes = [
            CustomerNote(id: 1, customerID: customer, author: "alice", body: "Called, no answer", supersedesID: nil, createdAt: t0),
            CustomerNote(id: 2, customerID: customer, author: "bob", body: "Asked about cheaper plans; call back in June",
                         supersedesID: nil, createdAt: t0.addingTimeInterval(3600)),
            CustomerNote(id: 3, customerID: customer, author: "alice", body: "Called twice, no answer", supersedesID: 1,
                         createdAt: t0.addingTimeInterval(7200)),
        ]
        return reduce(state, .customer(.notesLoaded(customerID: customer, notes: notes)))
    }

    func testSubscriptionCustomerAtSeveralSizes() throws {
        let fixture = try AnalysisFixture.load()
        for (w, h) in sizes {
            let size = TerminalSize(width: w, height: h)
            var state = reduce(fixture.state(size, tab: .customer), .openCustomer("S00042"))
            state = withNotes(state, customer: "S00042")
            assertSnapshot(render(state, size: size), named: "customer-subscription-\(w)x\(h)")
        }
    }

    func testSubscriptionCustomerScrolledToTheEndWithTheEmail() throws {
        let fixture = try AnalysisFixture.load()
        let size = TerminalSize(width: 80, height: 24)
        var state = reduce(fixture.state(size, tab: .customer), .openCustomer("S00042"))
        state = withNotes(state, customer: "S00042")
        state = [Key.char("s"), .char("G")].reduce(state) { reduce($0, .key($1)) }
        assertSnapshot(render(state, size: size), named: "customer-subscription-80x24-email-end")
    }

    func testRetailCustomerWithSpendAndPAliveAtSeveralSizes() throws {
        let fixture = try AnalysisFixture.load(.retail)
        let history = try CustomerHistory.build(loaded: fixture.analysis.population.loaded,
                                                horizonDays: fixture.analysis.record.horizonDays)
        for (w, h) in sizes {
            let size = TerminalSize(width: w, height: h)
            var state = fixture.state(size, tab: .customer)
            state = reduce(state, .customer(.historyLoaded(Shared(history))))
            state = reduce(state, .openCustomer("C00022"))
            state = reduce(state, .customer(.notesLoaded(customerID: "C00022", notes: [])))
            assertSnapshot(render(state, size: size), named: "customer-retail-\(w)x\(h)")
        }
    }

    func testRetailASCIIWhileTheHistoryIsComputing() throws {
        let fixture = try AnalysisFixture.load(.retail)
        let size = TerminalSize(width: 80, height: 24)
        var state = AppState.workspace(fixture.data, threshold: fixture.threshold, size: size, user: "tester", glyphs: .ascii,
                                       asciiOnly: true)
        state = reduce(state, .analysisLoaded(Shared(fixture.analysis)))
        state = reduce(state, .openCustomer("C00022"))
        assertSnapshot(render(state, size: size), named: "customer-retail-80x24-ascii-computing")
        XCTAssertTrue(render(state, size: size).textLines().allSatisfy { $0.allSatisfy(\.isASCII) }, "ASCII only")
    }

    func testSearchSuggestionsAndTheEmptyTab() throws {
        let fixture = try AnalysisFixture.load()
        for (w, h) in [(100, 30), (40, 12)] {
            let size = TerminalSize(width: w, height: h)
            var state = fixture.state(size, tab: .customer)
            assertSnapshot(render(state, size: size), named: "customer-empty-\(w)x\(h)")
            state = "/S0004".reduce(state) { reduce($0, .key(.char($1))) }
            state = reduce(state, .key(.down))
            assertSnapshot(render(state, size: size), named: "customer-search-\(w)x\(h)")
        }
    }

    func testNoteBeingTypedAndTinySizesDoNotCrash() throws {
        let fixture = try AnalysisFixture.load()
        let size = TerminalSize(width: 80, height: 24)
        var state = reduce(fixture.state(size, tab: .customer), .openCustomer("S00042"))
        state = reduce(state, .customer(.notesLoaded(customerID: "S00042", notes: [])))
        state = "nPromised a callback".reduce(state) { reduce($0, .key(.char($1))) }
        assertSnapshot(render(state, size: size), named: "customer-subscription-80x24-typing-note")
        for (w, h) in [(20, 6), (40, 10), (41, 11), (1, 1), (99, 7), (100, 10)] {
            let small = TerminalSize(width: w, height: h)
            let resized = reduce(state, .resize(small))
            _ = render(resized, size: small)
            _ = render(reduce(resized, .scroll(.bottom)), size: small)
        }
    }

    func testBeforeTheAnalysisLoadsTheStoredScoresShow() throws {
        let fixture = try AnalysisFixture.load()
        let size = TerminalSize(width: 80, height: 24)
        var state = AppState.workspace(fixture.data, threshold: fixture.threshold, size: size, user: "tester")
        state = reduce(state, .openCustomer("S00042"))
        let screen = render(state, size: size).textLines().joined(separator: "\n")
        XCTAssertTrue(screen.contains("Churn risk"), screen)
        XCTAssertTrue(screen.contains("Loading the customers' features"), screen)
        // When the analysis arrives, the open customer is explained.
        state = reduce(state, .analysisLoaded(Shared(fixture.analysis)))
        XCTAssertNotNil(state.customer.sheet?.explanation)
    }
}
