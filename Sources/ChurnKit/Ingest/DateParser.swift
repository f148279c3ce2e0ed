/// The order of the parts of a date.
enum DateLayout: UInt8, Sendable {
    /// `YYYY-MM-DD` (also with `/` or `.`).
    case yearMonthDay
    /// `DD/MM/YYYY` (also with `-` or `.`).
    case dayMonthYear
    /// `MM/DD/YYYY` (also with `-` or `.`).
    case monthDayYear

    /// How the layout is written for users, with the separator seen in the data.
    func pattern(separator: UInt8, withTime: Bool) -> String {
        let s = String(UnicodeScalar(separator))
        let date: String
        switch self {
        case .yearMonthDay: date = "YYYY\(s)MM\(s)DD"
        case .dayMonthYear: date = "DD\(s)MM\(s)YYYY"
        case .monthDayYear: date = "MM\(s)DD\(s)YYYY"
        }
        return withTime ? date + " HH:MM:SS" : date
    }
}

/// The raw parts of a date or date-time as written: three numbers and an optional time of day.
struct DateParts {
    var first = 0, second = 0, third = 0
    var firstLength = 0, thirdLength = 0
    var separator: UInt8 = 0x2D
    /// Seconds after midnight, already shifted to UTC by any offset written in the text.
    var secondsOfDay = 0
    var hasTime = false

    /// Whether the text puts the year first.
    var yearFirst: Bool { firstLength == 4 }

    /// Seconds since 1970 (UTC) in a layout, or nil when the parts are not a real date in it.
    @inline(__always)
    func seconds(_ layout: DateLayout) -> Int64? {
        let y: Int, m: Int, d: Int
        switch layout {
        case .yearMonthDay:
            guard firstLength == 4 else { return nil }
            y = first; m = second; d = third
        case .dayMonthYear:
            guard thirdLength == 4 else { return nil }
            y = third; m = second; d = first
        case .monthDayYear:
            guard thirdLength == 4 else { return nil }
            y = third; m = first; d = second
        }
        guard CivilDate.isValid(year: y, month: m, day: d) else { return nil }
        return CivilDate.days(year: y, month: m, day: d) * CivilDate.secondsPerDay + Int64(secondsOfDay)
    }
}

/// Reads dates and date-times from bytes by hand: `Y-M-D`, `A/B/YYYY` (separators `-` `/` `.`), optionally
/// followed by `T` or spaces and `H:MM[:SS[.fff]]`, `AM`/`PM`, and `Z` or an offset such as `+02:00`.
enum DateParser {
    /// The parts of `base[start..<end]`, or nil when it does not look like a date.
    @inline(__always)
    static func scan(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> DateParts? {
        var i = start, e = end
        while i < e && (base[i] == 0x20 || base[i] == 0x09) { i += 1 }
        while e > i && (base[e - 1] == 0x20 || base[e - 1] == 0x09) { e -= 1 }
        var parts = DateParts()
        // Fast path: exactly YYYY-MM-DD.
        if e - i == 10 && base[i + 4] == 0x2D && base[i + 7] == 0x2D {
            let d = { (k: Int) -> Int in Int(base[i + k] &- 0x30) }
            if d(0) < 10 && d(1) < 10 && d(2) < 10 && d(3) < 10 && d(5) < 10 && d(6) < 10 && d(8) < 10 && d(9) < 10 {
                parts.first = d(0) * 1000 + d(1) * 100 + d(2) * 10 + d(3)
                parts.second = d(5) * 10 + d(6)
                parts.third = d(8) * 10 + d(9)
                parts.firstLength = 4; parts.thirdLength = 2
                return parts
            }
        }
        var n = 0
        var value = 0
        while i < e && n < 4, base[i] &- 0x30 < 10 { value = value * 10 + Int(base[i] &- 0x30); n += 1; i += 1 }
        guard n >= 1, i < e else { return nil }
        parts.first = value; parts.firstLength = n
        let separator = base[i]
        guard separator == 0x2D || separator == 0x2F || separator == 0x2E else { return nil }
        parts.separator = separator
        i += 1
        value = 0; n = 0
        while i < e && n < 2, base[i] &- 0x30 < 10 { value = value * 10 + Int(base[i] &- 0x30); n += 1; i += 1 }
        guard n >= 1, i < e, base[i] == separator else { return nil }
        parts.second = value
        i += 1
        value = 0; n = 0
        while i < e && n < 4, base[i] &- 0x30 < 10 { value = value * 10 + Int(base[i] &- 0x30); n += 1; i += 1 }
        guard n >= 1 else { return nil }
        parts.third = value; parts.thirdLength = n
        if parts.firstLength == 4 {
            guard n <= 2 else { return nil }
        } else {
            guard parts.firstLength <= 2, n == 4 else { return nil }
        }
        if i == e { return parts }
        // Time of day.
        guard base[i] == 0x54 || base[i] == 0x20 else { return nil }
        while i < e && (base[i] == 0x54 || base[i] == 0x20) { i += 1 }
        var hour = 0, minute = 0, second = 0
        n = 0
        while i < e && n < 2, base[i] &- 0x30 < 10 { hour = hour * 10 + Int(base[i] &- 0x30); n += 1; i += 1 }
        guard n >= 1, i + 2 < e, base[i] == 0x3A, base[i + 1] &- 0x30 < 10, base[i + 2] &- 0x30 < 10 else { return nil }
        minute = Int(base[i + 1] &- 0x30) * 10 + Int(base[i + 2] &- 0x30)
        i += 3
        if i < e && base[i] == 0x3A {
            guard i + 2 < e, base[i + 1] &- 0x30 < 10, base[i + 2] &- 0x30 < 10 else { return nil }
            second = Int(base[i + 1] &- 0x30) * 10 + Int(base[i + 2] &- 0x30)
            i += 3
            if i < e && (base[i] == 0x2E || base[i] == 0x2C) {
                i += 1
                while i < e, base[i] &- 0x30 < 10 { i += 1 }
            }
        }
        while i < e && base[i] == 0x20 { i += 1 }
        if i + 1 < e && (base[i + 1] | 0x20) == 0x6D && ((base[i] | 0x20) == 0x61 || (base[i] | 0x20) == 0x70) {
            guard hour >= 1 && hour <= 12 else { return nil }
            let pm = (base[i] | 0x20) == 0x70
            hour = hour % 12 + (pm ? 12 : 0)
            i += 2
            while i < e && base[i] == 0x20 { i += 1 }
        }
        guard hour <= 23, minute <= 59, second <= 60 else { return nil }
        var offset = 0
        if i < e {
            if base[i] == 0x5A && i + 1 == e {
                i += 1
            } else if base[i] == 0x2B || base[i] == 0x2D {
                let sign = base[i] == 0x2D ? -1 : 1
                i += 1
                var digits: [Int] = []
                while i < e && digits.count < 4 {
                    if base[i] &- 0x30 < 10 { digits.append(Int(base[i] &- 0x30)) } else if base[i] != 0x3A { break }
                    i += 1
                }
                guard digits.count == 2 || digits.count == 4 else { return nil }
                let h = digits[0] * 10 + digits[1]
                let m = digits.count == 4 ? digits[2] * 10 + digits[3] : 0
                guard h <= 14, m <= 59 else { return nil }
                offset = sign * (h * 3600 + m * 60)
            } else if e - i == 3 && (base[i] | 0x20) == 0x75 && (base[i + 1] | 0x20) == 0x74 && (base[i + 2] | 0x20) == 0x63 {
                i = e
            }
        }
        guard i == e else { return nil }
        parts.hasTime = true
        parts.secondsOfDay = hour * 3600 + minute * 60 + second - offset
        return parts
    }

    /// Parses a Swift string (tests, inference on sampled text).
    static func scan(_ text: String) -> DateParts? {
        var copy = text
        return copy.withUTF8 { buffer -> DateParts? in
            guard let p = buffer.baseAddress else { return nil }
            return scan(p, 0, buffer.count)
        }
    }
}
