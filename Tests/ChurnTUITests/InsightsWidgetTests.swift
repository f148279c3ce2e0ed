import ChurnKit
import XCTest
@testable import ChurnTUI

/// The chart widgets of the Model insights tab, with answers worked out by hand from the braille dot
/// numbering (dots 1-3 and 7 down the left column: bits 0x01 0x02 0x04 0x40; dots 4-6 and 8 down the
/// right: 0x08 0x10 0x20 0x80; the character is U+2800 + bits).
final class InsightsWidgetTests: XCTestCase {
    func testDiagonalLineSetsKnownDots() {
        // Two cells = 4 x 4 dots; (0,0)-(1,1) in chart coordinates runs from dot (0,3) up to dot (3,0).
        var canvas = BrailleCanvas(columns: 2, rows: 1)
        canvas.line(from: (x: 0, y: 0), to: (x: 1, y: 1))
        for (x, y) in [(0, 3), (1, 2), (2, 1), (3, 0)] { XCTAssertTrue(canvas.isSet(dotX: x, dotY: y), "dot (\(x), \(y))") }
        XCTAssertEqual(canvas.bits, [0x40 | 0x20, 0x02 | 0x08])
        XCTAssertEqual(canvas.textLines(ascii: false), ["\u{2860}\u{280A}"])
        XCTAssertEqual(canvas.textLines(ascii: false), ["⡠⠊"])
        XCTAssertEqual(canvas.textLines(ascii: true), ["**"], "ASCII marks every cell holding a dot")
    }

    func testLongerDiagonalHasOneDotPerColumnAndRow() {
        var canvas = BrailleCanvas(columns: 4, rows: 2) // 8 x 8 dots
        canvas.line(from: (x: 0, y: 0), to: (x: 1, y: 1))
        var set = 0
        for y in 0..<8 { for x in 0..<8 where canvas.isSet(dotX: x, dotY: y) { set += 1; XCTAssertEqual(x + y, 7) } }
        XCTAssertEqual(set, 8)
        // The cells on the anti-diagonal hold dots; the others are blank.
        XCTAssertEqual(canvas.textLines(ascii: true), ["  **", "**  "])
        XCTAssertEqual(canvas.textLines(ascii: false), ["  ⡠⠊", "⡠⠊  "])
    }

    func testFullCellDotsOutsideAndMarks() {
        var canvas = BrailleCanvas(columns: 2, rows: 1)
        for x in 0..<2 { for y in 0..<4 { canvas.set(dotX: x, dotY: y) } }
        canvas.set(dotX: 4, dotY: 0)
        canvas.set(dotX: -1, dotY: 2)
        canvas.plot(x: .nan, y: 0.5)
        XCTAssertEqual(canvas.textLines(ascii: false), ["⣿ "], "all eight dots: U+28FF; dots outside are ignored")
        canvas.mark(x: 1, y: 1, unicode: "●", ascii: "O", style: CellStyle(.warning))
        XCTAssertEqual(canvas.textLines(ascii: false), ["⣿●"])
        XCTAssertEqual(canvas.textLines(ascii: true), ["*O"])
        var frame = Frame(size: TerminalSize(width: 4, height: 1))
        canvas.draw(x: 1, y: 0, ascii: false, into: &frame)
        XCTAssertEqual(frame.textLines(), [" ⣿●"])
        var plain = Frame(size: TerminalSize(width: 4, height: 1), asciiOnly: true)
        canvas.draw(x: 0, y: 0, ascii: true, into: &plain)
        XCTAssertEqual(plain.textLines(), ["*O"])
    }

    func testPlotFramesTheCanvasWithAxes() {
        var plot = UnitCurvePlot(title: "T", xName: "x")
        plot.series = [UnitCurvePlot.Series([PlotPoint(x: 0, y: 0), PlotPoint(x: 1, y: 1)], role: .info)]
        var frame = Frame(size: TerminalSize(width: 14, height: 6))
        XCTAssertTrue(plot.draw(in: Rect(x: 0, y: 0, width: 14, height: 6), ascii: true, glyphs: .ascii, into: &frame))
        let lines = frame.textLines()
        XCTAssertEqual(lines[0], "T")
        // A 10 x 3 cell canvas: the line starts in the bottom left cell and ends in the top right one.
        XCTAssertTrue(lines[1].hasPrefix("  1|") && lines[1].count == 14 && lines[1].hasSuffix("*"), lines[1])
        XCTAssertTrue(lines[3].hasPrefix("  0|*"), lines[3])
        XCTAssertEqual(lines[4], "   +----------")
        XCTAssertEqual(lines[5], "    0   x    1")
        var small = Frame(size: TerminalSize(width: 10, height: 4))
        XCTAssertFalse(plot.draw(in: Rect(x: 0, y: 0, width: 10, height: 4), ascii: true, glyphs: .ascii, into: &small))
    }

    func testShadesStepWithTheValue() {
        XCTAssertEqual([0, 0.1, 0.25, 0.26, 0.5, 0.75, 1, 7].map { ShadedGrid.shade($0, ascii: false) }, [" ", "░", "░", "▒", "▒", "▓", "█", "█"])
        XCTAssertEqual([0, 0.2, 0.4, 0.6, 0.9, .nan].map { ShadedGrid.shade($0, ascii: true) }, [" ", ".", ":", "+", "#", " "])
    }

    func testCurvesConfusionMatchesHandCounts() {
        let scores = OutOfFoldScores(customerIDs: ["a", "b", "c", "d", "e"], probabilities: [0.1, 0.4, 0.35, 0.8, 0.35],
                                     labels: [0, 0, 1, 1, 0])
        let curves = InsightsCurves(scores, modelID: 1)
        XCTAssertEqual(curves.positives, 2)
        XCTAssertEqual(curves.negatives, 3)
        // >= 0.35 flags b, c, d, e: TP c d, FP b e, TN a.
        XCTAssertEqual(curves.confusion(at: 0.35), ConfusionMatrix(truePositives: 2, falsePositives: 2, trueNegatives: 1, falseNegatives: 0))
        XCTAssertEqual(curves.confusion(at: 0.5), ConfusionMatrix(truePositives: 1, falsePositives: 0, trueNegatives: 3, falseNegatives: 1))
        XCTAssertEqual(curves.confusion(at: 0), ConfusionMatrix(truePositives: 2, falsePositives: 3, trueNegatives: 0, falseNegatives: 0))
        XCTAssertEqual(curves.confusion(at: 0.9), ConfusionMatrix(truePositives: 0, falsePositives: 0, trueNegatives: 3, falseNegatives: 2))
        XCTAssertEqual(curves.rocPoint(at: 0.35), PlotPoint(x: 2.0 / 3, y: 1))
        XCTAssertEqual(curves.precisionRecallPoint(at: 0.5), PlotPoint(x: 0.5, y: 1))
        XCTAssertEqual(curves.precisionRecallPoint(at: 0.9), PlotPoint(x: 0, y: 1), "nobody flagged: the curve's first point")
        // Pairs: c beats a, ties b? no: b 0.4 > c 0.35; c ties e; d beats all three: (1 + 0 + 0.5) + 3 = 4.5 of 6.
        XCTAssertEqual(curves.rocAUC, 4.5 / 6, accuracy: 1e-12)
        XCTAssertEqual(curves.gains.first, PlotPoint(x: 0, y: 0))
        XCTAssertEqual(curves.gains.last, PlotPoint(x: 1, y: 1))
    }

    func testThinningKeepsBothEnds() {
        let points = (0...5000).map { PlotPoint(x: Double($0) / 5000, y: Double($0) / 5000) }
        let thin = InsightsCurves.thin(points)
        XCTAssertEqual(thin.count, InsightsCurves.drawnPoints)
        XCTAssertEqual(thin.first, points.first)
        XCTAssertEqual(thin.last, points.last)
    }

    func testSampleRowsAreEvenlySpaced() {
        XCTAssertEqual(ShapImportance.sampleRows(total: 5, limit: 10), [0, 1, 2, 3, 4])
        XCTAssertEqual(ShapImportance.sampleRows(total: 10, limit: 4), [0, 2, 5, 7])
    }
}
