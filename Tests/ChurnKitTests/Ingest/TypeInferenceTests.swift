import XCTest
@testable import ChurnKit

/// Column kinds, number styles and date formats, read from whole files.
final class TypeInferenceTests: IngestTestCase {
    /// A customer table with the given extra column, so roles and shape are settled.
    private func table(_ column: String, _ values: [String]) throws -> DataColumn {
        var text = "customer_id,\(column),churn\n"
        for (i, v) in values.enumerated() { text += "C\(i),\(v),\(i % 2 == 0 ? "yes" : "no")\n" }
        let d = try load(try write("t.csv", text))
        return try XCTUnwrap(d.table.column(named: column))
    }

    func testIntegerAndDecimal() throws {
        let ints = try table("visits", ["1", "2", "-3", "40"])
        XCTAssertEqual(ints.kind, .integer)
        XCTAssertEqual(ints.numbers, [1, 2, -3, 40])
        let decimals = try table("score", ["1.5", "2", "-0.25", "1e3"])
        XCTAssertEqual(decimals.kind, .decimal)
        XCTAssertEqual(decimals.numbers, [1.5, 2, -0.25, 1000])
    }

    func testThousandsSeparatorsAndCurrency() throws {
        let c = try table("spend", ["\"$1,200.50\"", "€3", "£4.25", "\"-$1,000\"", "12 €"])
        XCTAssertEqual(c.kind, .decimal)
        XCTAssertEqual(c.numbers, [1200.5, 3, 4.25, -1000, 12])
        XCTAssertTrue(c.format?.contains("currency") == true)
        XCTAssertTrue(c.format?.contains("thousands") == true)
    }

    func testBadGroupingIsNotANumber() {
        var traits = NumberTraits()
        XCTAssertNil(NumberParser.parse("12,3.4", decimalComma: false, traits: &traits))
        XCTAssertNil(NumberParser.parse("1,23", decimalComma: false, traits: &traits))
        XCTAssertEqual(NumberParser.parse("1,234,567.5", decimalComma: false, traits: &traits), 1_234_567.5)
        XCTAssertEqual(NumberParser.parse("1.234.567,5", decimalComma: true, traits: &traits), 1_234_567.5)
        XCTAssertEqual(NumberParser.parse("0.1", decimalComma: false, traits: &traits), 0.1)
        XCTAssertEqual(NumberParser.parse("123456789012345678901234", decimalComma: false, traits: &traits), 123456789012345678901234.0)
        XCTAssertNil(NumberParser.parse("abc", decimalComma: false, traits: &traits))
        XCTAssertNil(NumberParser.parse("-", decimalComma: false, traits: &traits))
        XCTAssertNil(NumberParser.parse("1.2.3", decimalComma: false, traits: &traits))
    }

    func testHandParsedDecimalsAreCorrectlyRounded() {
        var traits = NumberTraits()
        for text in ["0.3", "123.45", "9007199254740.993", "1.7976931348623157", "42.000001", "0.000123"] {
            XCTAssertEqual(NumberParser.parse(text, decimalComma: false, traits: &traits), Double(text), text)
        }
    }

    func testBooleanColumns() throws {
        let yn = try table("Partner", ["Yes", "No", "No", "Yes"])
        XCTAssertEqual(yn.kind, .boolean)
        XCTAssertEqual(yn.numbers, [1, 0, 0, 1])
        XCTAssertEqual(yn.booleanLabels?.positive, "Yes")
        let tf = try table("paperless", ["TRUE", "false", "True", ""])
        XCTAssertEqual(tf.kind, .boolean)
        XCTAssertEqual(tf.numbers?.prefix(3), [1, 0, 1])
        XCTAssertTrue(tf.numbers?[3].isNaN == true)
        // 1/0 is boolean only with a yes/no-like name.
        XCTAssertEqual(try table("is_active", ["1", "0", "0"]).kind, .boolean)
        XCTAssertEqual(try table("logins", ["1", "0", "0"]).kind, .integer)
    }

    func testCategoricalIdentifierAndText() throws {
        let plans = try table("plan", (0..<100).map { ["basic", "pro", "team"][$0 % 3] })
        XCTAssertEqual(plans.kind, .categorical)
        XCTAssertEqual(plans.strings?.levels, ["basic", "pro", "team"])
        let refs = try table("order_ref", (0..<100).map { "R-\($0 * 31)" })
        XCTAssertEqual(refs.kind, .identifier)
        let emails = try table("email", (0..<100).map { "user\($0)@example.com" })
        XCTAssertEqual(emails.kind, .identifier)
        let comments = try table("comment", (0..<100).map { "customer said thing number \($0) about the service" })
        XCTAssertEqual(comments.kind, .text)
    }

    func testLeadingZerosStayText() throws {
        let zip = try table("zip", ["01234", "02115", "10001"])
        XCTAssertEqual(zip.kind, .categorical)
        XCTAssertEqual(zip.text(at: 0), "01234")
    }

    func testBlankCellsAreMissingInEveryKind() throws {
        let text = "customer_id,charges,since,plan,churn\nA, 1.5 ,2024-01-01,x,yes\nB, ,   , ,no\nC,,,,no\n"
        let d = try load(try write("blank.csv", text))
        let charges = try XCTUnwrap(d.table.column(named: "charges"))
        XCTAssertEqual(charges.kind, .decimal)
        XCTAssertEqual(charges.missingCount, 2)
        XCTAssertEqual(charges.numbers?[0], 1.5)
        XCTAssertEqual(d.table.column(named: "since")?.kind, .date)
        XCTAssertEqual(d.table.column(named: "since")?.missingCount, 2)
        XCTAssertEqual(d.table.column(named: "plan")?.missingCount, 2)
    }

    func testEmptyColumn() throws {
        let c = try table("unused", ["", " ", ""])
        XCTAssertEqual(c.kind, .empty)
        XCTAssertEqual(c.missingCount, 3)
    }

    func testISODatesAndDateTimes() throws {
        let dates = try table("signup", ["2024-01-31", "2023-12-01"])
        XCTAssertEqual(dates.kind, .date)
        XCTAssertEqual(dates.times, [CivilDate.days(year: 2024, month: 1, day: 31) * 86_400,
                                     CivilDate.days(year: 2023, month: 12, day: 1) * 86_400])
        let stamps = try table("seen", ["2024-01-31 13:45", "2024-01-31T13:45:30Z", "2024-01-31T15:45:30+02:00", "2024-01-31 01:05:00 PM"])
        XCTAssertEqual(stamps.kind, .datetime)
        let day = CivilDate.days(year: 2024, month: 1, day: 31) * 86_400
        XCTAssertEqual(stamps.times, [day + 13 * 3600 + 45 * 60, day + 13 * 3600 + 45 * 60 + 30,
                                      day + 13 * 3600 + 45 * 60 + 30, day + 13 * 3600 + 5 * 60])
    }

    func testDayFirstResolvedByADayOverTwelve() throws {
        let text = "customer_id,date,amount\nA,01/02/2024,1\nA,13/02/2024,2\nB,05/03/2024,3\nB,06/03/2024,4\n"
        let d = try load(try write("dmy.csv", text))
        let dates = try XCTUnwrap(d.table.column(named: "date"))
        XCTAssertEqual(dates.format, "DD/MM/YYYY")
        XCTAssertEqual(CivilDate.isoDate(seconds: dates.times?[0] ?? 0), "2024-02-01")
        XCTAssertTrue(d.notes.contains { $0.contains("DD/MM/YYYY because line 3") }, "\(d.notes)")
    }

    func testMonthFirstResolvedByADayOverTwelve() throws {
        let text = "customer_id,date,amount\nA,01.02.2024,1\nA,02.13.2024,2\nB,03.05.2024,3\nB,03.06.2024,4\n"
        let d = try load(try write("mdy.csv", text))
        let dates = try XCTUnwrap(d.table.column(named: "date"))
        XCTAssertEqual(dates.format, "MM.DD.YYYY")
        XCTAssertEqual(CivilDate.isoDate(seconds: dates.times?[0] ?? 0), "2024-01-02")
    }

    func testAmbiguousDatesAreAnErrorWithAHint() throws {
        let text = "customer_id,date,amount\nA,01/02/2024,1\nA,03/02/2024,2\nB,05/03/2024,3\n"
        let path = try write("amb.csv", text)
        let e = try XCTUnwrap(loadError(path))
        XCTAssertEqual(e.reason, .ambiguousDate)
        XCTAssertEqual(e.column, "date")
        XCTAssertEqual(e.exitCode, 65)
        XCTAssertTrue(e.message.contains("--date-format DD/MM/YYYY"), e.message)
        // Saying which order resolves it.
        let d = try load(path, IngestOptions(today: 20_000, dateOrder: DateOrder(formatText: "MM/DD/YYYY")))
        XCTAssertEqual(CivilDate.isoDate(seconds: d.table.column(named: "date")?.times?[0] ?? 0), "2024-01-02")
    }

    func testAmbiguityResolvedBeyondTheSample() throws {
        var text = "customer_id,date,amount\n"
        for i in 0..<25_000 { text += "C\(i % 900),0\(1 + i % 9)/0\(1 + i % 9)/2024,1\n" }
        text += "C1,25/12/2024,2\n"
        let d = try load(try write("late.csv", text))
        XCTAssertEqual(d.table.column(named: "date")?.format, "DD/MM/YYYY")
        XCTAssertTrue(d.notes.contains { $0.contains("line 25002") }, "\(d.notes)")
    }

    func testMixedDateOrderIsAnError() throws {
        let text = "customer_id,date,amount\nA,13/01/2024,1\nB,01/13/2024,2\n"
        let e = try XCTUnwrap(loadError(try write("mixed.csv", text)))
        XCTAssertEqual(e.reason, .mixedDateOrder)
        XCTAssertEqual(e.column, "date")
    }

    func testUnparseableDateInDateColumn() throws {
        let text = "customer_id,date,amount\nA,2024-01-01,1\nB,2024-01-02,2\nA,2024-02-30,3\nB,2024-03-01,2\n"
        let e = try XCTUnwrap(loadError(try write("baddate.csv", text)))
        XCTAssertEqual(e.reason, .notADate)
        XCTAssertEqual(e.line, 4)
        XCTAssertEqual(e.column, "date")
        XCTAssertTrue(e.message.contains("\"2024-02-30\""), e.message)
    }

    func testStrayTextInANonRoleColumnDemotesItToText() throws {
        // The stray value sits past the sampled head of the file.
        var text = "customer_id,visits,churn\n"
        for i in 0..<30_000 { text += "C\(i),\(i % 50),\(i % 3 == 0 ? "yes" : "no")\n" }
        text += "X1,unknown,no\n"
        let d = try load(try write("stray.csv", text))
        let visits = try XCTUnwrap(d.table.column(named: "visits"))
        XCTAssertFalse(visits.kind.isNumeric)
        XCTAssertEqual(visits.text(at: 30_000), "unknown")
        XCTAssertEqual(visits.text(at: 7), "7")
        XCTAssertEqual(d.table.rowCount, 30_001)
    }

    func testStrayTextInTheAmountColumnIsAnErrorWithItsLine() throws {
        var text = "customer_id,date,amount\n"
        for i in 0..<30_000 { text += "C\(i % 700),2024-01-0\(1 + i % 9),\(i % 90).5\n" }
        text += "C5,2024-02-01,n/a\n"
        let e = try XCTUnwrap(loadError(try write("strayamount.csv", text)))
        XCTAssertEqual(e.reason, .notANumber)
        XCTAssertEqual(e.line, 30_002)
        XCTAssertEqual(e.column, "amount")
        XCTAssertTrue(e.message.hasSuffix("line 30002, column \"amount\": \"n/a\" is not a number (expected a decimal like 12.34)"), e.message)
    }
}
