import XCTest
@testable import ChurnKit

final class SuggestionTests: XCTestCase {
    func testEditDistanceKnownAnswers() {
        XCTAssertEqual(Suggestion.editDistance("kitten", "sitting"), 3)
        XCTAssertEqual(Suggestion.editDistance("", "abc"), 3)
        XCTAssertEqual(Suggestion.editDistance("late_paymnts", "late_payments"), 1)
        XCTAssertEqual(Suggestion.editDistance("same", "same"), 0)
    }

    func testClosestSuggestsTyposButNotStrangers() {
        let names = ["customer", "date", "amount", "quantity", "category", "target"]
        XCTAssertEqual(Suggestion.closest(to: "custmer", in: names), "customer")
        XCTAssertEqual(Suggestion.closest(to: "AMOUNT", in: names), "amount")
        XCTAssertNil(Suggestion.closest(to: "zebra", in: names))
    }
}

final class MappingArgumentTests: XCTestCase {
    func testParsesRolesCaseInsensitively() throws {
        let m = try ColumnMapping.parse(arguments: ["customer=user_id", "Target=Churn", " date = order date "])
        XCTAssertEqual(m[.customer], "user_id")
        XCTAssertEqual(m[.target], "Churn")
        XCTAssertEqual(m[.date], "order date")
        XCTAssertNil(m[.amount])
    }

    func testUnknownRoleSuggestsTheClosest() {
        XCTAssertThrowsError(try ColumnMapping.parse(arguments: ["custmer=id"])) { error in
            let message = (error as? MappingArgumentError)?.message ?? ""
            XCTAssertTrue(message.contains("unknown role 'custmer'"), message)
            XCTAssertTrue(message.contains("did you mean 'customer'?"), message)
            XCTAssertEqual((error as? MappingArgumentError)?.exitCode, 64)
        }
    }

    func testMalformedArgumentsAreRejected() {
        XCTAssertThrowsError(try ColumnMapping.parse(arguments: ["customer"]))
        XCTAssertThrowsError(try ColumnMapping.parse(arguments: ["customer="]))
        XCTAssertThrowsError(try ColumnMapping.parse(arguments: ["customer=a", "customer=b"]))
    }
}

final class CivilDateTests: XCTestCase {
    func testDaysMatchKnownDates() {
        XCTAssertEqual(CivilDate.days(year: 1970, month: 1, day: 1), 0)
        XCTAssertEqual(CivilDate.days(year: 2000, month: 3, day: 1), 11_017)
        XCTAssertEqual(CivilDate.days(year: 1969, month: 12, day: 31), -1)
        // 2024-02-29 is 19782 days after 1970-01-01 (checked with `date -d 2024-02-29 +%s` / 86400).
        XCTAssertEqual(CivilDate.days(year: 2024, month: 2, day: 29), 19_782)
    }

    func testRoundTripOverFourCenturies() {
        var d = CivilDate.days(year: 1800, month: 1, day: 1)
        let end = CivilDate.days(year: 2200, month: 1, day: 1)
        while d < end {
            let (y, m, day) = CivilDate.civil(days: d)
            XCTAssertTrue(CivilDate.isValid(year: y, month: m, day: day))
            XCTAssertEqual(CivilDate.days(year: y, month: m, day: day), d)
            d += 1
        }
    }

    func testWeekdayAndFormatting() {
        XCTAssertEqual(CivilDate.weekday(days: 0), 3) // Thursday
        XCTAssertEqual(CivilDate.weekday(days: CivilDate.days(year: 2024, month: 12, day: 1)), 6) // Sunday
        XCTAssertEqual(CivilDate.isoDate(days: 19_782), "2024-02-29")
        XCTAssertEqual(CivilDate.isoDateTime(seconds: 19_782 * 86_400 + 3_661), "2024-02-29 01:01:01")
        XCTAssertEqual(CivilDate.parseISODate("2024-02-30"), nil)
        XCTAssertEqual(CivilDate.parseISODate("2024-02-29"), 19_782)
        XCTAssertFalse(CivilDate.isValid(year: 1900, month: 2, day: 29))
        XCTAssertTrue(CivilDate.isValid(year: 2000, month: 2, day: 29))
    }
}
