/// Calendar arithmetic on the proleptic Gregorian calendar in UTC, without Foundation's formatters.
///
/// Uses Howard Hinnant's days-from-civil algorithm: exact for every year and ~100x faster than
/// `DateFormatter`, which matters when a log has millions of dates.
public enum CivilDate {
    /// Seconds in one day.
    public static let secondsPerDay: Int64 = 86_400

    /// Days since 1970-01-01 for a calendar date (month 1-12, day 1-31; not validated here).
    @inline(__always)
    public static func days(year: Int, month: Int, day: Int) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return Int64(era * 146_097 + doe - 719_468)
    }

    /// The calendar date of a day number (days since 1970-01-01).
    public static func civil(days z0: Int64) -> (year: Int, month: Int, day: Int) {
        let z = Int(z0) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }

    /// Whether a year/month/day triple is a real calendar date.
    @inline(__always)
    public static func isValid(year: Int, month: Int, day: Int) -> Bool {
        guard month >= 1, month <= 12, day >= 1 else { return false }
        return day <= daysInMonth(year: year, month: month)
    }

    /// Number of days in a month of a year.
    @inline(__always)
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The day number (days since 1970-01-01) containing a time in seconds.
    @inline(__always)
    public static func dayNumber(seconds: Int64) -> Int64 {
        seconds >= 0 ? seconds / secondsPerDay : (seconds - secondsPerDay + 1) / secondsPerDay
    }

    /// Day of the week of a day number: 0 = Monday ... 6 = Sunday.
    @inline(__always)
    public static func weekday(days: Int64) -> Int {
        // 1970-01-01 was a Thursday (3).
        let r = Int((days + 3) % 7)
        return r < 0 ? r + 7 : r
    }

    /// `YYYY-MM-DD` for a time in seconds.
    public static func isoDate(seconds: Int64) -> String {
        isoDate(days: dayNumber(seconds: seconds))
    }

    /// `YYYY-MM-DD` for a day number.
    public static func isoDate(days: Int64) -> String {
        let (y, m, d) = civil(days: days)
        return pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2)
    }

    /// `YYYY-MM-DD HH:MM:SS` for a time in seconds.
    public static func isoDateTime(seconds: Int64) -> String {
        let days = dayNumber(seconds: seconds)
        let rest = Int(seconds - days * secondsPerDay)
        return isoDate(days: days) + " " + pad(rest / 3600, 2) + ":" + pad(rest / 60 % 60, 2) + ":" + pad(rest % 60, 2)
    }

    /// Parses `YYYY-MM-DD` into a day number, or nil.
    public static func parseISODate(_ text: String) -> Int64? {
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              isValid(year: y, month: m, day: d) else { return nil }
        return days(year: y, month: m, day: d)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let s = String(value)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
