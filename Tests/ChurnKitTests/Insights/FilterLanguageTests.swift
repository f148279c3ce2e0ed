import XCTest
@testable import ChurnKit

/// Every operator, precedence and missing-value rule on the hand table of `FilterFixtures`.
final class FilterLanguageTests: XCTestCase {
    private func check(_ expression: String, _ expected: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(try FilterFixtures.ids(expression), expected, expression, file: file, line: line)
    }

    func testComparisonsOnNumbersLeaveMissingOut() throws {
        try check("risk > 0.7", ["c1", "c2"])
        try check("risk >= 0.75", ["c1", "c2"])
        try check("risk < 0.5", ["c4", "c5"])
        try check("risk <= 0.5", ["c3", "c4", "c5"])
        try check("risk == 0.5", ["c3"])
        try check("risk = 0.5", ["c3"])
        // c6 has no risk: != is false there, as every comparison with a missing value.
        try check("risk != 0.5", ["c1", "c2", "c4", "c5"])
        try check("risk <> 0.5", ["c1", "c2", "c4", "c5"])
        try check("not risk == 0.5", ["c1", "c2", "c4", "c5", "c6"])
        try check("late_payments >= 3", ["c1", "c3"])
        try check("0.7 < risk", ["c1", "c2"])
        try check("late_payments > risk", ["c1", "c3", "c5"])
        try check("risk > -1e3", ["c1", "c2", "c3", "c4", "c5"])
    }

    func testTextEqualityIsExactAndContainsIgnoresCase() throws {
        try check(#"contract == "Month-to-month""#, ["c1", "c3"])
        try check("contract == 'One year'", ["c2"])
        try check(#"contract != "Month-to-month""#, ["c2", "c5", "c6"])
        try check(#"contract contains "MONTH""#, ["c1", "c3", "c6"])
        try check(#"contract contains "year""#, ["c2", "c5"])
    }

    func testMembership() throws {
        try check(#"contract in ["One year", "Two year"]"#, ["c2", "c5"])
        try check(#"contract not in ["One year", "Two year"]"#, ["c1", "c3", "c6"])
        try check(#"not (contract in ["One year", "Two year"])"#, ["c1", "c3", "c4", "c6"])
        try check("late_payments in [0, 1, 2]", ["c2", "c5", "c6"])
        try check("late_payments not in [0, 1, 2]", ["c1", "c3"])
        try check("late_payments in []", [])
        // Long lists take another path (a hash set) than short ones.
        let long = (6...25).map(String.init).joined(separator: ", ")
        try check("late_payments in [0, 1, 2, \(long)]", ["c2", "c5", "c6"])
        try check("late_payments not in [0, 1, 2, \(long)]", ["c1", "c3"])
    }

    func testMissing() throws {
        try check("contract is missing", ["c4"])
        try check("risk is missing", ["c6"])
        try check("late_payments is not missing", ["c1", "c2", "c3", "c5", "c6"])
        try check("contract IS NOT MISSING and risk is missing", ["c6"])
    }

    func testLogicAndBareNumberFields() throws {
        try check("senior", ["c1", "c5"])
        try check("not senior", ["c2", "c3", "c4", "c6"])
        try check("!senior", ["c2", "c3", "c4", "c6"])
        try check("senior == true", ["c1", "c5"])
        try check("senior == false", ["c2", "c4", "c6"])
        try check("risk > 0.7 && late_payments >= 3", ["c1"])
        try check("risk > 0.7 || late_payments >= 3", ["c1", "c2", "c3"])
        try check("`monthly charges` > 50", ["c1", "c3"])
        try check(#"RISK > 0.7 AND contract == "One year""#, ["c2"])
    }

    func testPrecedenceNotAndOr() throws {
        // a = {c5}, b = {c1, c3}, c = {c1, c3}... chosen so that the two groupings differ:
        // a or (b and c) = {c1, c3, c5}; (a or b) and c = {c1, c3}.
        let a = "risk < 0.2", b = "late_payments >= 3", c = #"contract == "Month-to-month""#
        try check("\(a) or \(b) and \(c)", ["c1", "c3", "c5"])
        try check("\(a) or (\(b) and \(c))", ["c1", "c3", "c5"])
        try check("(\(a) or \(b)) and \(c)", ["c1", "c3"])
        // not binds tighter than and: (not risk > 0.7) and late_payments >= 3.
        try check("not risk > 0.7 and late_payments >= 3", ["c3"])
        try check("not (risk > 0.7 and late_payments >= 3)", ["c2", "c3", "c4", "c5", "c6"])

        let tree = try CustomerFilter("x or y and not z").expression
        let x = FilterExpression.truth(FilterOperand(.field("x"), column: 1))
        let y = FilterExpression.truth(FilterOperand(.field("y"), column: 6))
        let z = FilterExpression.truth(FilterOperand(.field("z"), column: 16))
        XCTAssertEqual(tree, .or(x, .and(y, .not(z, column: 12))))
        let chain = try CustomerFilter("x and y and z").expression
        XCTAssertEqual(chain, .and(.and(x, .truth(FilterOperand(.field("y"), column: 7))),
                                   .truth(FilterOperand(.field("z"), column: 13))))
    }

    func testLexerStringsEscapesAndNames() throws {
        let tokens = try FilterLexer.tokens(#"a == "say \"hi\"\n" or `b=c d` != 'it\'s' and -.5e1 < x"#)
        let kinds = tokens.map(\.kind)
        XCTAssertEqual(kinds, [
            .identifier("a", quoted: false), .equal, .string("say \"hi\"\n"), .or,
            .identifier("b=c d", quoted: true), .notEqual, .string("it's"), .and,
            .number(-5), .less, .identifier("x", quoted: false), .end,
        ])
        XCTAssertEqual(tokens.map(\.column), [1, 3, 6, 21, 24, 32, 35, 43, 47, 53, 55, 56])
    }

    func testWarnsAboutTextNoCustomerHas() throws {
        let bound = try CustomerFilter(#"contract == "One Year""#).bind(to: FilterFixtures.table())
        XCTAssertEqual(bound.warnings.map(\.message), [#"column 13: no customer has contract "One Year"; did you mean "One year"?"#])
        XCTAssertEqual(bound.evaluate().count, 0)
    }

    func testFieldNamesAreListed() throws {
        XCTAssertEqual(try CustomerFilter("a > 1 and (b in [1] or a < 0 or `c d` is missing)").fieldNames, ["a", "b", "c d"])
    }
}

/// Invalid expressions: exact positions and messages.
final class FilterErrorTests: XCTestCase {
    private func expect(_ expression: String, _ message: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(FilterFixtures.failure(expression, file: file, line: line), message, expression, file: file, line: line)
    }

    func testUnknownFieldsSuggestTheClosest() {
        expect("risk>0.7 and late_paymnts >= 3", "column 14: unknown field 'late_paymnts', did you mean 'late_payments'?")
        expect("monthly_charges > 3", "column 1: unknown field 'monthly_charges', did you mean `monthly charges`?")
        expect("risk > 0.7 and zebra > 1",
               "column 16: unknown field 'zebra'; the fields are risk, late_payments, contract, `monthly charges`, senior")
    }

    func testSyntaxErrors() {
        expect("risk >", "column 7: expected a value after '>'")
        expect("risk > and senior", "column 8: expected a value after '>', found 'and'")
        expect(#"contract == "Month"#, #"column 13: unterminated string; add the closing " at its end"#)
        expect("`monthly charges > 3", "column 1: unterminated name: add the closing `")
        expect("risk > 0.7 late_payments",
               "column 12: unexpected 'late_payments' after a complete condition; join conditions with 'and' or 'or'")
        expect("(risk > 0.7", "column 12: missing ')' to close the '(' at column 1")
        expect("risk > 0.7)", "column 11: ')' has no matching '('")
        expect("risk & 1", "column 6: '&' on its own is not an operator; write 'and' or '&&'")
        expect("risk is nothing", "column 9: expected 'missing' after 'is', found 'nothing'")
        expect("", "column 1: the filter is empty; write a condition such as risk > 0.7")
        expect("   ", "column 1: the filter is empty; write a condition such as risk > 0.7")
        expect("risk > 0.7 and", "column 15: expected a condition after 'and'")
        expect("risk > 0.7 or not", "column 18: expected a condition after 'not'")
        expect("risk in 0.5", "column 9: expected '[' to start the list of values, found '0.5'")
        expect("risk in [0.5, 0.7", "column 18: missing ']' to close the list at column 9")
        expect("risk in [0.5 0.7]", "column 14: expected ',' or ']' in the list, found '0.7'")
        expect("risk > 0.7 and in > 3",
               "column 16: expected a field name, a value or '(', found the keyword 'in' (backquote a field with that name: `in`)")
        expect("risk > 3abc", "column 9: a number cannot run into letters ('3a'); put a space between them or backquote a name")
        expect(#"contract == "a\q""#, #"column 16: unknown escape '\q' in a string; use \\, \", \', \n or \t"#)
        expect("risk > 0.7 or ()", "column 16: empty parentheses; put a condition inside")
        expect("risk > 0.5 $", "column 12: unexpected character '$'; names with spaces or symbols go in backquotes, like `monthly charges`")
        expect("(risk > 0.7 senior)", "column 13: expected ')' to close the '(' at column 1, found 'senior'")
    }

    func testTypeErrors() {
        expect("contract == 3", "column 1: 'contract' is text; compare it with a quoted string")
        expect("3 == contract", "column 6: 'contract' is text; compare it with a quoted string")
        expect(#"risk > "high""#, "column 1: 'risk' is a number; compare it with a number, not a quoted string")
        expect(#"contract > "A""#, "column 10: 'contract' is text, so '>' does not apply; use ==, !=, in, contains or is missing")
        expect(#"late_payments in [1, "a"]"#, "column 22: 'late_payments' is a number; every value in the list must be a number")
        expect(#"contract in ["One year", 2]"#, "column 26: 'contract' is text; every value in the list must be a quoted string")
        expect(#"late_payments contains "a""#, "column 1: 'late_payments' is a number; 'contains' applies to text fields")
        expect("contract contains 3", "column 19: expected a quoted string after 'contains'")
        expect("contract", #"column 1: 'contract' is text; compare it with a quoted string, e.g. contract == "...""#)
        expect("3 > 2", "column 1: a comparison needs a field on one side, e.g. risk > 0.7")
        expect("0.5", "column 1: a value on its own is not a condition; compare a field with it, e.g. risk > 0.7")
        expect("risk == contract", "column 9: 'contract' is text and 'risk' is a number; they cannot be compared")
    }

    func testCaretLineAndExitCode() throws {
        do {
            _ = try CustomerFilter("risk >")
            XCTFail("should fail")
        } catch let error as FilterError {
            XCTAssertEqual(error.column, 7)
            XCTAssertEqual(error.caretLine, "      ^")
            XCTAssertEqual(error.annotated, "risk >\n      ^\ncolumn 7: expected a value after '>'")
            XCTAssertEqual(error.exitCode, ExitCode.usage)
            XCTAssertEqual(error.description, "column 7: expected a value after '>'")
        }
    }
}
