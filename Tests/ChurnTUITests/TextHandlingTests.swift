import XCTest
@testable import ChurnTUI

/// Sanitising, display widths, fitting text, and how frames place wide characters.
final class TextHandlingTests: XCTestCase {
    func testControlCharactersAndEscapesAreShownEscaped() {
        XCTAssertEqual(TextSanitizer.sanitize("plain text"), "plain text")
        XCTAssertEqual(TextSanitizer.sanitize("a\u{1b}[31mred"), "a\\x1b[31mred")
        XCTAssertEqual(TextSanitizer.sanitize("tab\there\nnew\rret"), "tab\\there\\nnew\\rret")
        XCTAssertEqual(TextSanitizer.sanitize("\u{07}\u{00}\u{7f}"), "\\x07\\x00\\x7f")
        XCTAssertEqual(TextSanitizer.sanitize("c1\u{9b}31m"), "c1\\x9b31m")
        XCTAssertEqual(TextSanitizer.sanitize("evil\u{202E}txt.exe"), "evil\\u{202e}txt.exe")
        XCTAssertEqual(TextSanitizer.sanitize("東京 café"), "東京 café")
    }

    func testSanitisingIsIdempotentAndLeavesNothingUnsafe() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let scalars = (0..<20).compactMap { _ in Unicode.Scalar(UInt32.random(in: 0...0x2100, using: &generator)) }
            let text = String(String.UnicodeScalarView(scalars))
            let once = TextSanitizer.sanitize(text)
            XCTAssertEqual(TextSanitizer.sanitize(once), once)
            XCTAssertFalse(once.unicodeScalars.contains(where: TextSanitizer.needsEscape))
        }
    }

    func testDisplayWidths() {
        XCTAssertEqual(DisplayWidth.of("hello"), 5)
        XCTAssertEqual(DisplayWidth.of("東京"), 4)
        XCTAssertEqual(DisplayWidth.of("한국어"), 6)
        XCTAssertEqual(DisplayWidth.of("cafe\u{301}"), 4, "a combining accent takes no column")
        XCTAssertEqual(DisplayWidth.of("👍"), 2)
        XCTAssertEqual(DisplayWidth.of("🇫🇷"), 2, "a flag is one wide cluster")
        XCTAssertEqual(DisplayWidth.of("❤\u{FE0F}"), 2, "emoji presentation makes it wide")
        XCTAssertEqual(DisplayWidth.of("─│█…→"), 5)
        XCTAssertEqual(DisplayWidth.of("ＡＢ"), 4, "fullwidth forms")
    }

    func testTruncatePadAndWrapCountColumnsNotCharacters() {
        XCTAssertEqual(TextFit.truncate("abcdef", to: 4), "abc…")
        XCTAssertEqual(TextFit.truncate("東京都庁", to: 5), "東京…")
        XCTAssertEqual(TextFit.truncate("東京都庁", to: 4, ellipsis: ""), "東京")
        XCTAssertEqual(TextFit.truncate("abc", to: 3), "abc")
        XCTAssertEqual(TextFit.pad("東京", to: 6), "東京  ")
        XCTAssertEqual(TextFit.pad("7", to: 3, alignRight: true), "  7")
        XCTAssertEqual(TextFit.wrap("one two three four", width: 9), ["one two", "three", "four"])
        XCTAssertEqual(TextFit.wrap("abcdefghij", width: 4), ["abcd", "efgh", "ij"])
        for line in TextFit.wrap("東京 大阪 名古屋 札幌 福岡 横浜", width: 7) { XCTAssertLessThanOrEqual(DisplayWidth.of(line), 7) }
    }

    func testFramePlacesWideCharactersSoColumnsLineUp() {
        var frame = Frame(size: TerminalSize(width: 10, height: 2))
        frame.put("東京|", x: 0, y: 0)
        frame.put("abcd|", x: 0, y: 1)
        XCTAssertEqual(frame.textLines(), ["東京|", "abcd|"])
        XCTAssertTrue(frame[1, 0].isContinuation)
        XCTAssertEqual(frame[4, 0].character, "|")
        XCTAssertEqual(frame[4, 1].character, "|")
    }

    func testWideCharacterCutAtAnEdgeBecomesASpace() {
        var frame = Frame(size: TerminalSize(width: 5, height: 1))
        XCTAssertEqual(frame.put("ab東京", x: 0, y: 0), 5)
        XCTAssertEqual(frame.textLines(), ["ab東"])
        var right = Frame(size: TerminalSize(width: 4, height: 1))
        right.put("a東京", x: 0, y: 0)
        XCTAssertEqual(right.textLines(), ["a東"], "the second wide character does not fit in the last column")
        var left = Frame(size: TerminalSize(width: 5, height: 1))
        left.put("東京ab", x: 0, y: 0, skip: 1)
        XCTAssertEqual(left.textLines(), [" 京ab"], "half a wide character scrolled off the left edge is blank")
    }

    func testOverwritingHalfAWideCharacterClearsTheOtherHalf() {
        var frame = Frame(size: TerminalSize(width: 6, height: 1))
        frame.put("東京", x: 0, y: 0)
        frame.put("x", x: 1, y: 0)
        XCTAssertEqual(frame.textLines(), [" x京"])
        XCTAssertFalse(frame[1, 0].isContinuation)
    }

    func testFrameNeverHoldsRawControlCharacters() {
        var frame = Frame(size: TerminalSize(width: 30, height: 1))
        frame.put("id\u{1b}]0;title\u{07}", x: 0, y: 0)
        XCTAssertEqual(frame.textLines(), ["id\\x1b]0;title\\x07"])
        for x in 0..<frame.width {
            XCTAssertFalse(frame[x, 0].character.unicodeScalars.contains(where: TextSanitizer.needsEscape))
        }
    }

    func testASCIIOnlyFramesReplaceOtherCharacters() {
        var frame = Frame(size: TerminalSize(width: 12, height: 1), asciiOnly: true)
        frame.put("東京 café─", x: 0, y: 0)
        XCTAssertEqual(frame.textLines(), ["???? caf??"], "a wide character becomes two question marks")
        XCTAssertTrue((0..<12).allSatisfy { frame[$0, 0].character.isASCII })
    }

    func testPreviewTableColumnsLineUpWithWideAndEscapedCells() {
        let size = TerminalSize(width: 80, height: 24)
        let frame = render(AppState.importPreview(Fixtures.messyTransactions, size: size, user: "ann"), size: size)
        // Find the "total_price" header and check each data row has its value right-aligned at the same column.
        let lines = frame.textLines()
        guard let header = lines.first(where: { $0.contains("total_price") }) else { return XCTFail("no header") }
        let end = header.range(of: "total_price")!.upperBound
        let headerEnd = DisplayWidth.of(String(header[..<end]))
        for value in ["12.50", "-3.00", "7.25"] {
            guard let row = lines.first(where: { $0.contains(value) }) else { return XCTFail("no row with \(value)") }
            let rowEnd = DisplayWidth.of(String(row[..<row.range(of: value)!.upperBound]))
            XCTAssertEqual(rowEnd, headerEnd, "\(value) is right-aligned under its header")
        }
    }

    func testNumbersAsPeopleReadThem() {
        XCTAssertEqual(NumberText.count(0), "0")
        XCTAssertEqual(NumberText.count(999), "999")
        XCTAssertEqual(NumberText.count(7_043), "7,043")
        XCTAssertEqual(NumberText.count(-1_234_567), "-1,234,567")
        XCTAssertEqual(NumberText.value(2_283.3), "2,283.3")
        XCTAssertEqual(NumberText.value(18.25), "18.25")
        XCTAssertEqual(NumberText.value(0.005), "0.01")
        XCTAssertEqual(NumberText.value(-0.03), "-0.03")
        XCTAssertEqual(NumberText.value(-0.001), "0")
        XCTAssertEqual(NumberText.value(72), "72")
        XCTAssertEqual(NumberText.percent(0.265), "26.5%")
        XCTAssertEqual(NumberText.percent(1), "100.0%")
        XCTAssertEqual(NumberText.percent(11.0 / 7_000), "0.2%")
    }

    func testBarsFillInEighths() {
        let half = Glyphs.unicode.bar(fraction: 0.5, width: 10)
        XCTAssertEqual(half.filled, "█████")
        XCTAssertEqual(DisplayWidth.of(half.filled + half.empty), 10)
        let part = Glyphs.unicode.bar(fraction: 0.0625, width: 10)  // 5 eighths
        XCTAssertEqual(part.filled, "▋")
        let ascii = Glyphs.ascii.bar(fraction: 0.26, width: 10)
        XCTAssertEqual(ascii.filled + ascii.empty, "###.......")
        XCTAssertEqual(Glyphs.unicode.bar(fraction: .nan, width: 4).filled, "")
    }
}
