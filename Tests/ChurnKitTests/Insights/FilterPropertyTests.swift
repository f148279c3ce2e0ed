import Foundation
import XCTest
@testable import ChurnKit

/// Random expressions over random data: the column-at-a-time evaluator must agree with a naive
/// row-by-row evaluation that is built alongside the expression text (so the parser, the precedence
/// rules, the checker and the evaluator are all checked against an independent answer).
final class FilterPropertyTests: XCTestCase {
    /// A generated condition: its text, how tightly it binds (0 or, 1 and, 2 unary/atom) and its meaning.
    private struct Generated {
        var text: String
        var precedence: Int
        var holds: (Int) -> Bool
    }

    private struct Data {
        var x: [Double]
        var y: [Double]
        var s: [String?]
        var t: [String?]
    }

    private let textValues = ["alpha", "Beta", "gamma delta", "alp", "beta"]

    private func makeData(rows: Int, random: inout SeededRandom) -> Data {
        let numbers: [Double] = [-2, -1, 0, 0.5, 1, 2, .nan]
        func number() -> Double { numbers[random.nextInt(below: numbers.count)] }
        func text() -> String? {
            let k = random.nextInt(below: textValues.count + 1)
            return k == textValues.count ? nil : textValues[k]
        }
        return Data(x: (0..<rows).map { _ in number() }, y: (0..<rows).map { _ in number() },
                    s: (0..<rows).map { _ in text() }, t: (0..<rows).reversed().map { _ in text() })
    }

    private func generate(_ data: Data, depth: Int, random: inout SeededRandom) -> Generated {
        if depth == 0 || random.nextInt(below: 3) == 0 { return leaf(data, random: &random) }
        switch random.nextInt(below: 5) {
        case 0:
            let inner = generate(data, depth: depth - 1, random: &random)
            let word = ["not ", "NOT ", "!"][random.nextInt(below: 3)]
            let text = inner.precedence < 2 || random.nextInt(below: 4) == 0 ? "(\(inner.text))" : inner.text
            let f = inner.holds
            return Generated(text: word + text, precedence: 2, holds: { !f($0) })
        case 1, 2:
            let l = generate(data, depth: depth - 1, random: &random)
            let r = generate(data, depth: depth - 1, random: &random)
            let word = [" and ", " && ", " AND "][random.nextInt(below: 3)]
            let (lf, rf) = (l.holds, r.holds)
            return Generated(text: wrap(l, below: 1, &random) + word + wrap(r, below: 2, &random), precedence: 1,
                             holds: { lf($0) && rf($0) })
        default:
            let l = generate(data, depth: depth - 1, random: &random)
            let r = generate(data, depth: depth - 1, random: &random)
            let word = [" or ", " || ", " Or "][random.nextInt(below: 3)]
            let (lf, rf) = (l.holds, r.holds)
            return Generated(text: wrap(l, below: 0, &random) + word + wrap(r, below: 1, &random), precedence: 0,
                             holds: { lf($0) || rf($0) })
        }
    }

    /// Parenthesises `g` when it binds looser than `below`, and sometimes anyway.
    private func wrap(_ g: Generated, below: Int, _ random: inout SeededRandom) -> String {
        g.precedence < below || random.nextInt(below: 5) == 0 ? "(\(g.text))" : g.text
    }

    private func leaf(_ data: Data, random: inout SeededRandom) -> Generated {
        let literals: [Double] = [-2, -1, 0, 0.5, 1, 2, 3]
        let ops: [(String, (Double, Double) -> Bool)] = [
            ("==", { $0 == $1 }), ("!=", { $0 != $1 }), ("<", { $0 < $1 }),
            ("<=", { $0 <= $1 }), (">", { $0 > $1 }), (">=", { $0 >= $1 }),
        ]
        let swappedOps = ["==": "==", "!=": "!=", "<": ">", "<=": ">=", ">": "<", ">=": "<="]
        let numberField = random.nextInt(below: 2) == 0 ? ("x", data.x) : ("y", data.y)
        let textField = random.nextInt(below: 2) == 0 ? ("s", data.s) : ("t", data.t)
        let textLiterals = textValues + ["ALPHA", "zzz"]
        func present(_ v: Double) -> Bool { !v.isNaN }
        let column = numberField.1
        let strings = textField.1

        switch random.nextInt(below: 10) {
        case 0:
            let (op, f) = ops[random.nextInt(below: ops.count)]
            let c = literals[random.nextInt(below: literals.count)]
            let literal = c == c.rounded() ? String(Int(c)) : String(c)
            if random.nextInt(below: 3) == 0 {
                // Literal on the left: `c op x` means `x swapped(op) c`.
                return Generated(text: "\(literal) \(swappedOps[op] ?? op) \(numberField.0)", precedence: 2,
                                 holds: { present(column[$0]) && f(column[$0], c) })
            }
            return Generated(text: "\(numberField.0) \(op) \(literal)", precedence: 2,
                             holds: { present(column[$0]) && f(column[$0], c) })
        case 1:
            let (op, f) = ops[random.nextInt(below: ops.count)]
            let (x, y) = (data.x, data.y)
            return Generated(text: "x \(op) y", precedence: 2,
                             holds: { present(x[$0]) && present(y[$0]) && f(x[$0], y[$0]) })
        case 2:
            let equal = random.nextInt(below: 2) == 0
            let literal = textLiterals[random.nextInt(below: textLiterals.count)]
            let quote = random.nextInt(below: 2) == 0 ? "\"" : "'"
            return Generated(text: "\(textField.0) \(equal ? "==" : "!=") \(quote)\(literal)\(quote)", precedence: 2,
                             holds: { strings[$0].map { ($0 == literal) == equal } ?? false })
        case 3:
            let equal = random.nextInt(below: 2) == 0
            let (s, t) = (data.s, data.t)
            return Generated(text: "s \(equal ? "==" : "!=") t", precedence: 2, holds: {
                guard let a = s[$0], let b = t[$0] else { return false }
                return (a == b) == equal
            })
        case 4:
            let negated = random.nextInt(below: 2) == 0
            let list = (0..<random.nextInt(below: 4)).map { _ in literals[random.nextInt(below: literals.count)] }
            let text = list.map { $0 == $0.rounded() ? String(Int($0)) : String($0) }.joined(separator: ", ")
            return Generated(text: "\(numberField.0) \(negated ? "not in" : "in") [\(text)]", precedence: 2,
                             holds: { present(column[$0]) && list.contains(column[$0]) != negated })
        case 5:
            let negated = random.nextInt(below: 2) == 0
            let list = (0..<random.nextInt(below: 4)).map { _ in textLiterals[random.nextInt(below: textLiterals.count)] }
            let text = list.map { "\"\($0)\"" }.joined(separator: ",")
            return Generated(text: "\(textField.0) \(negated ? "NOT IN" : "in") [\(text)]", precedence: 2,
                             holds: { strings[$0].map { list.contains($0) != negated } ?? false })
        case 6:
            let pieces = ["al", "BE", "a d", "", "zz", "ta"]
            let piece = pieces[random.nextInt(below: pieces.count)]
            return Generated(text: "\(textField.0) contains \"\(piece)\"", precedence: 2, holds: { row in
                guard let value = strings[row] else { return false }
                return piece.isEmpty || value.lowercased().range(of: piece.lowercased()) != nil
            })
        case 7:
            let negated = random.nextInt(below: 2) == 0
            return Generated(text: "\(numberField.0) is \(negated ? "not " : "")missing", precedence: 2,
                             holds: { present(column[$0]) == negated })
        case 8:
            let negated = random.nextInt(below: 2) == 0
            return Generated(text: "\(textField.0) is \(negated ? "not " : "")missing", precedence: 2,
                             holds: { (strings[$0] != nil) == negated })
        default:
            return Generated(text: numberField.0, precedence: 2, holds: { present(column[$0]) && column[$0] != 0 })
        }
    }

    func testColumnarEvaluationAgreesWithRowByRow() throws {
        var random = SeededRandom(seed: 20_240_4)
        for (trial, rows) in [0, 1, 63, 64, 65, 200, 517].enumerated() {
            let data = makeData(rows: rows, random: &random)
            let table = try CustomerTable(customerIDs: (0..<rows).map { "c\($0)" }, fields: [
                .number("x", data.x), .number("y", data.y), .text("s", data.s), .text("t", data.t),
            ])
            for _ in 0..<150 {
                let g = generate(data, depth: 4, random: &random)
                let selection = try CustomerFilter(g.text).evaluate(on: table)
                let expected = (0..<rows).filter(g.holds)
                XCTAssertEqual(selection.indices, expected, "trial \(trial): \(g.text)")
                XCTAssertEqual(selection.count, expected.count)
            }
        }
    }

    func testRowSelectionSetOperationsKeepTailBitsClear() {
        let a = RowSelection(rowCount: 130, indices: [0, 63, 64, 129, 200])
        XCTAssertEqual(a.indices, [0, 63, 64, 129])
        let notA = a.complement()
        XCTAssertEqual(notA.count, 126)
        XCTAssertFalse(notA[129])
        XCTAssertFalse(notA[130])
        XCTAssertEqual(notA.complement(), a)
        let b = RowSelection((0..<130).map { $0 % 2 == 0 })
        XCTAssertEqual(a.intersection(b).indices, [0, 64])
        XCTAssertEqual(a.union(b).count, 65 + 2)
        XCTAssertEqual(RowSelection(rowCount: 70, selectingAll: true).count, 70)
        XCTAssertEqual(b.flags, (0..<130).map { $0 % 2 == 0 })
    }
}
