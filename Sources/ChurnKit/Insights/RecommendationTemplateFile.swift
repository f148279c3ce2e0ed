import Foundation

/// Reads user overrides of the recommendation templates from `recommendations.toml`.
///
/// Location: `$XDG_CONFIG_HOME/churn/recommendations.toml` (an absolute XDG_CONFIG_HOME), else
/// `~/.config/churn/recommendations.toml`. A missing file means "use the built-in templates".
///
/// Format (a small subset of TOML, so editors highlight it):
/// ```
/// # Comments start with '#'.
/// [long_absence]                  # a driver: long_absence, declining_frequency, falling_spend,
///                                 # payment_issues, support_burden, short_tenure, usage_decline,
///                                 # price, other, none
/// action = "Call within 3 days with a 15% voucher"
/// email_subject = "We miss you, {first_name}"
/// call_script = """
/// Hello, this is {agent_name} about account {customer_id}.
/// It has been {days_since_last_purchase} days since your last order.
/// """
/// ```
/// Keys: `action`, `call_script`, `email_subject`, `email_body`. Values are "basic strings" (escapes
/// \" \\ \n \t \uXXXX), 'literal strings', or the multi-line forms """...""" and '''...''' (a newline right
/// after the opening quotes is dropped, as in TOML). Fields not given keep the built-in text; drivers not
/// named keep all of theirs. Placeholders are `{name}`; write `{{` and `}}` for literal braces.
public enum RecommendationTemplateFile {
    /// The field names a section may set.
    public static let keys = ["action", "call_script", "email_subject", "email_body"]

    /// The path of the user's file (whether or not it exists).
    public static func path(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let config = environment["XDG_CONFIG_HOME"], config.hasPrefix("/") {
            return config + "/churn/recommendations.toml"
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.config/churn/recommendations.toml"
    }

    /// The built-in templates with the user's file applied, if there is one.
    public static func load(environment: [String: String] = ProcessInfo.processInfo.environment,
                            base: RecommendationTemplates = .standard) throws -> RecommendationTemplates {
        let file = path(environment: environment)
        guard FileManager.default.fileExists(atPath: file) else { return base }
        return try load(path: file, base: base)
    }

    /// `base` with the file at `path` applied.
    public static func load(path: String, base: RecommendationTemplates = .standard) throws -> RecommendationTemplates {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RecommendationTemplateError("Cannot read the recommendations file \(path).", exitCode: ExitCode.noInput)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw RecommendationTemplateError("\(path) is not UTF-8 text; save it as UTF-8.")
        }
        return try apply(text, source: path, to: base)
    }

    /// `base` with the overrides in `text` applied; `source` names the file in messages.
    public static func apply(_ text: String, source: String, to base: RecommendationTemplates) throws -> RecommendationTemplates {
        var result = base
        var parser = Parser(text: text, source: source)
        var section: RiskDriver?
        var seen = Set<String>()
        while let entry = try parser.next() {
            switch entry {
            case .section(let name, let line, let column):
                guard let driver = RiskDriver(rawValue: name) else {
                    let names = RiskDriver.allCases.map(\.rawValue)
                    let hint = Suggestion.closest(to: name, in: names).map { ", did you mean '\($0)'?" }
                        ?? ". Drivers: \(names.joined(separator: ", "))."
                    throw RecommendationTemplateError("\(source) line \(line), column \(column): unknown driver '\(name)'\(hint)")
                }
                section = driver
            case .pair(let key, let value, let line, let column, let valueColumn):
                guard let driver = section else {
                    throw RecommendationTemplateError("\(source) line \(line), column \(column): '\(key)' comes before any [driver] section; "
                        + "start with a line such as [long_absence].")
                }
                guard keys.contains(key) else {
                    let hint = Suggestion.closest(to: key, in: keys).map { ", did you mean '\($0)'?" }
                        ?? ". Fields: \(keys.joined(separator: ", "))."
                    throw RecommendationTemplateError("\(source) line \(line), column \(column): unknown field '\(key)'\(hint)")
                }
                guard seen.insert("\(driver.rawValue).\(key)").inserted else {
                    throw RecommendationTemplateError("\(source) line \(line), column \(column): '\(key)' is set twice in [\(driver.rawValue)].")
                }
                if let problem = RecommendationPlaceholders.syntaxProblem(in: value) {
                    throw RecommendationTemplateError("\(source) line \(line), column \(valueColumn): \(problem)")
                }
                var template = result.template(for: driver)
                switch key {
                case "action": template.action = value
                case "call_script": template.callScript = value
                case "email_subject": template.emailSubject = value
                default: template.emailBody = value
                }
                result.set(template, for: driver)
            }
        }
        return result
    }

    /// `templates` written in this file format, every driver and field, for users to copy and edit
    /// (reading the text back gives `templates` again).
    public static func text(for templates: RecommendationTemplates) -> String {
        var out = """
            # Recommendation templates for churn. Save as ~/.config/churn/recommendations.toml (or
            # $XDG_CONFIG_HOME/churn/recommendations.toml) and edit; fields you delete keep the built-in text.
            # Placeholders: {customer_id} {risk_percent} {risk} {risk_tier} {value} {driver} {action}
            # {top_reason} {reasons} {agent_name}, any feature name, e.g. {days_since_last_purchase}.
            # Write {{ and }} for literal braces.

            """
        func quoted(_ value: String) -> String {
            var escaped = ""
            for scalar in value.unicodeScalars {
                switch scalar {
                case "\\": escaped += "\\\\"
                case "\"": escaped += "\\\""
                case "\r": escaped += "\\r"
                default: escaped.unicodeScalars.append(scalar)
                }
            }
            return value.unicodeScalars.contains("\n") ? "\"\"\"\n" + escaped + "\"\"\"" : "\"" + escaped + "\""
        }
        for driver in RiskDriver.allCases {
            let t = templates.template(for: driver)
            out += "\n[\(driver.rawValue)]   # \(driver.title)\n"
            for (key, value) in zip(keys, [t.action, t.callScript, t.emailSubject, t.emailBody]) {
                out += "\(key) = \(quoted(value))\n"
            }
        }
        return out
    }

    enum Entry {
        case section(String, line: Int, column: Int)
        case pair(key: String, value: String, line: Int, column: Int, valueColumn: Int)
    }

    /// A line-oriented reader of the TOML subset above, tracking line and column (1-based, in characters).
    struct Parser {
        let source: String
        private let chars: [Character]
        private var i = 0
        private var line = 1
        private var lineStart = 0

        init(text: String, source: String) {
            self.source = source
            var c = Array(text.replacingOccurrences(of: "\r\n", with: "\n"))
            if c.first == "\u{FEFF}" { c.removeFirst() }
            chars = c
        }

        private var column: Int { i - lineStart + 1 }
        private func error(_ what: String, column: Int? = nil) -> RecommendationTemplateError {
            RecommendationTemplateError("\(source) line \(line), column \(column ?? self.column): \(what)")
        }
        private func peek(_ offset: Int = 0) -> Character? { i + offset < chars.count ? chars[i + offset] : nil }
        private mutating func skipSpaces() { while let c = peek(), c == " " || c == "\t" { i += 1 } }
        private mutating func newline() { line += 1; lineStart = i }

        /// After a value or header: spaces, an optional comment, then the end of the line.
        private mutating func endOfLine() throws {
            skipSpaces()
            if peek() == "#" { while let c = peek(), c != "\n" { i += 1 } }
            guard let c = peek() else { return }
            guard c == "\n" else { throw error("unexpected '\(c)' after the value; put one setting per line") }
            i += 1
            newline()
        }

        mutating func next() throws -> Entry? {
            while true {
                skipSpaces()
                guard let c = peek() else { return nil }
                if c == "\n" { i += 1; newline(); continue }
                if c == "#" { try endOfLine(); continue }
                let startLine = line, startColumn = column
                if c == "[" {
                    i += 1
                    skipSpaces()
                    let nameColumn = column
                    let name = bareKey()
                    skipSpaces()
                    guard !name.isEmpty, peek() == "]" else {
                        throw error("expected a driver name and ']' (e.g. [long_absence])", column: name.isEmpty ? nameColumn : nil)
                    }
                    i += 1
                    try endOfLine()
                    return .section(name, line: startLine, column: nameColumn)
                }
                let key = bareKey()
                guard !key.isEmpty else { throw error("expected a field name such as action = \"...\", found '\(c)'") }
                skipSpaces()
                guard peek() == "=" else { throw error("expected '=' after '\(key)'") }
                i += 1
                skipSpaces()
                let valueColumn = column
                let value = try stringValue()
                try endOfLine()
                return .pair(key: key, value: value, line: startLine, column: startColumn, valueColumn: valueColumn)
            }
        }

        private mutating func bareKey() -> String {
            var s = ""
            while let c = peek(), c.isLetter || c.isNumber || c == "_" || c == "-" { s.append(c); i += 1 }
            return s
        }

        private mutating func stringValue() throws -> String {
            guard let q = peek(), q == "\"" || q == "'" else {
                throw error("expected a quoted string after '=' (\"...\", '...' or \"\"\"...\"\"\" for several lines)")
            }
            let basic = q == "\""
            let openLine = line
            if peek(1) == q && peek(2) == q {
                i += 3
                if peek() == "\n" { i += 1; newline() }
                return try body(quote: q, basic: basic, multiline: true, openLine: openLine)
            }
            i += 1
            return try body(quote: q, basic: basic, multiline: false, openLine: openLine)
        }

        private mutating func body(quote: Character, basic: Bool, multiline: Bool, openLine: Int) throws -> String {
            var s = ""
            while true {
                guard let c = peek() else {
                    throw RecommendationTemplateError("\(source) line \(openLine): the string opened here is never closed (missing \(multiline ? String(repeating: quote, count: 3) : String(quote))).")
                }
                if c == quote {
                    if !multiline { i += 1; return s }
                    if peek(1) == quote && peek(2) == quote { i += 3; return s }
                }
                if c == "\n" {
                    guard multiline else { throw error("the string is not closed before the end of the line (use \"\"\" for several lines)") }
                    s.append("\n"); i += 1; newline(); continue
                }
                if basic && c == "\\" {
                    i += 1
                    guard let e = peek() else { continue }
                    i += 1
                    switch e {
                    case "n": s.append("\n")
                    case "t": s.append("\t")
                    case "\"": s.append("\"")
                    case "\\": s.append("\\")
                    case "r": s.append("\r")
                    case "u":
                        let hex = String((0..<4).compactMap { peek($0) })
                        guard hex.count == 4, let code = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(code) else {
                            throw error("\\u must be followed by four hexadecimal digits", column: column - 2)
                        }
                        s.unicodeScalars.append(scalar)
                        i += 4
                    default:
                        throw error("unknown escape '\\\(e)' (use \\n, \\t, \\\", \\\\ or \\uXXXX)", column: column - 2)
                    }
                    continue
                }
                s.append(c)
                i += 1
            }
        }
    }
}
