import ChurnKit

/// A theme that cannot be found or read, with the file and line at fault.
public enum ThemeError: UserFacingError, Equatable {
    case notFound(name: String, searched: [String], available: [String])
    case unreadable(path: String, reason: String)
    case badLine(path: String, line: Int, text: String, problem: String)

    public var message: String {
        switch self {
        case .notFound(let name, let searched, let available):
            return "no theme named \"\(name)\" (looked in \(searched.joined(separator: ", "))); available themes: \(available.joined(separator: ", "))."
        case .unreadable(let path, let reason):
            return "cannot read the theme \(path): \(reason)."
        case .badLine(let path, let line, let text, let problem):
            return "\(path) line \(line): \(problem) in \"\(text)\" (expected `role = foreground background [attributes]`, see themes/README.md)."
        }
    }

    public var exitCode: Int32 {
        switch self {
        case .notFound: return ExitCode.usage
        case .unreadable: return ExitCode.noInput
        case .badLine: return ExitCode.dataError
        }
    }
}
