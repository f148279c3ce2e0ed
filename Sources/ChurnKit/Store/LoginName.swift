import Foundation

/// The name of the person using churn, recorded as the author of imports, notes and settings.
public enum LoginName {
    /// The login name: `getlogin()`, else `$LOGNAME`/`$USER`, else the password entry of the user id, else "unknown".
    public static func current(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let name = getlogin().map({ String(cString: $0) }), !name.isEmpty { return name }
        for key in ["LOGNAME", "USER"] {
            if let name = environment[key], !name.isEmpty { return name }
        }
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name {
            let text = String(cString: name)
            if !text.isEmpty { return text }
        }
        return "unknown"
    }
}
