/// Reading meaning from column names: normalised forms, words, and the edit distance for "did you mean".
enum ColumnNames {
    /// Lowercase letters and digits only: "Customer ID" -> "customerid".
    static func normalized(_ name: String) -> String {
        String(String.UnicodeScalarView(name.lowercased().unicodeScalars.filter {
            ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9")
        }))
    }

    /// Words of a name split at separators and camelCase: "customerID" -> ["customer", "id"].
    static func words(_ name: String) -> [String] {
        var words: [String] = []
        var current = ""
        var previousLower = false
        for ch in name {
            if !(ch.isLetter || ch.isNumber) {
                if !current.isEmpty { words.append(current.lowercased()); current = "" }
                previousLower = false
                continue
            }
            if ch.isUppercase && previousLower && !current.isEmpty { words.append(current.lowercased()); current = "" }
            current.append(ch)
            previousLower = ch.isLowercase || ch.isNumber
        }
        if !current.isEmpty { words.append(current.lowercased()) }
        return words
    }

    /// Whether a name says the column identifies something ("customer_id", "OrderKey", "uuid").
    static func isIdentifierLike(_ name: String) -> Bool {
        guard let last = words(name).last else { return false }
        return ["id", "key", "uuid", "guid", "code", "number", "no", "num", "ref", "identifier"].contains(last)
    }

    /// Whether a name suggests a yes/no column ("is_active", "HasCard", "churn_flag").
    static func isBooleanLike(_ name: String) -> Bool {
        let w = words(name)
        guard let first = w.first else { return false }
        return ["is", "has", "was", "did", "can", "does", "flag"].contains(first) || w.contains("flag")
    }

    /// Levenshtein distance, case-insensitive.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a.lowercased()), y = Array(b.lowercased())
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[y.count]
    }

    /// The closest name within a distance that makes a typo plausible.
    static func closest(to name: String, in names: [String]) -> String? {
        let scored = names.map { ($0, editDistance(name, $0)) }.sorted { $0.1 < $1.1 }
        guard let best = scored.first else { return nil }
        let limit = max(2, name.count / 3)
        if best.1 <= limit { return best.0 }
        // A name that contains the other (e.g. "amount" in "order_amount").
        let lowered = name.lowercased()
        return names.first { $0.lowercased().contains(lowered) || lowered.contains($0.lowercased()) }
    }
}
