import ChurnKit
import Foundation
import XCTest
@testable import ChurnTUI

/// The Customer tab's widgets and data with answers worked out by hand or from the raw file.
final class CustomerWidgetTests: XCTestCase {
    private func text(_ line: StyledLine) -> String { line.spans.map(\.text).joined() }

    func testWaterfallBarsSpanTheRunningTotals() {
        // Start -1, +2, -0.5: running totals -1, 1, 0.5. Axis -1...1 over 11 columns: x(v) = round((v + 1) * 5),
        // so x(-1) = 0, x(0) = 5, x(0.5) = 8 (7.5 rounds up), x(1) = 10.
        let chart = ContributionWaterfall(startLabel: "a", start: -1, steps: [.init("b", 2), .init("c", -0.5)], endLabel: "d")
        XCTAssertEqual(chart.end, 0.5)
        let lines = chart.lines(width: 23, glyphs: .ascii).map(text)
        // Label 4 columns, value 6 right-aligned, spaces, then the 11 bar columns.
        XCTAssertEqual(lines, [
            "a     -1.00 ------     ",
            "b     +2.00 +++++++++++",
            "c     -0.50      |  ---",
            "d      0.50      ++++  ",
        ])
    }

    func testWaterfallMarksTheDirectionWithoutColourAndSurvivesNarrowWidths() {
        let chart = ContributionWaterfall(startLabel: "average", start: 0.2, steps: [.init("up", 0.3), .init("down", -0.1)],
                                          endLabel: "this")
        let unicode = chart.lines(width: 40, glyphs: .unicode)
        XCTAssertTrue(text(unicode[1]).contains("█"))
        XCTAssertTrue(text(unicode[2]).contains("▒"))
        XCTAssertEqual(unicode[1].spans.last { $0.text.contains("█") }?.style.role, .error, "raising steps in the error role")
        XCTAssertEqual(unicode[2].spans.last { $0.text.contains("▒") }?.style.role, .good, "lowering steps in the good role")
        for width in 0..<12 {
            let lines = chart.lines(width: width, glyphs: .ascii)
            XCTAssertEqual(lines.count, 4)
        }
        XCTAssertEqual(ContributionWaterfall(startLabel: "a", start: .nan, steps: [], endLabel: "b").lines(width: 30, glyphs: .ascii).count, 2)
    }

    func testSparklineLevelsAndEmptyMonths() {
        // level = ceil(8 v / top) - 1: 1 of 8 -> 0, 4 of 8 -> 3, 4.1 of 8 -> 4, 8 of 8 -> 7.
        XCTAssertEqual(SpendSparkline.level(1, top: 8), 0)
        XCTAssertEqual(SpendSparkline.level(4, top: 8), 3)
        XCTAssertEqual(SpendSparkline.level(4.1, top: 8), 4)
        XCTAssertEqual(SpendSparkline.level(8, top: 8), 7)
        XCTAssertEqual(text(SpendSparkline.line([0, 4, 8, 1], width: 10, glyphs: .ascii).line), " =@_")
        XCTAssertEqual(text(SpendSparkline.line([0, 4, 8, 1], width: 10, glyphs: .unicode).line), "·▄█▁")
        // Only the last `width` months, scaled to the largest of them.
        let last = SpendSparkline.line([100, 0, 2, 4], width: 2, glyphs: .ascii)
        XCTAssertEqual(last.first, 2)
        XCTAssertEqual(text(last.line), "=@")
        XCTAssertEqual(text(SpendSparkline.line([], width: 5, glyphs: .ascii).line), "")
    }

    func testMonthlySpendMatchesTheRawFile() throws {
        let fixture = try AnalysisFixture.load(.retail)
        let history = try CustomerHistory.build(loaded: fixture.analysis.population.loaded, horizonDays: 90)
        // Independently: sum the amounts of C00022's lines of the CSV by the date's "yyyy-mm".
        let csv = try String(contentsOf: AnalysisFixture.sampleDirectory.appendingPathComponent("retail.csv"), encoding: .utf8)
        var byMonth: [String: Double] = [:]
        var months = Set<String>()
        for line in csv.split(separator: "\n").dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            guard cells.count >= 3 else { continue }
            months.insert(String(cells[1].prefix(7)))
            if cells[0] == "C00022" { byMonth[String(cells[1].prefix(7)), default: 0] += Double(cells[2]) ?? 0 }
        }
        let spend = try XCTUnwrap(history.monthlySpend("C00022"))
        XCTAssertEqual(spend.totals.count, months.count, "one value per month of the whole log")
        XCTAssertEqual(spend.label(0), months.min())
        XCTAssertEqual(spend.label(spend.totals.count - 1), months.max())
        for (offset, total) in spend.totals.enumerated() {
            XCTAssertEqual(total, byMonth[spend.label(offset)] ?? 0, accuracy: 1e-6, spend.label(offset))
        }
        XCTAssertFalse(byMonth.isEmpty)
        XCTAssertNil(history.monthlySpend("nobody"))
    }

    func testPAliveComesFromThePurchaseModelForTheSameCustomer() throws {
        let fixture = try AnalysisFixture.load(.retail)
        let history = try CustomerHistory.build(loaded: fixture.analysis.population.loaded, horizonDays: 90)
        let value = try XCTUnwrap(history.value)
        let alive = try XCTUnwrap(value.probabilityAlive)
        for id in ["C00022", "C00107", value.customerIDs[0], value.customerIDs[value.count - 1]] {
            let i = try XCTUnwrap(value.customerIDs.firstIndex(of: id))
            let outlook = try XCTUnwrap(history.outlook(id))
            XCTAssertEqual(outlook.probabilityAlive, alive[i])
            XCTAssertTrue((0...1).contains(outlook.probabilityAlive))
            XCTAssertEqual(outlook.horizonDays, 90)
            XCTAssertEqual(outlook.futureValue, value.futureValue[i])
        }
        // BG/NBD gives one-time buyers P(alive) = 1.
        if let summary = value.summary, let once = summary.frequency.firstIndex(of: 0) {
            XCTAssertEqual(history.outlook(summary.customerIDs[once])?.probabilityAlive ?? 0, 1, accuracy: 1e-12)
        }
        XCTAssertNil(history.outlook("nobody"))
    }
}
