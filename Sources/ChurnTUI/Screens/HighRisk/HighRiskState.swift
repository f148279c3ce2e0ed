import ChurnKit

/// The state of the High-risk table: sort, filters, cursor, search and marks.
///
/// Row r of the view is `list[r]` (ascending sort) or `list[count - 1 - r]` (descending), where `list`
/// is the column's ascending permutation, or that permutation filtered by tier, score range and the
/// filter expression. Reversing a sort or moving the cursor never touches more than the visible rows.
public struct HighRiskState: Sendable {
    public private(set) var sort: SortColumn = .risk
    public private(set) var descending = true
    public private(set) var filter: TierFilter = .all
    /// The score-range quick filter.
    public private(set) var range: ScoreRange = .all
    /// The filter expression in force (nil: none).
    public private(set) var expression: AppliedFilter?
    /// The filter expression being typed (nil when not typing), and what it would select.
    public var filterInput: TextInput?
    public var filterPreview: FilterPreview = .empty
    /// The file name being typed for an export (nil when not typing), and whether only marked rows go.
    public var exportInput: TextInput?
    public var exportMarkedOnly = false
    /// The sortable columns this scoring has, left to right.
    public private(set) var columns: [SortColumn]
    /// Ascending permutations computed so far, by column.
    private var permutations: [SortColumn: [Int32]]
    /// The current column's permutation with the filters applied (nil: no filter).
    private var filtered: [Int32]?
    /// The row under the cursor, and the first visible row.
    public private(set) var cursor = 0
    public private(set) var top = 0
    /// Marked customers (indices into the scores).
    public private(set) var marks: Set<Int32> = []
    /// The search text, and whether it is being typed.
    public private(set) var search = ""
    public private(set) var isTypingSearch = false
    /// Whether the last search found nothing.
    public private(set) var searchFailed = false
    /// Where the cursor was when typing started (restored when the search is cancelled).
    private var searchOrigin = 0

    public init(customers: ScoredCustomers, riskOrder: [Int32]) {
        columns = SortColumn.available(in: customers)
        permutations = [.risk: riskOrder]
    }

    /// Takes the columns of `customers` (e.g. once the activity column is known); sorts and filters stay.
    mutating func refreshColumns(_ customers: ScoredCustomers) {
        columns = SortColumn.available(in: customers)
    }

    /// Rows in the view (after the filters).
    public var rowCount: Int { filtered?.count ?? permutations[sort]?.count ?? 0 }

    /// The customer shown in view row `row`.
    @inline(__always)
    public func customer(atRow row: Int) -> Int {
        let list = filtered ?? permutations[sort] ?? []
        return Int(descending ? list[list.count - 1 - row] : list[row])
    }

    /// The customer under the cursor, if the view has rows.
    public var customerUnderCursor: Int? { rowCount > 0 ? customer(atRow: cursor) : nil }

    // MARK: Changes

    /// Moves the cursor; the view follows so the cursor stays visible.
    mutating func move(_ move: ScrollMove, visibleRows: Int) {
        let page = max(1, visibleRows - 1)
        switch move {
        case .lines(let n): cursor += n
        case .pages(let n):
            cursor += n * page
            top += n * page
        case .halfPages(let n):
            let half = max(1, visibleRows / 2)
            cursor += n * half
            top += n * half
        case .top: cursor = 0
        case .bottom: cursor = rowCount - 1
        case .columns, .lineStart: break
        }
        clamp(visibleRows: visibleRows)
    }

    /// Keeps cursor and top inside the rows, the cursor visible.
    mutating func clamp(visibleRows: Int) {
        let rows = max(1, visibleRows)
        cursor = min(max(0, cursor), max(0, rowCount - 1))
        top = min(max(0, top), max(0, rowCount - rows))
        if cursor < top { top = cursor }
        if cursor >= top + rows { top = cursor - rows + 1 }
    }

    /// Sorts by `column` (its natural direction), or reverses when it is already the sort column.
    /// The cursor stays on the same customer.
    mutating func sort(by column: SortColumn, customers: ScoredCustomers, visibleRows: Int) {
        guard columns.contains(column) else { return }
        if column == sort {
            reverse(visibleRows: visibleRows)
            return
        }
        let keep = customerUnderCursor
        if permutations[column] == nil {
            permutations[column] = SortPermutation.ascending(column, of: customers)
        }
        sort = column
        descending = column.naturallyDescending
        refilter(customers)
        follow(keep, visibleRows: visibleRows)
    }

    /// Sorts by the column `offset` places from the current one (wrapping).
    mutating func shiftSort(_ offset: Int, customers: ScoredCustomers, visibleRows: Int) {
        guard let i = columns.firstIndex(of: sort), !columns.isEmpty else { return }
        let next = columns[((i + offset) % columns.count + columns.count) % columns.count]
        if next != sort { sort(by: next, customers: customers, visibleRows: visibleRows) }
    }

    /// Reverses the current sort in O(1): the cursor's customer is now at the mirrored row.
    mutating func reverse(visibleRows: Int) {
        descending.toggle()
        guard rowCount > 0 else { return }
        let offset = cursor - top
        cursor = rowCount - 1 - cursor
        top = cursor - offset
        clamp(visibleRows: visibleRows)
    }

    /// Shows only the tiers of `filter`; the cursor goes to the top.
    mutating func setFilter(_ filter: TierFilter, customers: ScoredCustomers, visibleRows: Int) {
        self.filter = filter
        refilter(customers)
        cursor = 0
        top = 0
        clamp(visibleRows: visibleRows)
    }

    /// Shows only customers whose probability is in `range`; the cursor goes to the top.
    mutating func setRange(_ range: ScoreRange, customers: ScoredCustomers, visibleRows: Int) {
        self.range = range
        refilter(customers)
        cursor = 0
        top = 0
        clamp(visibleRows: visibleRows)
    }

    /// Shows only the rows a filter expression selects (nil: no expression); the cursor goes to the top.
    mutating func setExpression(_ applied: AppliedFilter?, customers: ScoredCustomers, visibleRows: Int) {
        expression = applied
        refilter(customers)
        cursor = 0
        top = 0
        clamp(visibleRows: visibleRows)
    }

    /// Whether any filter (tier, range or expression) narrows the view.
    public var isFiltered: Bool { filter != .all || range != .all || expression != nil }

    /// How many of `rows` also pass the tier and range filters.
    func countPassingQuickFilters(_ rows: RowSelection, customers: ScoredCustomers) -> Int {
        guard filter != .all || range != .all else { return rows.count }
        let tiers = customers.tiers, p = customers.probabilities
        var n = 0
        for i in 0..<min(rows.rowCount, customers.count) where rows[i] && filter.admits(tiers[i]) && range.admits(p[i]) { n += 1 }
        return n
    }

    /// The customers of the view, top row first.
    public func viewOrder() -> [Int32] {
        let list = filtered ?? permutations[sort] ?? []
        return descending ? list.reversed() : list
    }

    /// The marked customers in the order of the current sort (filters ignored: a mark stays wanted).
    public func markedInSortOrder() -> [Int32] {
        let list = permutations[sort] ?? []
        let marked = list.filter { marks.contains($0) }
        return descending ? marked.reversed() : marked
    }

    /// Marks or unmarks the customer under the cursor and moves down one row.
    mutating func toggleMark(visibleRows: Int) {
        guard let i = customerUnderCursor else { return }
        let key = Int32(i)
        if marks.contains(key) { marks.remove(key) } else { marks.insert(key) }
        move(.lines(1), visibleRows: visibleRows)
    }

    // MARK: Search

    /// Starts typing a search.
    mutating func startSearch() {
        isTypingSearch = true
        search = ""
        searchFailed = false
        searchOrigin = cursor
    }

    /// Handles a key while the search is typed: text edits search incrementally from where typing
    /// started; Enter keeps the match, Esc goes back.
    mutating func typeSearch(_ key: Key, customers: ScoredCustomers, visibleRows: Int) {
        switch key {
        case .enter:
            isTypingSearch = false
            if search.isEmpty { searchFailed = false }
            return
        case .escape, .ctrl("c"), .ctrl("g"):
            isTypingSearch = false
            search = ""
            searchFailed = false
            cursor = searchOrigin
            clamp(visibleRows: visibleRows)
            return
        case .backspace, .delete:
            if search.isEmpty {
                isTypingSearch = false
                return
            }
            search.removeLast()
        case .ctrl("u"):
            search = ""
        case .char(let c):
            search.append(c)
        default:
            return
        }
        if search.isEmpty {
            searchFailed = false
            cursor = searchOrigin
            clamp(visibleRows: visibleRows)
            return
        }
        find(from: searchOrigin, step: 1, customers: customers, visibleRows: visibleRows)
    }

    /// Forgets the search text (n/N then do nothing).
    mutating func clearSearch() {
        search = ""
        searchFailed = false
        isTypingSearch = false
    }

    /// Searches for `text` at once, from the row after the cursor.
    mutating func searchFor(_ text: String, customers: ScoredCustomers, visibleRows: Int) {
        search = text
        isTypingSearch = false
        find(from: cursor + 1, step: 1, customers: customers, visibleRows: visibleRows)
    }

    /// Goes to the next (step 1) or previous (step -1) match after the cursor, wrapping around.
    mutating func findAgain(step: Int, customers: ScoredCustomers, visibleRows: Int) {
        guard !search.isEmpty else { return }
        find(from: cursor + step, step: step, customers: customers, visibleRows: visibleRows)
    }

    /// Moves the cursor to the first row from `start` (wrapping, in direction `step`) whose id
    /// contains the search text, ignoring ASCII case; flags `searchFailed` when none does.
    private mutating func find(from start: Int, step: Int, customers: ScoredCustomers, visibleRows: Int) {
        let rows = rowCount
        guard rows > 0 else { searchFailed = true; return }
        let needle = Array(search.utf8).map(Self.lowerASCII)
        var row = ((start % rows) + rows) % rows
        for _ in 0..<rows {
            if Self.contains(customers.ids[customer(atRow: row)], needle) {
                cursor = row
                searchFailed = false
                clamp(visibleRows: visibleRows)
                return
            }
            row += step
            if row == rows { row = 0 } else if row < 0 { row = rows - 1 }
        }
        searchFailed = true
    }

    @inline(__always)
    private static func lowerASCII(_ b: UInt8) -> UInt8 { b >= 65 && b <= 90 ? b + 32 : b }

    /// Whether `text` contains `needle` (already lowercased), ignoring ASCII case.
    static func contains(_ text: String, _ needle: [UInt8]) -> Bool {
        if needle.isEmpty { return true }
        var text = text
        return text.withUTF8 { bytes in
            let n = bytes.count, m = needle.count
            guard m <= n else { return false }
            var i = 0
            while i <= n - m {
                var j = 0
                while j < m, lowerASCII(bytes[i + j]) == needle[j] { j += 1 }
                if j == m { return true }
                i += 1
            }
            return false
        }
    }

    // MARK: Private

    private mutating func refilter(_ customers: ScoredCustomers) {
        guard isFiltered, let list = permutations[sort] else {
            filtered = nil
            return
        }
        let tiers = customers.tiers, p = customers.probabilities
        let filter = self.filter, range = self.range
        if let rows = expression?.rows {
            filtered = list.filter { let i = Int($0); return rows[i] && filter.admits(tiers[i]) && range.admits(p[i]) }
        } else {
            filtered = list.filter { let i = Int($0); return filter.admits(tiers[i]) && range.admits(p[i]) }
        }
    }

    /// Puts the cursor back on `customer` after the order changed (top of the view when it is gone).
    private mutating func follow(_ customer: Int?, visibleRows: Int) {
        guard let customer else { clamp(visibleRows: visibleRows); return }
        let list = filtered ?? permutations[sort] ?? []
        // Finding a row is O(n); a sort change already cost O(n) or more.
        if let index = list.firstIndex(of: Int32(customer)) {
            let row = descending ? list.count - 1 - index : index
            let offset = cursor - top
            cursor = row
            top = row - offset
        } else {
            cursor = 0
            top = 0
        }
        clamp(visibleRows: visibleRows)
    }
}
