/// A recursive-descent parser from filter text to a `FilterExpression`.
///
/// Grammar (keywords in any case; `not` binds tighter than `and`, which binds tighter than `or`):
///
///     expression := conjunction ( ("or" | "||") conjunction )*
///     conjunction := unary ( ("and" | "&&") unary )*
///     unary      := ("not" | "!") unary | primary
///     primary    := "(" expression ")" | operand predicate?
///     predicate  := ("==" | "=" | "!=" | "<>" | "<" | "<=" | ">" | ">=") operand
///                 | "not"? "in" "[" (operand ("," operand)*)? "]"
///                 | "contains" operand
///                 | "is" "not"? "missing"
///     operand    := NUMBER | STRING | "true" | "false" | NAME | `BACKQUOTED NAME`
struct FilterParser {
    private let expression: String
    private let tokens: [FilterToken]
    private var index = 0

    /// Words that cannot be used as bare field names (backquote them to use such a field).
    static let reservedWords: Set<String> = ["and", "or", "not", "in", "contains", "is", "missing", "true", "false"]

    /// Parses a whole expression.
    /// - Throws: `FilterError` at the first mistake.
    static func parse(_ expression: String) throws -> FilterExpression {
        var parser = try FilterParser(expression)
        if parser.current.kind == .end {
            throw FilterError(expression: expression, column: 1,
                              detail: "the filter is empty; write a condition such as risk > 0.7")
        }
        let result = try parser.parseOr()
        let token = parser.current
        switch token.kind {
        case .end:
            return result
        case .rightParen:
            throw parser.error(token.column, "')' has no matching '('")
        default:
            throw parser.error(token.column, "unexpected \(describe(token)) after a complete condition; join conditions with 'and' or 'or'")
        }
    }

    private init(_ expression: String) throws {
        self.expression = expression
        self.tokens = try FilterLexer.tokens(expression)
    }

    private var current: FilterToken { tokens[index] }

    private func lookahead(_ offset: Int) -> FilterToken {
        tokens[min(index + offset, tokens.count - 1)]
    }

    private mutating func advance() { if index < tokens.count - 1 { index += 1 } }

    private func error(_ column: Int, _ detail: String) -> FilterError {
        FilterError(expression: expression, column: column, detail: detail)
    }

    /// Whether the current token is the unquoted word `word` (any case).
    private func isWord(_ word: String, _ token: FilterToken? = nil) -> Bool {
        if case .identifier(let name, quoted: false) = (token ?? current).kind { return name.lowercased() == word }
        return false
    }

    private mutating func parseOr() throws -> FilterExpression {
        var left = try parseAnd()
        while current.kind == .or {
            let operatorText = current.text
            advance()
            if current.kind == .end {
                throw error(current.column, "expected a condition after '\(operatorText)'")
            }
            let right = try parseAnd()
            left = .or(left, right)
        }
        return left
    }

    private mutating func parseAnd() throws -> FilterExpression {
        var left = try parseUnary()
        while current.kind == .and {
            let operatorText = current.text
            advance()
            if current.kind == .end {
                throw error(current.column, "expected a condition after '\(operatorText)'")
            }
            let right = try parseUnary()
            left = .and(left, right)
        }
        return left
    }

    private mutating func parseUnary() throws -> FilterExpression {
        if current.kind == .not {
            let column = current.column
            let operatorText = current.text
            advance()
            if current.kind == .end {
                throw error(current.column, "expected a condition after '\(operatorText)'")
            }
            return .not(try parseUnary(), column: column)
        }
        return try parsePrimary()
    }

    private mutating func parsePrimary() throws -> FilterExpression {
        if current.kind == .leftParen {
            let open = current.column
            advance()
            if current.kind == .rightParen { throw error(current.column, "empty parentheses; put a condition inside") }
            let inner = try parseOr()
            guard current.kind == .rightParen else {
                if current.kind == .end {
                    throw error(current.column, "missing ')' to close the '(' at column \(open)")
                }
                throw error(current.column, "expected ')' to close the '(' at column \(open), found \(Self.describe(current))")
            }
            advance()
            return inner
        }
        let left = try parseOperand(expected: "a field name, a value or '('")
        return try parsePredicate(after: left)
    }

    private mutating func parsePredicate(after left: FilterOperand) throws -> FilterExpression {
        let token = current
        if let comparison = Self.comparison(token.kind) {
            advance()
            let right = try parseOperand(expected: "a value after '\(token.text)'")
            return .comparison(left, comparison, right, column: token.column)
        }
        if isWord("in") {
            advance()
            return .membership(left, try parseList(), negated: false, column: token.column)
        }
        if token.kind == .not, isWord("in", lookahead(1)) {
            advance()
            advance()
            return .membership(left, try parseList(), negated: true, column: token.column)
        }
        if isWord("contains") {
            advance()
            let right = try parseOperand(expected: "a quoted string after 'contains'")
            return .contains(left, right, column: token.column)
        }
        if isWord("is") {
            advance()
            var negated = false
            if current.kind == .not {
                negated = true
                advance()
            }
            guard isWord("missing") else {
                throw error(current.column, "expected 'missing' after '\(negated ? "is not" : "is")', found \(Self.describe(current))")
            }
            advance()
            return .missing(left, negated: negated, column: token.column)
        }
        return .truth(left)
    }

    /// `[` operand (`,` operand)* `]`, possibly empty.
    private mutating func parseList() throws -> [FilterOperand] {
        guard current.kind == .leftBracket else {
            throw error(current.column, "expected '[' to start the list of values, found \(Self.describe(current))")
        }
        let open = current.column
        advance()
        var values: [FilterOperand] = []
        if current.kind == .rightBracket {
            advance()
            return values
        }
        while true {
            values.append(try parseOperand(expected: "a value in the list"))
            if current.kind == .comma {
                advance()
                continue
            }
            if current.kind == .rightBracket {
                advance()
                return values
            }
            if current.kind == .end {
                throw error(current.column, "missing ']' to close the list at column \(open)")
            }
            throw error(current.column, "expected ',' or ']' in the list, found \(Self.describe(current))")
        }
    }

    private mutating func parseOperand(expected: String) throws -> FilterOperand {
        let token = current
        switch token.kind {
        case .number(let value):
            advance()
            return FilterOperand(.number(value), column: token.column)
        case .string(let value):
            advance()
            return FilterOperand(.string(value), column: token.column)
        case .identifier(let name, let quoted):
            if !quoted {
                switch name.lowercased() {
                case "true":
                    advance()
                    return FilterOperand(.number(1), column: token.column)
                case "false":
                    advance()
                    return FilterOperand(.number(0), column: token.column)
                case let word where Self.reservedWords.contains(word):
                    throw error(token.column, "expected \(expected), found the keyword '\(name)' (backquote a field with that name: `\(name)`)")
                default:
                    break
                }
            }
            advance()
            return FilterOperand(.field(name), column: token.column)
        case .end:
            throw error(token.column, "expected \(expected)")
        default:
            throw error(token.column, "expected \(expected), found \(Self.describe(token))")
        }
    }

    private static func comparison(_ kind: FilterToken.Kind) -> FilterComparison? {
        switch kind {
        case .equal: return .equal
        case .notEqual: return .notEqual
        case .less: return .less
        case .lessOrEqual: return .lessOrEqual
        case .greater: return .greater
        case .greaterOrEqual: return .greaterOrEqual
        default: return nil
        }
    }

    /// How a token is named in messages.
    static func describe(_ token: FilterToken) -> String {
        token.kind == .end ? "the end of the filter" : "'\(token.text)'"
    }
}
