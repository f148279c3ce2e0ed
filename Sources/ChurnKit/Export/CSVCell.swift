import Foundation

/// One cell of an exported CSV file: text, a number, or nothing.
///
/// The distinction matters for safety: only text can carry a spreadsheet formula, so only text cells
/// are neutralised (see `CSVField`); numbers are written as numbers, negative ones included.
public enum CSVCell: Sendable, Equatable {
    case text(String)
    /// A number; NaN and infinities are written as an empty cell.
    case number(Double)
    case empty

    /// A number rounded to `decimals` places (NaN stays NaN, so it exports as empty).
    public static func number(_ x: Double, decimals: Int) -> CSVCell {
        guard x.isFinite else { return .number(x) }
        let scale = pow(10, Double(decimals))
        return .number((x * scale).rounded() / scale)
    }
}

/// Encoding of single CSV fields: RFC 4180 quoting and formula neutralisation.
///
/// Rules, in order:
/// 1. `.empty` and non-finite numbers are written as nothing.
/// 2. `.number` is written as a number: whole numbers without a fraction ("-12"), others with Swift's
///    shortest round-trip digits ("0.7834", "-3.5"; exponent form such as "1e-05" only for very small or
///    very large magnitudes, which spreadsheets read too); never neutralised.
/// 3. `.text` is neutralised when its first character is one of = + - @, a tab or a carriage return
///    (the OWASP "CSV injection" list): a single quote is put in front ("=SUM(A1)" becomes "'=SUM(A1)"),
///    so spreadsheet programs show it as text instead of evaluating it. Exception: a text that is entirely
///    a plain decimal number ("-12", "+3.5", "-1e3") is left alone, because a spreadsheet reads it as
///    that number and nothing in it can run.
/// 4. A field is enclosed in double quotes when it contains the delimiter, a double quote, CR or LF, or
///    begins or ends with a space; double quotes inside are doubled (RFC 4180).
public enum CSVField {
    /// The characters that make a spreadsheet treat a cell as a formula.
    public static let formulaTriggers: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

    /// The cell as it appears between delimiters.
    public static func encode(_ cell: CSVCell, delimiter: Character = ",") -> String {
        switch cell {
        case .empty:
            return ""
        case .number(let x):
            return numberText(x)
        case .text(let s):
            return quoteIfNeeded(neutralise(s), delimiter: delimiter)
        }
    }

    /// `text` with a leading single quote when it would otherwise start a formula (rule 3 above).
    public static func neutralise(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, formulaTriggers.contains(Character(first)) else { return text }
        if isPlainNumber(text) { return text }
        return "'" + text
    }

    /// `field` in double quotes (inner quotes doubled) when RFC 4180 requires it (rule 4 above).
    public static func quoteIfNeeded(_ field: String, delimiter: Character = ",") -> String {
        var needs = field.hasPrefix(" ") || field.hasSuffix(" ")
        if !needs {
            for scalar in field.unicodeScalars where scalar == "\"" || scalar == "\n" || scalar == "\r"
                || Character(scalar) == delimiter {
                needs = true
                break
            }
        }
        guard needs else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The text of a finite number (rule 2), "" otherwise.
    public static func numberText(_ x: Double) -> String {
        guard x.isFinite else { return "" }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }

    /// True for an optional sign, digits with an optional fraction, and an optional exponent ("-1.5e3").
    static func isPlainNumber(_ text: String) -> Bool {
        var scalars = Array(text.unicodeScalars)[...]
        if let f = scalars.first, f == "+" || f == "-" { scalars = scalars.dropFirst() }
        func digits() -> Int {
            var n = 0
            while let c = scalars.first, ("0"..."9").contains(c) { scalars = scalars.dropFirst(); n += 1 }
            return n
        }
        var count = digits()
        if scalars.first == "." { scalars = scalars.dropFirst(); count += digits() }
        guard count > 0 else { return false }
        if let e = scalars.first, e == "e" || e == "E" {
            scalars = scalars.dropFirst()
            if let s = scalars.first, s == "+" || s == "-" { scalars = scalars.dropFirst() }
            guard digits() > 0 else { return false }
        }
        return scalars.isEmpty
    }
}
