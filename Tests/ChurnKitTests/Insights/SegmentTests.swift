import Foundation
import XCTest
@testable import ChurnKit

/// Saved segments in a workspace, and side-by-side comparison worked out by hand.
final class SegmentTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("churn-segments-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func workspace(user: String = "ann") throws -> Workspace {
        try Workspace(path: folder.appendingPathComponent("workspace.sqlite").path, user: user)
    }

    ///     id  risk  value  tenure  contract  score
    ///     a   0.9   100    2       M         1
    ///     b   0.8   50     4       M         1
    ///     c   0.6   200    6       M         1
    ///     d   0.2   10     30      O         1
    ///     e   0.1   20     40      T         1
    ///     f   0.3   30     50      O         1
    private func table() throws -> CustomerTable {
        try CustomerTable(customerIDs: ["a", "b", "c", "d", "e", "f"], fields: [
            .number("risk", [0.9, 0.8, 0.6, 0.2, 0.1, 0.3]),
            .number("value", [100, 50, 200, 10, 20, 30]),
            .number("tenure", [2, 4, 6, 30, 40, 50]),
            .text("contract", ["M", "M", "M", "O", "T", "O"]),
            .number("score", [1, 1, 1, 1, 1, 1]),
        ])
    }

    func testSaveListFindDeleteRoundTrip() throws {
        let store = try workspace()
        let saved = try store.saveSegment(name: " risky monthly ", expression: #"risk > 0.5 and contract == "M""#,
                                          description: "for the spring campaign")
        XCTAssertEqual(saved.name, "risky monthly")
        XCTAssertEqual(saved.createdBy, "ann")
        try store.saveSegment(name: "calm", expression: "risk <= 0.5")

        // A second process (another user) sees both, ordered by name.
        let other = try workspace(user: "bob")
        let listed = try other.segments()
        XCTAssertEqual(listed.map(\.name), ["calm", "risky monthly"])
        XCTAssertEqual(listed[1].expression, #"risk > 0.5 and contract == "M""#)
        XCTAssertEqual(listed[1].description, "for the spring campaign")
        XCTAssertEqual(listed[1].id, saved.id)
        XCTAssertEqual(listed[1].createdAt.timeIntervalSince1970, saved.createdAt.timeIntervalSince1970, accuracy: 0.01)
        XCTAssertEqual(try other.segment(named: "calm")?.createdBy, "ann")
        XCTAssertNil(try other.segment(named: "nothing"))

        XCTAssertThrowsError(try other.saveSegment(name: "calm", expression: "risk < 0.1")) { error in
            XCTAssertEqual(error as? SegmentError, .duplicateName("calm"))
            XCTAssertEqual((error as? SegmentError)?.message,
                           #"a segment named "calm" already exists; choose another name or delete the old one first."#)
        }
        XCTAssertThrowsError(try other.saveSegment(name: "broken", expression: "risk >")) { error in
            XCTAssertEqual((error as? FilterError)?.message, "column 7: expected a value after '>'")
        }
        XCTAssertThrowsError(try other.saveSegment(name: "  ", expression: "risk > 0.1")) { error in
            XCTAssertEqual(error as? SegmentError, .emptyName)
        }

        try other.deleteSegment(named: "calm")
        XCTAssertEqual(try store.segments().map(\.name), ["risky monthly"])
        XCTAssertThrowsError(try store.deleteSegment(named: "risky montly")) { error in
            XCTAssertEqual((error as? SegmentError)?.message,
                           #"there is no saved segment named "risky montly"; did you mean "risky monthly"?"#)
        }
        // Quotes in names and expressions are data, never SQL.
        let tricky = "x'); DROP TABLE segments; --"
        try store.saveSegment(name: tricky, expression: #"contract == "it's""#)
        XCTAssertEqual(try store.segment(named: tricky)?.expression, #"contract == "it's""#)
        XCTAssertEqual(try store.segments().count, 2)
    }

    func testCompareTwoSegmentsByHand() throws {
        let table = try table()
        let high = try CustomerFilter("risk > 0.5").evaluate(on: table)
        let low = try CustomerFilter("risk <= 0.5").evaluate(on: table)
        let c = SegmentComparison(first: ("high", high), second: ("low", low), table: table, top: 3)

        XCTAssertEqual(c.first.customers, 3)
        XCTAssertEqual(c.first.share, 0.5)
        XCTAssertEqual(c.first.meanRisk ?? -1, (0.9 + 0.8 + 0.6) / 3, accuracy: 1e-12)
        XCTAssertEqual(c.first.totalValue, 350)
        XCTAssertEqual(c.first.valueAtRisk ?? -1, 90 + 40 + 120, accuracy: 1e-9)
        XCTAssertEqual(c.second.meanRisk ?? -1, 0.2, accuracy: 1e-12)
        XCTAssertEqual(c.second.valueAtRisk ?? -1, 2 + 2 + 9, accuracy: 1e-9)
        XCTAssertEqual(c.overlap, 0)

        // contract M: share 1 vs 0 and no spread on either side: perfectly separating.
        // tenure: means 4 and 40, sample variances 4 and 100: (4 - 40) / sqrt(52) = -4.99230.
        // contract O: shares 0 and 2/3, variances 0 and (2/3)(1/3)(3/2) = 1/3: -(2/3) / sqrt(1/6) = -1.63299.
        // (contract T: -(1/3) / sqrt(1/6) = -0.81650 is fourth; score is equal and left out; risk and value are profiles.)
        XCTAssertEqual(c.differences.map(\.field), [#"contract == "M""#, "tenure", #"contract == "O""#])
        XCTAssertEqual(c.differences[0].standardizedDifference, .infinity)
        XCTAssertEqual(c.differences[1].standardizedDifference, -4.992302, accuracy: 1e-6)
        XCTAssertEqual(c.differences[1].firstMean, 4)
        XCTAssertEqual(c.differences[1].secondMean, 40)
        XCTAssertEqual(c.differences[2].standardizedDifference, -1.632993, accuracy: 1e-6)

        let all = SegmentComparison(first: ("high", high), second: ("low", low), table: table, top: 10)
        XCTAssertEqual(all.differences.count, 4)
        XCTAssertEqual(all.differences[3].standardizedDifference, -0.816497, accuracy: 1e-6)

        // JSON: the infinite difference becomes null and comes back as +infinity.
        let data = try JSONEncoder().encode(c)
        XCTAssertTrue(String(decoding: data, as: UTF8.self).contains(#""standardizedDifference":null"#))
        XCTAssertEqual(try JSONDecoder().decode(SegmentComparison.self, from: data), c)
    }

    func testSavedSegmentsEvaluateAndCompareOverATable() throws {
        let store = try workspace()
        let risky = try store.saveSegment(name: "risky", expression: "risk > 0.5")
        let valuable = try store.saveSegment(name: "valuable", expression: "value >= 50")
        let table = try table()
        XCTAssertEqual(try table.rows(in: risky).indices, [0, 1, 2])
        let c = try table.compare(risky, valuable)
        XCTAssertEqual(c.first.name, "risky")
        XCTAssertEqual(c.second.customers, 3)
        XCTAssertEqual(c.overlap, 3)
        XCTAssertTrue(c.differences.isEmpty)

        let stale = try store.saveSegment(name: "stale", expression: "late_payments > 2")
        XCTAssertThrowsError(try table.rows(in: stale)) { error in
            XCTAssertEqual((error as? FilterError)?.column, 1)
        }
    }
}
