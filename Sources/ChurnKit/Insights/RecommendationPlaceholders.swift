import Foundation

/// Filling `{placeholder}` fields of recommendation templates with a customer's facts.
///
/// Placeholders: `{customer_id}`, `{risk_percent}` ("78%"), `{risk}` ("0.78"), `{risk_tier}`, `{value}`,
/// `{driver}` (the driver's title), `{action}`, `{top_reason}` (the first reason), `{reasons}` (all reasons,
/// "; "-separated), `{agent_name}`, any feature name (the customer's value of that feature: whole numbers
/// without decimals, others with up to two) and any extra fact the caller supplies. `{{` and `}}` are
/// literal braces. A placeholder with no value for this customer is left in the text as written and
/// reported in `missing`, so a script never silently reads out a wrong figure.
public enum RecommendationPlaceholders {
    /// Replaces every placeholder in `template` using `lookup`; returns the text and the names not found.
    public static func fill(_ template: String, lookup: (String) -> String?) -> (text: String, missing: [String]) {
        let chars = Array(template)
        var out = ""
        var missing: [String] = []
        var k = 0
        while k < chars.count {
            let c = chars[k]
            let next: Character? = k + 1 < chars.count ? chars[k + 1] : nil
            if (c == "{" || c == "}") && next == c {   // {{ and }} are literal braces
                out.append(c)
                k += 2
                continue
            }
            if c == "{", let close = chars[(k + 1)...].firstIndex(where: { $0 == "}" || $0 == "{" }), chars[close] == "}" {
                let written = String(chars[(k + 1)..<close])
                let key = written.trimmingCharacters(in: .whitespaces)
                if !key.isEmpty, let value = lookup(key) {
                    out.append(value)
                } else {
                    out.append("{" + written + "}")
                    if !key.isEmpty && !missing.contains(key) { missing.append(key) }
                }
                k = close + 1
                continue
            }
            out.append(c)
            k += 1
        }
        return (out, missing)
    }

    /// A description of the first broken placeholder in `template` (an unclosed `{`, an empty `{}`, a stray
    /// `}` or a name with characters other than letters, digits, `_`, `=`, `-`, `.` and spaces), or nil.
    public static func syntaxProblem(in template: String) -> String? {
        let chars = Array(template)
        var k = 0
        while k < chars.count {
            let c = chars[k]
            if c == "{" {
                if k + 1 < chars.count && chars[k + 1] == "{" { k += 2; continue }
                guard let close = chars[(k + 1)...].firstIndex(of: "}") else {
                    return "a '{' is never closed by '}' (write {{ for a literal brace)"
                }
                let name = String(chars[(k + 1)..<close]).trimmingCharacters(in: .whitespaces)
                if name.isEmpty { return "an empty placeholder {} (name a fact such as {customer_id})" }
                if let bad = name.first(where: { !($0.isLetter || $0.isNumber || "_=-. ".contains($0)) }) {
                    return "placeholder {\(name)} contains '\(bad)'; names use letters, digits and _ (write {{ for a literal brace)"
                }
                k = close + 1
                continue
            }
            if c == "}" {
                if k + 1 < chars.count && chars[k + 1] == "}" { k += 2; continue }
                return "a '}' has no matching '{' (write }} for a literal brace)"
            }
            k += 1
        }
        return nil
    }

    /// A feature value as text: whole numbers without decimals, others with up to two decimals (trailing
    /// zeros removed); nil for a missing (NaN) value.
    public static func format(_ x: Double) -> String? {
        guard x.isFinite else { return nil }
        if x == x.rounded() && abs(x) < 1e15 { return String(Int64(x)) }
        var s = String(format: "%.2f", x)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s == "-0" ? "0" : s
    }
}
