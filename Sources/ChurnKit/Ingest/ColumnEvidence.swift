import Dispatch

/// What the sampled cells of one column look like: how many parse as numbers (in each decimal style),
/// as dates (in each order), which distinct values occur. Type inference and role detection read this.
struct ColumnEvidence {
    var name: String
    var nonBlank = 0
    /// Trimmed distinct values and their counts (in order of first appearance in `distinctOrder`).
    var distinct: [String: Int] = [:]
    var distinctOrder: [String] = []
    /// Cells that parse as numbers with a decimal point / a decimal comma.
    var numbersDot = 0, numbersComma = 0
    var traitsDot = NumberTraits(), traitsComma = NumberTraits()
    /// Sample index of the first non-blank cell that is not a number in each style.
    var firstNonNumberDot: Int?, firstNonNumberComma: Int?
    var dates = 0
    var firstNonDate: Int?
    var yearFirst = 0
    /// Cells that are real dates as day-first / month-first.
    var validDayFirst = 0, validMonthFirst = 0
    /// Sample index of the first cell that is only valid day-first (day > 12) / only month-first.
    var firstOnlyDayFirst: Int?, firstOnlyMonthFirst: Int?
    var firstInvalidYearFirst: Int?
    var withTime = 0
    var separator: UInt8 = 0x2D
    var withSpaces = 0
    var totalLength = 0

    init(name: String, cells: [String]) {
        self.name = name
        for (index, cell) in cells.enumerated() {
            let value = trimmedCell(cell)
            if value.isEmpty { continue }
            nonBlank += 1
            if let n = distinct[value] { distinct[value] = n + 1 } else { distinct[value] = 1; distinctOrder.append(value) }
            totalLength += value.utf8.count
            if value.contains(" ") { withSpaces += 1 }
            if NumberParser.parse(value, decimalComma: false, traits: &traitsDot) != nil { numbersDot += 1 }
            else if firstNonNumberDot == nil { firstNonNumberDot = index }
            if NumberParser.parse(value, decimalComma: true, traits: &traitsComma) != nil { numbersComma += 1 }
            else if firstNonNumberComma == nil { firstNonNumberComma = index }
            if let parts = DateParser.scan(value) {
                dates += 1
                separator = parts.separator
                if parts.hasTime { withTime += 1 }
                if parts.yearFirst {
                    yearFirst += 1
                    if parts.seconds(.yearMonthDay) == nil && firstInvalidYearFirst == nil { firstInvalidYearFirst = index }
                } else {
                    let dayFirst = parts.seconds(.dayMonthYear) != nil
                    let monthFirst = parts.seconds(.monthDayYear) != nil
                    if dayFirst { validDayFirst += 1 }
                    if monthFirst { validMonthFirst += 1 }
                    if dayFirst && !monthFirst && firstOnlyDayFirst == nil { firstOnlyDayFirst = index }
                    if monthFirst && !dayFirst && firstOnlyMonthFirst == nil { firstOnlyMonthFirst = index }
                }
            } else if firstNonDate == nil {
                firstNonDate = index
            }
        }
    }

    /// The evidence of every column, gathered in parallel.
    static func gather(header: [String], columns: [[String]]) -> [ColumnEvidence] {
        nonisolated(unsafe) let out = UnsafeMutablePointer<ColumnEvidence?>.allocate(capacity: header.count)
        out.initialize(repeating: nil, count: header.count)
        defer { out.deinitialize(count: header.count); out.deallocate() }
        DispatchQueue.concurrentPerform(iterations: header.count) { c in
            out[c] = ColumnEvidence(name: header[c], cells: columns[c])
        }
        return (0..<header.count).compactMap { out[$0] }
    }

    /// Distinct values compared without case.
    var distinctLowercased: Set<String> { Set(distinctOrder.map { $0.lowercased() }) }

    /// Every non-blank cell is a number in the dot style / comma style.
    var allNumbersDot: Bool { nonBlank > 0 && numbersDot == nonBlank }
    var allNumbersComma: Bool { nonBlank > 0 && numbersComma == nonBlank }

    /// Share of non-blank cells that are numbers in the better style.
    var numberShare: Double { nonBlank == 0 ? 0 : Double(max(numbersDot, numbersComma)) / Double(nonBlank) }
    var dateShare: Double { nonBlank == 0 ? 0 : Double(dates) / Double(nonBlank) }
    var allDates: Bool { nonBlank > 0 && dates == nonBlank }
}

/// A cell without leading and trailing spaces or tabs (cheap when there are none).
func trimmedCell(_ cell: String) -> String {
    let u = cell.utf8
    guard let first = u.first, let last = u.last else { return cell }
    if first != 0x20 && first != 0x09 && last != 0x20 && last != 0x09 { return cell }
    var s = u.startIndex, e = u.endIndex
    while s < e && (u[s] == 0x20 || u[s] == 0x09) { s = u.index(after: s) }
    while e > s && (u[u.index(before: e)] == 0x20 || u[u.index(before: e)] == 0x09) { e = u.index(before: e) }
    return String(cell[s..<e])
}
