import ChurnKit

/// The High-risk tab: every scored customer in a table (riskiest first by default). Only the visible
/// rows are drawn, so a frame costs the same for a hundred customers or a million.
public enum HighRiskView {
    /// The keys of this tab, in the order the help lists them.
    public static let keyMap = KeyMap(title: "High-risk", bindings: KeyMap.tabs + [
        KeyBinding([.down, .char("j")], .scroll(.lines(1)), "next row"),
        KeyBinding([.up, .char("k")], .scroll(.lines(-1)), "previous row"),
        KeyBinding([.pageDown, .ctrl("f")], .scroll(.pages(1)), "next page"),
        KeyBinding([.pageUp, .ctrl("b")], .scroll(.pages(-1)), "previous page"),
        KeyBinding([.ctrl("d")], .scroll(.halfPages(1)), "half a page down"),
        KeyBinding([.ctrl("u")], .scroll(.halfPages(-1)), "half a page up"),
        KeyBinding([.char("g"), .home], .scroll(.top), "first row"),
        KeyBinding([.char("G"), .end], .scroll(.bottom), "last row"),
        KeyBinding([.char(">")], .shiftSort(1), "sort: next column"),
        KeyBinding([.char("<")], .shiftSort(-1), "sort: previous column"),
        KeyBinding([.char("s")], .reverseSort, "reverse the sort"),
        KeyBinding([.char("/")], .startSearch, "search ids as you type"),
        KeyBinding([.char("n")], .searchNext, "next match"),
        KeyBinding([.char("N")], .searchPrevious, "previous match"),
        KeyBinding([.char("H")], .tierFilter(.high), "high tier only"),
        KeyBinding([.char("M")], .tierFilter(.atRisk), "high and medium tiers"),
        KeyBinding([.char("A")], .tierFilter(.all), "all tiers"),
        KeyBinding([.char("t")], .cycleTierFilter, "next tier filter"),
        KeyBinding([.char("r")], .highRisk(.stepScoreRange(1)), "next risk range"),
        KeyBinding([.char("R")], .highRisk(.stepScoreRange(-1)), "previous risk range"),
        KeyBinding([.char("f")], .highRisk(.startFilter), "filter: risk > 0.7 and tenure < 6"),
        KeyBinding([.char("F")], .highRisk(.clearFilter), "clear the filter"),
        KeyBinding([.char(" ")], .toggleMark, "mark row, then next"),
        KeyBinding([.enter], .highRisk(.openUnderCursor), "open the customer"),
        KeyBinding([.char("i")], .openDetail, "details panel"),
        KeyBinding([.char("e")], .highRisk(.startExport(markedOnly: false)), "export the view to CSV"),
        KeyBinding([.char("E")], .highRisk(.startExport(markedOnly: true)), "export marked rows to CSV"),
    ] + KeyMap.workspaceGlobal)

    /// Rows above the table rows (the summary line and the header) within the body.
    public static let headerRows = 2

    /// Table rows visible in a terminal of `size` (tab bar, summary, header and status bar excluded).
    public static func visibleRows(in size: TerminalSize) -> Int { max(1, size.height - 2 - headerRows) }

    /// "row 12 of 1,000,000" for the status bar.
    public static func position(_ table: HighRiskState) -> String {
        table.rowCount == 0 ? "no rows" : "row \(NumberText.count(table.cursor + 1))/\(NumberText.count(table.rowCount))"
    }

    /// One laid-out column: what it shows, where, and how wide.
    struct Column {
        var column: SortColumn
        var x: Int
        var width: Int
        var alignRight: Bool
    }

    /// The columns that fit in `width`, left to right after a 2-column mark gutter. The top reason
    /// takes what is left; it is dropped when less than 10 columns remain.
    static func layout(_ table: HighRiskState, idWidth: Int, width: Int) -> [Column] {
        var out: [Column] = []
        var x = 2
        func add(_ c: SortColumn, _ w: Int, right: Bool) {
            guard x + w <= width else { return }
            out.append(Column(column: c, x: x, width: w, alignRight: right))
            x += w + 2
        }
        add(.id, min(max(idWidth, 8), max(8, width / 3)), right: false)
        add(.risk, 7, right: true)
        add(.tier, 6, right: false)
        if table.columns.contains(.activity) { add(.activity, 9, right: true) }
        if table.columns.contains(.value) { add(.value, 12, right: true) }
        if table.columns.contains(.reason), width - x >= 10 {
            out.append(Column(column: .reason, x: x, width: width - x - 1, alignRight: false))
        }
        return out
    }

    /// Draws the tab into `rect`.
    public static func draw(_ table: HighRiskState, state: AppState, data: WorkspaceData, in rect: Rect,
                            into frame: inout Frame) {
        let glyphs = state.glyphs
        let customers = data.customers
        let width = rect.width

        // Summary line: how many rows, the filter, the sort; the search on the right.
        // ↓ means largest first; for tiers that is high first (the ascending order of the tier codes).
        let largestFirst = table.sort == .tier ? !table.descending : table.descending
        let arrow = largestFirst ? glyphs.down : glyphs.up
        var summary = " \(NumberText.count(table.rowCount)) of \(NumberText.count(customers.count)) customers \(glyphs.separator) "
            + "\(table.filter.label) \(glyphs.separator) "
        if table.range != .all { summary += table.range.label + " \(glyphs.separator) " }
        if let expression = table.expression { summary += "f: " + expression.text + " \(glyphs.separator) " }
        summary += "sorted by \(table.sort.title) \(arrow)"
        var searchText = ""
        if table.isTypingSearch {
            searchText = "/" + table.search + (glyphs.isASCII ? "_" : "▏")
        } else if !table.search.isEmpty {
            searchText = "/" + table.search + (table.searchFailed ? " (no match)" : "  n/N")
        }
        let searchWidth = min(width / 2, DisplayWidth.of(searchText) + 1)
        frame.putFitted(summary, x: rect.x, y: rect.y, width: width - searchWidth, style: CellStyle(.subtitle),
                        ellipsis: glyphs.ellipsis)
        if !searchText.isEmpty {
            frame.putFitted(searchText, x: rect.x + width - searchWidth, y: rect.y, width: searchWidth,
                            style: CellStyle(table.searchFailed ? .error : .key, [.bold]), ellipsis: glyphs.ellipsis)
        }

        // Header.
        let columns = layout(table, idWidth: data.idWidth, width: width)
        let headerY = rect.y + 1
        frame.fill(Rect(x: rect.x, y: headerY, width: width, height: 1), style: CellStyle(.tableHeader))
        for column in columns {
            var title = column.column == .activity ? (customers.activityTitle ?? column.column.title) : column.column.title
            var style = CellStyle(.tableHeader)
            if column.column == table.sort {
                title = column.alignRight ? arrow + " " + title : title + " " + arrow
                style = CellStyle(.tableHeader, [.bold, .underline])
            }
            frame.putFitted(title, x: rect.x + column.x, y: headerY, width: column.width, style: style,
                            alignRight: column.alignRight, ellipsis: glyphs.ellipsis)
        }

        // Rows: only the visible ones.
        let firstY = rect.y + headerRows
        let rows = min(rect.height - headerRows, max(0, table.rowCount - table.top))
        drawPrompts(table, state: state, in: rect, into: &frame)
        if table.rowCount == 0 {
            let hint = table.range == .all && table.expression == nil
                ? "No customer in \(table.filter.label). Press A to show all tiers."
                : "No customer passes the filters. A: all tiers, r/R: risk range, F: clear the filter."
            frame.putFitted(hint, x: rect.x + 2, y: firstY, width: width - 2, style: CellStyle(.muted), ellipsis: glyphs.ellipsis)
            return
        }
        for r in 0..<max(0, rows) {
            let row = table.top + r
            let i = table.customer(atRow: row)
            let y = firstY + r
            let selected = row == table.cursor
            let base = selected ? CellStyle(.selection) : CellStyle(.text)
            if selected { frame.fill(Rect(x: rect.x, y: y, width: width, height: 1), style: base) }
            if table.marks.contains(Int32(i)) {
                frame.put(glyphs.bullet, x: rect.x, y: y, style: selected ? base : CellStyle(.key, [.bold]))
            }
            let tier = customers.tiers[i]
            for column in columns {
                let text: String
                var style = base
                switch column.column {
                case .id: text = customers.ids[i]
                case .risk:
                    text = NumberText.fixed(customers.probabilities[i], decimals: state.settings.values.decimals)
                    if !selected { style = CellStyle(OverviewView.role(tier)) }
                case .tier:
                    text = tier.name
                    if !selected { style = CellStyle(OverviewView.role(tier)) }
                case .value:
                    let v = customers.values?[i] ?? .nan
                    text = v.isNaN ? "" : NumberText.fixed(v, decimals: 2)
                case .activity:
                    let a = customers.activity?[i] ?? .nan
                    text = a.isNaN ? "" : NumberText.fixed(a, decimals: 0)
                case .reason: text = customers.reason(i) ?? ""
                }
                frame.putFitted(text, x: rect.x + column.x, y: y, width: column.width, style: style,
                                alignRight: column.alignRight, ellipsis: glyphs.ellipsis)
            }
        }
    }

    /// The filter or export prompt, drawn over the summary and header lines while it is typed.
    static func drawPrompts(_ table: HighRiskState, state: AppState, in rect: Rect, into frame: inout Frame) {
        let glyphs = state.glyphs
        if let input = table.filterInput {
            FilterPrompt.draw(input, preview: table.filterPreview, prompt: " filter: ", x: rect.x, y: rect.y, width: rect.width,
                              glyphs: glyphs, into: &frame)
        } else if let input = table.exportInput {
            let count = table.exportMarkedOnly ? table.marks.count : table.rowCount
            frame.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 2), style: .plain)
            input.draw(into: &frame, x: rect.x, y: rect.y, width: rect.width, prompt: " export to: ")
            let target = input.text.isEmpty ? "churn-export-YYYYMMDD-HHMMSS.csv in the current folder" : "this file"
            frame.putFitted(" Enter writes \(NumberText.count(count)) \(table.exportMarkedOnly ? "marked " : "")customers to \(target) "
                            + "\(glyphs.separator) Esc cancels", x: rect.x, y: rect.y + 1, width: rect.width,
                            style: CellStyle(.muted), ellipsis: glyphs.ellipsis)
        }
    }
}
