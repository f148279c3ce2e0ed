import ChurnKit
import Foundation

/// Finds and parses theme files (format in themes/README.md).
public enum ThemeLoader {
    /// The folder for user themes: `$XDG_CONFIG_HOME/churn/themes`, else `~/.config/churn/themes`.
    public static func userThemeFolder(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let config = environment["XDG_CONFIG_HOME"], config.hasPrefix("/") {
            return (config as NSString).appendingPathComponent("churn/themes")
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return (home as NSString).appendingPathComponent(".config/churn/themes")
    }

    /// Theme names available: the built-in ones and the `.theme` files of the user folder.
    public static func available(environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        let folder = userThemeFolder(environment: environment)
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        let user = files.filter { $0.hasSuffix(".theme") }.map { String($0.dropLast(6)) }
        var names = BuiltinThemes.names
        for name in user.sorted() where !names.contains(name) { names.append(name) }
        return names
    }

    /// Loads a theme by name (user folder first, then built-in) or by path (when `name` contains `/`).
    public static func load(_ name: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Theme {
        if name.contains("/") {
            return try parse(readFile(name), name: ((name as NSString).lastPathComponent as NSString).deletingPathExtension, path: name)
        }
        let folder = userThemeFolder(environment: environment)
        let userPath = (folder as NSString).appendingPathComponent(name + ".theme")
        if FileManager.default.fileExists(atPath: userPath) {
            return try parse(readFile(userPath), name: name, path: userPath)
        }
        if let text = BuiltinThemes.files[name] {
            return try parse(text, name: name, path: "built-in theme \(name)")
        }
        throw ThemeError.notFound(name: name, searched: [folder, "the built-in themes"],
                                  available: available(environment: environment))
    }

    /// The built-in monochrome theme (always valid).
    public static var monochrome: Theme {
        (try? parse(BuiltinThemes.files["monochrome"] ?? "", name: "monochrome", path: "built-in")) ?? Theme(name: "monochrome", styles: [:])
    }

    /// Parses theme text; `path` names the file in errors.
    public static func parse(_ text: String, name: String, path: String) throws -> Theme {
        var styles: [ColorRole: ThemeStyle] = [:]
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            func bad(_ problem: String) -> ThemeError {
                .badLine(path: path, line: index + 1, text: line, problem: problem)
            }
            guard let equals = line.firstIndex(of: "=") else { throw bad("no `=`") }
            let roleName = line[..<equals].trimmingCharacters(in: .whitespaces)
            guard let role = ColorRole(rawValue: roleName) else {
                throw bad("unknown role \"\(roleName)\" (roles: \(ColorRole.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            let words = line[line.index(after: equals)...]
                .split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }).map(String.init)
            guard words.count >= 2 else { throw bad("a foreground and a background colour are needed") }
            guard let foreground = ThemeColor(words[0]) else { throw bad("unknown colour \"\(words[0])\"") }
            guard let background = ThemeColor(words[1]) else { throw bad("unknown colour \"\(words[1])\"") }
            var attributes: TextAttributes = []
            for word in words.dropFirst(2) {
                switch word.lowercased() {
                case "bold": attributes.insert(.bold)
                case "dim": attributes.insert(.dim)
                case "reverse": attributes.insert(.reverse)
                case "underline": attributes.insert(.underline)
                case "none", "-": break
                default: throw bad("unknown attribute \"\(word)\" (bold, dim, reverse, underline)")
                }
            }
            styles[role] = ThemeStyle(foreground, background, attributes)
        }
        return Theme(name: name, styles: styles)
    }

    private static func readFile(_ path: String) throws -> String {
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ThemeError.unreadable(path: path, reason: (error as NSError).localizedDescription)
        }
    }
}
