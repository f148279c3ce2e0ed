import XCTest
@testable import ChurnKit

/// The CSV layer: quoting, delimiters, encodings, line ends, ragged rows, and the parallel pass.
final class CSVReadingTests: IngestTestCase {
    func testSmokeTransactionLog() throws {
        let d = try load(try write("log.csv", transactionLog()))
        XCTAssertEqual(d.table.rowCount, 6)
        XCTAssertEqual(d.shape, .transactions)
        XCTAssertEqual(d.mapping[.customer], "customer_id")
        XCTAssertEqual(d.mapping[.date], "date")
        XCTAssertEqual(d.mapping[.amount], "amount")
        XCTAssertEqual(d.mapping[.category], "category")
        XCTAssertEqual(d.table.columns.map(\.kind), [.identifier, .date, .decimal, .categorical])
        XCTAssertEqual(d.encoding, "UTF-8")
        XCTAssertEqual(d.delimiter, ",")
    }

    func testQuotedFieldsWithDelimitersQuotesAndNewlines() throws {
        let text = "id,note,amount,churn\n1,\"a, b\",1.5,no\n2,\"say \"\"hi\"\"\",2,no\n3,\"two\nlines\",3,yes\n4,plain,\"4\",no\n"
        let d = try load(try write("q.csv", text))
        XCTAssertEqual(d.table.rowCount, 4)
        let note = try XCTUnwrap(d.table.column(named: "note"))
        XCTAssertEqual((0..<4).map { note.text(at: $0) }, ["a, b", "say \"hi\"", "two\nlines", "plain"])
        XCTAssertEqual(d.table.column(named: "amount")?.numbers, [1.5, 2, 3, 4])
        XCTAssertEqual(d.preview[3], ["3", "two\nlines", "3", "yes"])
        XCTAssertEqual(d.mapping[.customer], "id")
        XCTAssertEqual(d.shape, .customerTable)
    }

    func testLineNumbersCountNewlinesInsideQuotes() throws {
        // Line 5 is the bad row: the quoted field on line 3 spans lines 3-4.
        let text = "id,note,amount\n1,x,1\n2,\"multi\nline\",2\n3,y,\"12,3.4\"\n"
        let e = try XCTUnwrap(loadError(try write("lines.csv", text), IngestOptions(mapping: ColumnMapping([.amount: "amount"]))))
        XCTAssertEqual(e.reason, .notANumber)
        XCTAssertEqual(e.line, 5)
        XCTAssertTrue(e.message.hasSuffix("lines.csv line 5, column \"amount\": \"12,3.4\" is not a number (expected a decimal like 12.34)"), e.message)
    }

    func testDelimiterDetection() throws {
        for (delimiter, name) in [(";", ";"), ("\t", "\t"), ("|", "|")] {
            let text = ["customer_id", "date", "amount"].joined(separator: delimiter) + "\n"
                + ["A", "2024-01-02", "3.5"].joined(separator: delimiter) + "\n"
                + ["B", "2024-01-03", "4"].joined(separator: delimiter) + "\n"
            let d = try load(try write("d.csv", text))
            XCTAssertEqual(d.delimiter, name)
            XCTAssertEqual(d.table.columns.count, 3)
            XCTAssertEqual(d.table.column(named: "amount")?.numbers, [3.5, 4])
        }
    }

    func testSemicolonFileWithDecimalComma() throws {
        let text = "kunde;datum;betrag\nK1;2024-01-02;12,50\nK2;2024-01-03;3,75\nK1;2024-02-01;1.234,5\n"
        let d = try load(try write("de.csv", text), IngestOptions(mapping: ColumnMapping([.customer: "kunde", .amount: "betrag"])))
        XCTAssertEqual(d.delimiter, ";")
        XCTAssertEqual(d.table.column(named: "betrag")?.numbers, [12.5, 3.75, 1234.5])
        XCTAssertEqual(d.table.column(named: "betrag")?.kind, .decimal)
        XCTAssertTrue(d.table.column(named: "betrag")?.format?.contains("decimal comma") == true)
        XCTAssertTrue(d.notes.contains { $0.contains("decimal comma") })
        XCTAssertEqual(d.shape, .transactions)
    }

    func testByteOrderMark() throws {
        let path = try write("bom.csv", bytes: [0xEF, 0xBB, 0xBF] + Array("customer_id,churn\nA,yes\nB,no\n".utf8))
        let d = try load(path)
        XCTAssertEqual(d.encoding, "UTF-8 (BOM)")
        XCTAssertEqual(d.table.columns[0].name, "customer_id")
        XCTAssertEqual(d.mapping[.customer], "customer_id")
    }

    func testWindows1252Fallback() throws {
        // "café" and "€5" written in Windows-1252: é = 0xE9, € = 0x80.
        var bytes = Array("customer_id,city,churn\nA,caf".utf8) + [0xE9] + Array(",yes\nB,".utf8) + [0x80]
        bytes += Array("5,no\n".utf8)
        let d = try load(try write("latin.csv", bytes: bytes))
        XCTAssertEqual(d.encoding, "Windows-1252")
        let city = try XCTUnwrap(d.table.column(named: "city"))
        XCTAssertEqual(city.text(at: 0), "café")
        XCTAssertEqual(city.text(at: 1), "€5")
        XCTAssertTrue(d.notes.contains { $0.contains("Windows-1252") && $0.contains("line 2") }, "\(d.notes)")
    }

    func testValidUTF8IsKept() throws {
        let d = try load(try write("utf8.csv", "customer_id,city,churn\nA,Zürich,yes\nB,Łódź,no\n"))
        XCTAssertEqual(d.encoding, "UTF-8")
        XCTAssertEqual(d.table.column(named: "city")?.text(at: 1), "Łódź")
    }

    func testCRLF() throws {
        let text = "customer_id,date,amount\r\nA,2024-01-01,1.5\r\nA,2024-01-02,\"2\"\r\nB,2024-01-03,x\r\n"
        let e = try XCTUnwrap(loadError(try write("crlf.csv", text)))
        XCTAssertEqual(e.line, 4)
        XCTAssertEqual(e.column, "amount")
        let ok = try load(try write("crlf2.csv", "customer_id,date,amount\r\nA,2024-01-01,1.5\r\nA,2024-01-02,\"2\"\r\n"))
        XCTAssertEqual(ok.table.column(named: "amount")?.numbers, [1.5, 2])
        XCTAssertEqual(ok.table.column(named: "customer_id")?.strings?.levels, ["A"])
        XCTAssertEqual(ok.preview[1], ["A", "2024-01-01", "1.5"])
    }

    func testTooManyFields() throws {
        let text = "customer_id,date,amount\nA,2024-01-01,1\nB,2024-01-02,1,5\n"
        let e = try XCTUnwrap(loadError(try write("ragged.csv", text)))
        XCTAssertEqual(e.reason, .tooManyFields)
        XCTAssertEqual(e.line, 3)
        XCTAssertTrue(e.message.contains("ragged.csv line 3: the row has 4 fields but the header has 3 columns"), e.message)
        XCTAssertEqual(e.exitCode, 65)
    }

    func testTooFewFields() throws {
        let text = "customer_id,date,amount\nA,2024-01-01,1\n\nB,2024-01-02\n"
        let e = try XCTUnwrap(loadError(try write("short.csv", text)))
        XCTAssertEqual(e.reason, .tooFewFields)
        XCTAssertEqual(e.line, 4)
        XCTAssertTrue(e.message.contains("has 2 fields but the header has 3"), e.message)
    }

    func testBlankLinesAndTrailingEmptyFieldsAreTolerated() throws {
        let text = "customer_id,date,amount\nA,2024-01-01,1,\n\nA,2024-01-02,2\n\n"
        let d = try load(try write("blank.csv", text))
        XCTAssertEqual(d.table.rowCount, 2)
        XCTAssertTrue(d.notes.contains { $0.contains("blank line") })
        XCTAssertTrue(d.notes.contains { $0.contains("empty fields after the last column") })
    }

    func testUnterminatedQuoteNamesTheLineWhereItOpened() throws {
        let text = "customer_id,note,amount\nA,ok,1\nB,\"never closed,2\nC,x,3\nD,y,4\n"
        let e = try XCTUnwrap(loadError(try write("open.csv", text)))
        XCTAssertEqual(e.reason, .unterminatedQuote)
        XCTAssertEqual(e.line, 3)
        XCTAssertTrue(e.message.hasPrefix(directory.appendingPathComponent("open.csv").path + " line 3: a quoted field opens here"), e.message)
    }

    func testTextAfterClosingQuote() throws {
        let text = "customer_id,note,amount\nA,\"quoted\"tail,1\n"
        let e = try XCTUnwrap(loadError(try write("tail.csv", text)))
        XCTAssertEqual(e.reason, .textAfterQuote)
        XCTAssertEqual(e.line, 2)
        XCTAssertEqual(e.column, "note")
    }

    func testPreviewHasHeaderAndTwentyRowsAsWritten() throws {
        var text = "customer_id,amount,churn\n"
        for i in 0..<30 { text += "C\(i), \(i).50 ,\(i % 2 == 0 ? "Yes" : "No")\n" }
        let d = try load(try write("p.csv", text))
        XCTAssertEqual(d.preview.count, 21)
        XCTAssertEqual(d.preview[0], ["customer_id", "amount", "churn"])
        XCTAssertEqual(d.preview[20], ["C19", " 19.50 ", "No"])
    }

    func testDuplicateAndBlankHeaderNamesAreRenamed() throws {
        let d = try load(try write("h.csv", "customer_id,x,x,,churn\nA,1,2,3,yes\nB,4,5,6,no\n"))
        XCTAssertEqual(d.table.columns.map(\.name), ["customer_id", "x", "x_2", "column_4", "churn"])
    }

    /// A file large enough for the parallel pass, where one quoted field with many newlines covers the
    /// middle of the file, so the cut between chunks falls inside quotes and must be detected.
    func testParallelPassHandlesQuotedNewlinesAcrossTheCut() throws {
        var text = "customer_id,date,amount,note\n"
        var expectedSum = 0.0
        let rowsBefore = 150_000
        for i in 0..<rowsBefore {
            text += "C\(i % 5000),2024-01-\(10 + i % 19),\(i % 100).25,n\(i % 7)\n"
            expectedSum += Double(i % 100) + 0.25
        }
        let longNote = String(repeating: "line, with \"\"quotes\"\"\n", count: 400_000)
        text += "C1,2024-02-01,1.00,\"" + longNote + "\"\n"
        expectedSum += 1
        for i in 0..<50_000 {
            text += "D\(i % 3000),2024-03-0\(1 + i % 9),2.50,m\(i % 3)\n"
            expectedSum += 2.5
        }
        let path = try write("big.csv", text)
        XCTAssertGreaterThan(text.utf8.count, 8 << 20)
        let d = try load(path)
        XCTAssertEqual(d.table.rowCount, rowsBefore + 1 + 50_000)
        let amounts = try XCTUnwrap(d.table.column(named: "amount")?.numbers)
        XCTAssertEqual(amounts.reduce(0, +), expectedSum, accuracy: 1e-6)
        let note = try XCTUnwrap(d.table.column(named: "note"))
        XCTAssertEqual(note.text(at: rowsBefore).count, 400_000 * 20)
        XCTAssertTrue(note.text(at: rowsBefore).hasPrefix("line, with \"quotes\"\n"))
        // Levels keep the order of first appearance across chunks.
        let ids = try XCTUnwrap(d.table.column(named: "customer_id")?.strings)
        XCTAssertEqual(ids.levels.count, 5000 + 3000)
        XCTAssertEqual(Array(ids.levels.prefix(3)), ["C0", "C1", "C2"])
        XCTAssertEqual(ids.levels[5000], "D0")
        XCTAssertEqual(ids.levels[Int(ids.codes[rowsBefore + 1 + 49_999])], "D\(49_999 % 3000)")
    }

    /// The parallel pass on a large plain file gives exactly what a row-by-row reading gives.
    func testParallelPassMatchesSequentialValues() throws {
        var text = "customer_id,date,amount,category\n"
        var codesExpected: [String] = []
        for i in 0..<400_000 {
            let id = "K\((i * 7919) % 20_011)"
            codesExpected.append(id)
            text += "\(id),2023-\(String(format: "%02d", 1 + i % 12))-\(String(format: "%02d", 1 + i % 28)),\(i % 1000)\n".replacingOccurrences(of: "\n", with: ",c\(i % 5)\n")
        }
        let d = try load(try write("par.csv", text))
        XCTAssertEqual(d.table.rowCount, 400_000)
        let ids = try XCTUnwrap(d.table.column(named: "customer_id"))
        for i in stride(from: 0, to: 400_000, by: 997) { XCTAssertEqual(ids.text(at: i), codesExpected[i]) }
        XCTAssertEqual(ids.text(at: 399_999), codesExpected[399_999])
        let dates = try XCTUnwrap(d.table.column(named: "date")?.times)
        XCTAssertEqual(CivilDate.isoDate(seconds: dates[399_999]), "2023-\(String(format: "%02d", 1 + 399_999 % 12))-\(String(format: "%02d", 1 + 399_999 % 28))")
        XCTAssertEqual(d.table.column(named: "category")?.strings?.levels, ["c0", "c1", "c2", "c3", "c4"])
    }

    /// Problems past the sampled head are found by the full (parallel) pass, with the right line.
    func testErrorsBeyondTheSampleInTheSecondChunk() throws {
        var text = "customer_id,date,amount\n"
        let rows = 400_000
        for i in 0..<rows { text += "C\(i % 9000),2024-01-\(10 + i % 19),\(i % 100).25\n" }
        XCTAssertGreaterThan(text.utf8.count, 8 << 20)
        let ragged = text + "C1,2024-02-01,1.00,extra\nC2,2024-02-02,2\n"
        let e = try XCTUnwrap(loadError(try write("ragged-late.csv", ragged)))
        XCTAssertEqual(e.reason, .tooManyFields)
        XCTAssertEqual(e.line, rows + 2)
        let unterminated = text + "C1,2024-02-01,\"1.00\nC2,2024-02-02,2\n"
        let u = try XCTUnwrap(loadError(try write("open-late.csv", unterminated)))
        XCTAssertEqual(u.reason, .unterminatedQuote)
        XCTAssertEqual(u.line, rows + 2)
        let blankId = text + " ,2024-02-01,1.00\n"
        let b = try XCTUnwrap(loadError(try write("blank-late.csv", blankId)))
        XCTAssertEqual(b.reason, .blankIdentifier)
        XCTAssertEqual(b.line, rows + 2)
    }

    func testDateFormatText() {
        XCTAssertEqual(DateOrder(formatText: "DD/MM/YYYY"), .dayFirst)
        XCTAssertEqual(DateOrder(formatText: "mm-dd-yyyy"), .monthFirst)
        XCTAssertNil(DateOrder(formatText: "YYYY-MM-DD"))
    }
}
