import Foundation

/// Words that mean "churned" / "stayed" (for targets) and "yes" / "no" (for boolean columns).
enum OutcomeVocabulary {
    /// Target values read as churned (compared trimmed and lower-cased).
    static let churned: Set<String> = [
        "yes", "y", "true", "t", "1", "1.0", "churn", "churned", "churner", "left", "lost", "cancelled", "canceled",
        "cancel", "closed", "inactive", "exited", "exit", "attrited", "attrited customer", "gone", "terminated",
        "lapsed", "lapsed customer", "former", "former customer",
    ]
    /// Target values read as retained.
    static let retained: Set<String> = [
        "no", "n", "false", "f", "0", "0.0", "retained", "stayed", "stay", "active", "current", "existing",
        "existing customer", "renewed", "kept", "not churned", "no churn", "current customer", "active customer",
    ]
    /// Values of a yes/no column read as 1.
    static let yes: Set<String> = ["yes", "y", "true", "t"]
    /// Values of a yes/no column read as 0.
    static let no: Set<String> = ["no", "n", "false", "f"]

    static func normalize(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespaces).lowercased()
    }
}
