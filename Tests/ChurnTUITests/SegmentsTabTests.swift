import ChurnKit
import Foundation
import XCTest
@testable import ChurnTUI

/// The Segments tab on a real trained workspace: cards from driver segments, clusters and saved
/// segments, members, the builder with save through the effect runner, and comparison.
final class SegmentsTabTests: XCTestCase {
    private func press(_ keys: [Key], _ state: AppState) -> AppState { keys.reduce(state) { reduce($0, .key($1)) } }
    private func chars(_ text: String) -> [Key] { text.map { .char($0) } }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var work: (SegmentsWork.Drivers, [DiscoveredSegment])?

    /// Driver segments and clusters of the fixture, computed once.
    private func loadedWork(_ fixture: AnalysisFixture.Loaded) throws -> (SegmentsWork.Drivers, [DiscoveredSegment]) {
        Self.lock.lock()
        defer { Self.lock.unlock() }
        if let work = Self.work { return work }
        let work = (try SegmentsWork.drivers(fixture.analysis), try SegmentsWork.clusters(fixture.analysis))
        Self.work = work
        return work
    }

    /// The tab with its background work done (as the runner would post it).
    private func loadedState(_ size: TerminalSize, saved: [SavedSegment] = [], ascii: Bool = false) throws -> AppState {
        let fixture = try AnalysisFixture.load(.subscription)
        let (drivers, clusters) = try loadedWork(fixture)
        var state = fixture.state(size, tab: .overview)
        if ascii { state.glyphs = .ascii }
        state = reduce(state, .selectTab(.segments))
        XCTAssertEqual(state.effects, [.segments(.loadDrivers), .segments(.loadSaved), .segments(.discover)])
        state.effects.removeAll()
        state = reduce(state, .segments(.driversLoaded(Shared(drivers))))
        state = reduce(state, .segments(.clustersLoaded(Shared(clusters))))
        state = reduce(state, .segments(.savedLoaded(saved)))
        return state
    }

    private func savedSample() -> [SavedSegment] {
        [SavedSegment(id: 1, name: "month-to-month at risk", expression: "risk > 0.5 and `contract=Month-to-month` == 1",
                      description: "", createdBy: "tester", createdAt: Date(timeIntervalSince1970: 0))]
    }

    func testCardsMatchTheLibrarysSegments() throws {
        let fixture = try AnalysisFixture.load(.subscription)
        let (drivers, clusters) = try loadedWork(fixture)
        let state = try loadedState(TerminalSize(width: 100, height: 30), saved: savedSample())
        let cards = state.segments.cards
        XCTAssertEqual(cards.count, drivers.segments.count + 1 + clusters.count)
        for (card, segment) in zip(cards, drivers.segments) {
            XCTAssertEqual(card.count, segment.count)
            XCTAssertEqual(card.valueAtRisk, segment.valueAtRisk)
            XCTAssertEqual(card.action, segment.recommendedAction)
        }
        // The saved card: rows and profile straight from the filter.
        let table = fixture.analysis.population.table
        let rows = try CustomerFilter(savedSample()[0].expression).evaluate(on: table)
        let saved = cards[drivers.segments.count]
        XCTAssertEqual(saved.rows.value, rows.indices)
        let risk = try XCTUnwrap(table.numbers(named: "risk")), value = try XCTUnwrap(table.numbers(named: "value"))
        XCTAssertEqual(try XCTUnwrap(saved.meanRisk), rows.indices.reduce(0.0) { $0 + risk[$1] } / Double(rows.count), accuracy: 1e-9)
        XCTAssertEqual(try XCTUnwrap(saved.valueAtRisk), rows.indices.reduce(0.0) { $0 + risk[$1] * value[$1] }, accuracy: 1e-6)
        XCTAssertNotNil(saved.action, "the most common driver among its members gives the action")
    }

    func testSnapshotsAtThreeSizes() throws {
        for (w, h) in [(100, 30), (80, 24), (40, 12)] {
            let size = TerminalSize(width: w, height: h)
            let state = try loadedState(size, saved: savedSample())
            assertSnapshot(render(state, size: size), named: "segments-\(w)x\(h)")
        }
        let size = TerminalSize(width: 80, height: 24)
        let ascii = try loadedState(size, saved: savedSample(), ascii: true)
        assertSnapshot(render(ascii, size: size), named: "segments-80x24-ascii")
        let members = press([.char("l"), .enter], try loadedState(size))
        assertSnapshot(render(members, size: size), named: "segments-80x24-members")
    }

    func testMembersOpenTheCustomerAndExport() throws {
        let fixture = try AnalysisFixture.load(.subscription)
        var state = press([.enter], try loadedState(TerminalSize(width: 100, height: 30)))
        guard case .members(let card, let order, 0, 0) = state.segments.mode else { return XCTFail("\(state.segments.mode)") }
        XCTAssertEqual(Set(order.value), Set(card.rows.value))
        let p = fixture.data.customers.probabilities
        XCTAssertTrue(zip(order.value, order.value.dropFirst()).allSatisfy { p[$0.0] >= p[$0.1] }, "riskiest first")
        state = press([.char("e")], state)
        guard case .segments(.export(let request))? = state.effects.last else { return XCTFail("\(state.effects)") }
        XCTAssertEqual(request.rows.value.map(Int.init), order.value)
        XCTAssertNil(request.path)
        state = press([.down, .enter], state)
        XCTAssertEqual(state.tab, .customer)
        XCTAssertEqual(state.customer.customerID, fixture.data.customers.ids[order.value[1]])
        state = press([.escape], state)
        XCTAssertEqual(state.tab, .segments)
        state = press([.escape], state)
        XCTAssertEqual(state.segments.mode, .cards, "Esc leaves the member list first")
    }

    func testBuilderShowsCountAndErrorsThenSavesThroughTheRunner() throws {
        let fixture = try AnalysisFixture.load(.subscription)
        let size = TerminalSize(width: 100, height: 30)
        let name = "late payers \(UUID().uuidString.prefix(8))"
        defer { try? fixture.workspace.deleteSegment(named: name) }
        var state = press([.char("n")] + chars("risk > 0.6 and late_paymnts >= 2"), try loadedState(size))
        guard case .invalid(let error) = state.segments.builderPreview else { return XCTFail("\(state.segments.builderPreview)") }
        XCTAssertEqual(error.column, 16)
        XCTAssertEqual(Array(render(state, size: size).textLines()[2]).firstIndex(of: "^"), 14 + 15)
        state = press([.ctrl("w"), .ctrl("w"), .ctrl("w")] + chars("late_payments >= 2"), state)
        let expression = "risk > 0.6 and late_payments >= 2"
        XCTAssertEqual(state.segments.builder?.text, expression)
        let expected = try CustomerFilter(expression).evaluate(on: fixture.analysis.population.table)
        XCTAssertEqual(state.segments.builderPreview, .matches(expected.count, warning: nil))
        state = press([.enter] + chars(name) + [.enter], state)
        XCTAssertEqual(state.effects.last, .segments(.save(name: name, expression: expression)))

        let queue = ActionQueue()
        let runner = EffectRunner(workspace: fixture.workspace, queue: queue)
        runner.perform(.segments(.save(name: name, expression: expression)), state: state)
        let posted = queue.drain()
        guard case .segments(.segmentSaved(let saved))? = posted.first else { return XCTFail("\(posted)") }
        XCTAssertEqual(saved.name, name)
        state = reduce(state, posted[0])
        let card = try XCTUnwrap(state.segments.selectedCard)
        XCTAssertEqual(card.title, name)
        XCTAssertEqual(card.rows.value, expected.indices)
        XCTAssertEqual(state.message, "saved segment \"\(name)\": \(NumberText.count(expected.count)) customers")

        // Reloading from the store gives the same segment; saving the name again is refused.
        runner.perform(.segments(.loadSaved), state: state)
        guard case .segments(.savedLoaded(let list))? = queue.drain().first else { return XCTFail("no list") }
        XCTAssertEqual(list.first { $0.name == name }?.expression, expression)
        runner.perform(.segments(.save(name: name, expression: "risk > 0.1")), state: state)
        guard case .segments(.saveFailed(let why))? = queue.drain().first else { return XCTFail("duplicate saved") }
        XCTAssertTrue(why.contains("already exists"), why)
    }

    func testCompareTwoSegments() throws {
        let fixture = try AnalysisFixture.load(.subscription)
        var state = press([.char("c"), .char("l"), .char("c")], try loadedState(TerminalSize(width: 100, height: 30)))
        guard case .compare(let a, let b) = state.segments.mode, case .segments(.compare(a, b))? = state.effects.last else {
            return XCTFail("\(state.segments.mode) \(state.effects)")
        }
        let comparison = SegmentsWork.compare(a, b, table: fixture.analysis.population.table)
        XCTAssertEqual(comparison.first.customers, a.count)
        XCTAssertEqual(comparison.overlap, Set(a.rows.value).intersection(b.rows.value).count)
        state = reduce(state, .segments(.compared(Shared(comparison))))
        let text = render(state, size: TerminalSize(width: 100, height: 30)).textLines().joined(separator: "\n")
        XCTAssertTrue(text.contains("Largest differences"), text)
        XCTAssertTrue(text.contains(NumberText.count(a.count)), text)
        state = press([.escape], state)
        XCTAssertEqual(state.segments.mode, .cards)
    }
}
