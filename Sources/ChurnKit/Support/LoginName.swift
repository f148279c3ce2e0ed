import Foundation

/// The name of the person running churn, recorded as the author of notes, imports and settings.
public enum LoginName {
    /// `$USER`, else `$LOGNAME`, else the password database entry of the real user id, else "unknown".
    public static var current: String {
        let env = ProcessInfo.processInfo.environment
        for key in ["USER", "LOGNAME"] {
            if let name = env[key], !name.isEmpty { return name }
        }
        if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name {
            return String(cString: name)
        }
        return "unknown"
    }
}
