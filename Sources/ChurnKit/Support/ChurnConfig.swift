import Foundation

/// The user's settings file, `$XDG_CONFIG_HOME/churn/config.toml` (default `~/.config/churn/config.toml`):
/// defaults for the command-line options, which still win when given.
///
/// The format is the flat subset of TOML churn needs, one `key = value` per line, `#` comments:
///
///     workspace = "~/retention/workspace.sqlite"   # the default --db
///     theme = "light"                               # default, light, high-contrast, monochrome or a file
///     ascii = false                                 # --ascii
///     color = true                                  # false is --no-color
///     mouse = false                                 # --mouse
///
/// A mistake in the file never stops churn: `problems` lists each one with its line, and the keys
/// that were read still apply.
public struct ChurnConfig: Sendable, Equatable {
    /// The keys the file may set.
    public static let keys = ["workspace", "theme", "ascii", "color", "mouse"]

    /// The file read (it may not exist).
    public var path: String
    public var exists = false
    public var workspace: String?
    public var theme: String?
    public var ascii: Bool?
    public var color: Bool?
    public var mouse: Bool?
    /// One line per mistake: "config.toml line 3: ...".
    public var problems: [String] = []

    public init(path: String) { self.path = path }

    /// The configuration directory: `$XDG_CONFIG_HOME/churn` or `~/.config/churn`.
    public static func directory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? home + "/.config"
        return base + "/churn"
    }

    /// Reads the configuration file of `environment` (missing: every key unset).
    public static func load(environment: [String: String] = ProcessInfo.processInfo.environment) -> ChurnConfig {
        let path = directory(environment: environment) + "/config.toml"
        var config = ChurnConfig(path: path)
        guard FileManager.default.fileExists(atPath: path) else { return config }
        config.exists = true
        guard let data = FileManager.default.contents(atPath: path) else {
            config.problems.append("\(path): cannot be read")
            return config
        }
        config.read(String(decoding: data, as: UTF8.self), home: environment["HOME"] ?? NSHomeDirectory())
        return config
    }

    /// Parses the text of a configuration file into this value.
    public mutating func read(_ text: String, home: String) {
        let name = (path as NSString).lastPathComponent
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let where_ = "\(name) line \(index + 1)"
            let line = Self.withoutComment(String(rawLine)).trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            if line.hasPrefix("[") {
                problems.append("\(where_): tables ([...]) are not used by churn; write key = value lines")
                continue
            }
            guard let equals = line.firstIndex(of: "=") else {
                problems.append("\(where_): expected key = value, found \"\(line)\"")
                continue
            }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            switch key {
            case "workspace", "theme":
                guard let text = Self.string(value) else {
                    problems.append("\(where_): \(key) expects a quoted string, e.g. \(key) = \"...\"")
                    continue
                }
                if key == "workspace" {
                    workspace = text.hasPrefix("~/") ? home + text.dropFirst(1) : text
                } else {
                    theme = text
                }
            case "ascii", "color", "mouse":
                guard value == "true" || value == "false" else {
                    problems.append("\(where_): \(key) expects true or false, found \(value)")
                    continue
                }
                let flag = value == "true"
                if key == "ascii" { ascii = flag } else if key == "color" { color = flag } else { mouse = flag }
            default:
                let hint = Suggestion.closest(to: key, in: Self.keys).map { "; did you mean \($0)?" } ?? "; known keys: " + Self.keys.joined(separator: ", ")
                problems.append("\(where_): unknown key \(key)\(hint)")
            }
        }
    }

    /// The line without a `#` comment (a `#` inside a quoted string stays).
    private static func withoutComment(_ line: String) -> String {
        var quoted = false
        for (i, c) in line.enumerated() {
            if c == "\"" { quoted.toggle() }
            if c == "#" && !quoted { return String(line.prefix(i)) }
        }
        return line
    }

    /// A TOML basic or literal string's contents, or nil.
    private static func string(_ value: String) -> String? {
        guard value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first else { return nil }
        let inner = String(value.dropFirst().dropLast())
        guard first == "\"" else { return inner }
        return inner.replacingOccurrences(of: "\\\"", with: "\"").replacingOccurrences(of: "\\\\", with: "\\")
    }
}
