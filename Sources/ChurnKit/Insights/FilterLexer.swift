/// One token of a filter expression and the 1-based character position where it starts.
struct FilterToken: Equatable, Sendable {
    /// What the token is.
    enum Kind: Equatable, Sendable {
        case number(Double)
        case string(String)
        /// A bare or backquoted name; `quoted` is true for backquoted names, which are never keywords.
        case identifier(String, quoted: Bool)
        case equal, notEqual, less, lessOrEqual, greater, greaterOrEqual
        case and, or, not
        case leftParen, rightParen, leftBracket, rightBracket, comma
        case end
    }

    var kind: Kind
    /// 1-based character position of the first character.
    var column: Int
    /// The text as written (for messages).
    var text: String
}

/// Splits a filter expression into tokens.
///
/// Numbers: `12`, `-3.5`, `.5`, `1e-3`. Strings: in double or single quotes, with `\"`, `\'`, `\\`,
/// `\n` and `\t` escapes. Names: letters, digits, `_` and `.` (not starting with a digit), or any text
/// in backquotes (`` `contract=Month-to-month` ``). Operators: `== != < <= > >= = <>`, `&& || !`,
/// `( ) [ ] ,`. The words `and`, `or`, `not` (any case) become operators; `in`, `contains`, `is`,
/// `missing`, `true` and `false` stay identifiers and the parser gives them meaning in context.
struct FilterLexer {
    private let characters: [Character]
    private let expression: String
    private var position = 0

    init(_ expression: String) {
        self.expression = expression
        self.characters = Array(expression)
    }

    /// Every token, ending with `.end` positioned one past the last character.
    static func tokens(_ expression: String) throws -> [FilterToken] {
        var lexer = FilterLexer(expression)
        var tokens: [FilterToken] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private func error(_ column: Int, _ detail: String) -> FilterError {
        FilterError(expression: expression, column: column, detail: detail)
    }

    private func peek(_ offset: Int = 0) -> Character? {
        let i = position + offset
        return i < characters.count ? characters[i] : nil
    }

    private mutating func next() throws -> FilterToken {
        while let c = peek(), c.isWhitespace { position += 1 }
        let start = position
        let column = start + 1
        guard let c = peek() else { return FilterToken(kind: .end, column: column, text: "") }

        func token(_ kind: FilterToken.Kind, length: Int) -> FilterToken {
            position = start + length
            return FilterToken(kind: kind, column: column, text: String(characters[start..<position]))
        }

        switch c {
        case "(": return token(.leftParen, length: 1)
        case ")": return token(.rightParen, length: 1)
        case "[": return token(.leftBracket, length: 1)
        case "]": return token(.rightBracket, length: 1)
        case ",": return token(.comma, length: 1)
        case "=":
            return token(.equal, length: peek(1) == "=" ? 2 : 1)
        case "!":
            return peek(1) == "=" ? token(.notEqual, length: 2) : token(.not, length: 1)
        case "<":
            if peek(1) == "=" { return token(.lessOrEqual, length: 2) }
            if peek(1) == ">" { return token(.notEqual, length: 2) }
            return token(.less, length: 1)
        case ">":
            return peek(1) == "=" ? token(.greaterOrEqual, length: 2) : token(.greater, length: 1)
        case "&":
            guard peek(1) == "&" else { throw error(column, "'&' on its own is not an operator; write 'and' or '&&'") }
            return token(.and, length: 2)
        case "|":
            guard peek(1) == "|" else { throw error(column, "'|' on its own is not an operator; write 'or' or '||'") }
            return token(.or, length: 2)
        case "\"", "'":
            return try string(quote: c)
        case "`":
            return try backquoted()
        default:
            break
        }
        if c.isASCII, c.isNumber || (c == "." && peek(1).map { $0.isASCII && $0.isNumber } == true) {
            return try number()
        }
        if c == "-", let d = peek(1), d.isASCII, d.isNumber || (d == "." && peek(2).map { $0.isASCII && $0.isNumber } == true) {
            return try number()
        }
        if c.isLetter || c == "_" {
            while let d = peek(), d.isLetter || d.isNumber || d == "_" || d == "." { position += 1 }
            let text = String(characters[start..<position])
            switch text.lowercased() {
            case "and": return FilterToken(kind: .and, column: column, text: text)
            case "or": return FilterToken(kind: .or, column: column, text: text)
            case "not": return FilterToken(kind: .not, column: column, text: text)
            default: return FilterToken(kind: .identifier(text, quoted: false), column: column, text: text)
            }
        }
        throw error(column, "unexpected character '\(c)'; names with spaces or symbols go in backquotes, like `monthly charges`")
    }

    /// A decimal number with optional sign, fraction and exponent.
    private mutating func number() throws -> FilterToken {
        let start = position
        if peek() == "-" { position += 1 }
        func digits() { while let d = peek(), d.isASCII, d.isNumber { position += 1 } }
        digits()
        if peek() == "." { position += 1; digits() }
        if let e = peek(), e == "e" || e == "E" {
            var look = 1
            if let s = peek(1), s == "+" || s == "-" { look = 2 }
            if let d = peek(look), d.isASCII, d.isNumber {
                position += look
                digits()
            }
        }
        let text = String(characters[start..<position])
        if let d = peek(), d.isLetter || d == "_" {
            throw error(position + 1, "a number cannot run into letters ('\(text)\(d)'); put a space between them or backquote a name")
        }
        guard let value = Double(text) else { throw error(start + 1, "'\(text)' is not a number") }
        return FilterToken(kind: .number(value), column: start + 1, text: text)
    }

    /// A quoted string with backslash escapes.
    private mutating func string(quote: Character) throws -> FilterToken {
        let start = position
        position += 1
        var value = ""
        while let c = peek() {
            position += 1
            if c == quote {
                return FilterToken(kind: .string(value), column: start + 1, text: String(characters[start..<position]))
            }
            if c == "\\" {
                guard let escaped = peek() else { break }
                position += 1
                switch escaped {
                case "n": value.append("\n")
                case "t": value.append("\t")
                case "\\", "\"", "'": value.append(escaped)
                default:
                    throw error(position, "unknown escape '\\\(escaped)' in a string; use \\\\, \\\", \\', \\n or \\t")
                }
            } else {
                value.append(c)
            }
        }
        throw error(start + 1, "unterminated string; add the closing \(quote) at its end")
    }

    /// A name in backquotes; may hold spaces, `=` and other symbols.
    private mutating func backquoted() throws -> FilterToken {
        let start = position
        position += 1
        var name = ""
        while let c = peek() {
            position += 1
            if c == "`" {
                guard !name.isEmpty else { throw error(start + 1, "empty name in backquotes") }
                return FilterToken(kind: .identifier(name, quoted: true), column: start + 1,
                                   text: String(characters[start..<position]))
            }
            name.append(c)
        }
        throw error(start + 1, "unterminated name: add the closing `")
    }
}
