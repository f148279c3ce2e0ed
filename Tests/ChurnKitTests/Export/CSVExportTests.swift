import XCTest
@testable import ChurnKit

/// CSV export: formula neutralisation, RFC 4180 quoting, numbers, and the CRM file layout.
final class CSVExportTests: XCTestCase {
    func testTextCellsStartingAFormulaAreNeutralised() {
        XCTAssertEqual(CSVField.encode(.text("=SUM(A1:A9)")), "'=SUM(A1:A9)")
        XCTAssertEqual(CSVField.encode(.text("+1+cmd|' /C calc'!A0")), "'+1+cmd|' /C calc'!A0")
        XCTAssertEqual(CSVField.encode(.text("-2+3")), "'-2+3")
        XCTAssertEqual(CSVField.encode(.text("@SUM(1)")), "'@SUM(1)")
        XCTAssertEqual(CSVField.encode(.text("\t=1")), "'\t=1")
        // CR starts the cell: neutralised, then quoted because it contains CR.
        XCTAssertEqual(CSVField.encode(.text("\r=1")), "\"'\r=1\"")
        XCTAssertEqual(CSVField.encode(.text("\r\n=1")), "\"'\r\n=1\"")
        // Neutralised and quoted: the quote prefix sits inside the quotes.
        XCTAssertEqual(CSVField.encode(.text("=HYPERLINK(\"http://x\",\"y\")")), "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"")
        // Triggers later in the text are harmless.
        XCTAssertEqual(CSVField.encode(.text("a=b")), "a=b")
        XCTAssertEqual(CSVField.encode(.text("No purchase for 78 days")), "No purchase for 78 days")
    }

    func testNumbersAreNeverNeutralised() {
        XCTAssertEqual(CSVField.encode(.number(-3.5)), "-3.5")
        XCTAssertEqual(CSVField.encode(.number(-12)), "-12")
        XCTAssertEqual(CSVField.encode(.number(0.7834)), "0.7834")
        XCTAssertEqual(CSVField.encode(.number(-0.0)), "0")
        XCTAssertEqual(CSVField.encode(.number(.nan)), "")
        XCTAssertEqual(CSVField.encode(.number(.infinity)), "")
        XCTAssertEqual(CSVField.encode(.number(0.123456, decimals: 4)), "0.1235")
        // Text that is exactly a plain number cannot run anything and is left as written.
        XCTAssertEqual(CSVField.encode(.text("-12")), "-12")
        XCTAssertEqual(CSVField.encode(.text("+3.5")), "+3.5")
        XCTAssertEqual(CSVField.encode(.text("-1e3")), "-1e3")
        XCTAssertEqual(CSVField.encode(.text("-1e")), "'-1e")
        XCTAssertEqual(CSVField.encode(.text("-")), "'-")
        XCTAssertEqual(CSVField.encode(.text("-.")), "'-.")
    }

    func testRFC4180Quoting() {
        XCTAssertEqual(CSVField.encode(.text("plain")), "plain")
        XCTAssertEqual(CSVField.encode(.text("a,b")), "\"a,b\"")
        XCTAssertEqual(CSVField.encode(.text("say \"hi\"")), "\"say \"\"hi\"\"\"")
        XCTAssertEqual(CSVField.encode(.text("two\nlines")), "\"two\nlines\"")
        XCTAssertEqual(CSVField.encode(.text(" padded ")), "\" padded \"")
        XCTAssertEqual(CSVField.encode(.text("a;b"), delimiter: ";"), "\"a;b\"")
        XCTAssertEqual(CSVField.encode(.text("a,b"), delimiter: ";"), "a,b")
        XCTAssertEqual(CSVField.encode(.empty), "")
        XCTAssertEqual(CSVField.encode(.text("")), "")
    }

    func testCRMFileLayout() throws {
        let export = CRMExport(customerIDs: ["C1", "=2+5", "C,3"], probabilities: [0.91234, 0.5, .nan],
                               tiers: ["high", "medium", ""], values: [1234.567, -20, .nan],
                               reasons: [["No purchase for 78 days", "Spend fell \"a lot\""], [], ["-late payments"]],
                               reasonColumns: 2,
                               extraColumns: [CSVColumn(name: "segment", cells: [.text("@risk"), .empty, .number(-1)])])
        let text = try export.table().text()
        let expected = "customer_id,churn_probability,risk_tier,customer_value,top_reason_1,top_reason_2,segment\r\n"
            + "C1,0.9123,high,1234.57,No purchase for 78 days,\"Spend fell \"\"a lot\"\"\",'@risk\r\n"
            + "'=2+5,0.5,medium,-20,,,\r\n"
            + "\"C,3\",,,,'-late payments,,-1\r\n"
        XCTAssertEqual(text, expected)
    }

    /// Round trip: a small RFC 4180 reader recovers every field (with the neutralising quote) exactly.
    func testQuotedOutputParsesBack() throws {
        let nasty = ["=1+1", "a,b", "q\"q", "line\nbreak", " lead", "\t", "plain", "-5", "@x", "", "é,ü"]
        let table = try CSVTable(columns: [CSVColumn(name: "v", cells: nasty.map { .text($0) })])
        let records = parse(table.text())
        XCTAssertEqual(records.first, ["v"])
        XCTAssertEqual(records.dropFirst().map { $0[0] }, nasty.map { CSVField.neutralise($0) })
        XCTAssertEqual(records.count, nasty.count + 1)
    }

    func testShapeErrorsAndFileWriting() throws {
        XCTAssertThrowsError(try CRMExport(customerIDs: ["a", "b"], probabilities: [0.1]).table()) { error in
            XCTAssertTrue((error as? CSVExportError)?.message.contains("2 customers but 1 probabilities") ?? false, "\(error)")
        }
        XCTAssertThrowsError(try CRMExport(customerIDs: ["a"], probabilities: [0.1],
                                           extraColumns: [CSVColumn(name: "customer_id", cells: [.empty])]).table())
        XCTAssertThrowsError(try CSVTable(columns: [CSVColumn(name: "a", cells: [.empty]), CSVColumn(name: "b", cells: [])]))

        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("churn-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let table = try CRMExport(customerIDs: ["a", "b"], probabilities: [0.25, 0.75]).table()
        let path = dir.appendingPathComponent("out.csv").path
        try table.write(toFile: path)
        try table.write(toFile: path)   // overwriting works too
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "customer_id,churn_probability\r\na,0.25\r\nb,0.75\r\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["out.csv"])
        XCTAssertThrowsError(try table.write(toFile: dir.path + "/missing/folder/out.csv")) { error in
            XCTAssertEqual((error as? CSVExportError)?.exitCode, ExitCode.cannotCreate)
        }
    }

    /// A minimal RFC 4180 reader (CRLF records, quoted fields with doubled quotes) used only by the tests.
    private func parse(_ text: String) -> [[String]] {
        var records: [[String]] = [], record: [String] = [], field = ""
        var quoted = false
        let chars = Array(text.unicodeScalars)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if quoted {
                if c == "\"" {
                    if i + 1 < chars.count && chars[i + 1] == "\"" { field.unicodeScalars.append("\""); i += 1 } else { quoted = false }
                } else { field.unicodeScalars.append(c) }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                record.append(field); field = ""
            } else if c == "\r" && i + 1 < chars.count && chars[i + 1] == "\n" {
                record.append(field); records.append(record); record = []; field = ""; i += 1
            } else {
                field.unicodeScalars.append(c)
            }
            i += 1
        }
        return records
    }
}
