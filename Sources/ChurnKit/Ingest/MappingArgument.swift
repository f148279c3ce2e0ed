import Foundation

/// Parsing of `--map role=column` arguments into a `ColumnMapping`.
extension ColumnMapping {
    /// Builds a mapping from arguments such as `customer=user_id` or `target=Churn`.
    ///
    /// Throws `MappingArgumentError` for a missing `=`, an empty side, an unknown role (with a
    /// suggestion) or a role given twice.
    public static func parse(arguments: [String]) throws -> ColumnMapping {
        var mapping = ColumnMapping()
        for argument in arguments {
            guard let eq = argument.firstIndex(of: "=") else {
                throw MappingArgumentError(argument: argument, problem: "expected ROLE=COLUMN, e.g. customer=user_id")
            }
            let roleName = argument[..<eq].trimmingCharacters(in: .whitespaces).lowercased()
            let column = String(argument[argument.index(after: eq)...]).trimmingCharacters(in: .whitespaces)
            guard !column.isEmpty else {
                throw MappingArgumentError(argument: argument, problem: "the column name after '=' is empty")
            }
            guard let role = ColumnRole(rawValue: roleName) else {
                let roles = ColumnRole.allCases.map(\.rawValue)
                var problem = "unknown role '\(roleName)'"
                if let guess = Suggestion.closest(to: roleName, in: roles) { problem += ", did you mean '\(guess)'?" }
                problem += " (roles: \(roles.joined(separator: ", ")))"
                throw MappingArgumentError(argument: argument, problem: problem)
            }
            if let earlier = mapping[role], earlier != column {
                throw MappingArgumentError(argument: argument, problem: "role '\(role.rawValue)' is already mapped to '\(earlier)'")
            }
            mapping[role] = column
        }
        return mapping
    }
}

/// A `--map` argument that could not be read.
public struct MappingArgumentError: UserFacingError {
    /// The argument as typed.
    public var argument: String
    /// What is wrong with it.
    public var problem: String

    public var message: String { "--map \(argument): \(problem)" }
    public var exitCode: Int32 { ExitCode.usage }
}
