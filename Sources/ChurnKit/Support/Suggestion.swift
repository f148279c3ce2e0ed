/// "Did you mean" suggestions for names a user typed.
public enum Suggestion {
    /// The candidate closest to `word` by edit distance (case-insensitive), if it is close enough to be a
    /// plausible typo: at most a third of the word's length, and at least 1 edit allowed.
    public static func closest(to word: String, in candidates: [String]) -> String? {
        let target = Array(word.lowercased().unicodeScalars)
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let d = editDistance(target, Array(candidate.lowercased().unicodeScalars))
            if let current = best, current.distance <= d { continue }
            best = (candidate, d)
        }
        guard let found = best else { return nil }
        let allowed = max(1, target.count / 3)
        return found.distance <= allowed ? found.name : nil
    }

    /// The Levenshtein distance between two strings.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        editDistance(Array(a.unicodeScalars), Array(b.unicodeScalars))
    }

    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
