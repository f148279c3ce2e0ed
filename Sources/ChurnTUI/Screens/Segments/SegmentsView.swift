import ChurnKit

/// Draws the Segments tab: driver segments, saved and discovered segments as cards, a segment's
/// members, the segment builder and a side-by-side comparison.
enum SegmentsView {
    /// The keys of this tab, in the order the help lists them.
    static let keyMap = KeyMap(title: "Segments", bindings: KeyMap.tabs + [
        KeyBinding([.down, .char("j")], .scroll(.lines(1)), "next row of cards / member"),
        KeyBinding([.up, .char("k")], .scroll(.lines(-1)), "previous row of cards / member"),
        KeyBinding([.right, .char("l")], .scroll(.columns(1)), "next card"),
        KeyBinding([.left, .char("h")], .scroll(.columns(-1)), "previous card"),
        KeyBinding([.pageDown, .ctrl("f")], .scroll(.pages(1)), "next page"),
        KeyBinding([.pageUp, .ctrl("b")], .scroll(.pages(-1)), "previous page"),
        KeyBinding([.char("g"), .home], .scroll(.top), "first card / member"),
        KeyBinding([.char("G"), .end], .scroll(.bottom), "last card / member"),
        KeyBinding([.enter], .segments(.open), "members; on a member: open the customer"),
        KeyBinding([.char("n"), .char("/")], .segments(.build), "new segment from a filter, then save"),
        KeyBinding([.char("c")], .segments(.compare), "compare: pick two segments"),
        KeyBinding([.char("e")], .segments(.export), "export the segment to CSV"),
    ] + KeyMap.workspaceGlobal)

    /// Lines above the cards or members (summary and hint, or a prompt).
    static let headerRows = 2
    /// Lines per card, and per card with the gap below it.
    static let cardHeight = 4
    static let cardPitch = 5

    /// Cards side by side: two from 80 columns.
    static func cardColumns(width: Int) -> Int { width >= 80 ? 2 : 1 }

    /// Rows of cards fully visible in a terminal of `size`.
    static func visibleCardRows(_ size: TerminalSize) -> Int {
        max(1, (size.height - 2 - headerRows + 1) / cardPitch)
    }

    /// Member rows visible (below the summary and the table header).
    static func visibleMemberRows(_ size: TerminalSize) -> Int { max(1, size.height - 2 - headerRows) }

    /// Draws the tab into `rect`.
    static func draw(_ state: AppState, data: WorkspaceData, in rect: Rect, into frame: inout Frame) {
        if AnalysisNotice.draw(state, in: rect, into: &frame) { return }
        let segments = state.segments
        switch segments.mode {
        case .cards: drawCards(state, in: rect, into: &frame)
        case .members(let card, let order, let cursor, let top):
            drawMembers(state, data: data, card: card, order: order.value, cursor: cursor, top: top, in: rect, into: &frame)
        case .compare(let a, let b): drawComparison(state, a, b, in: rect, into: &frame)
        }
        let glyphs = state.glyphs
        if let input = segments.builder {
            FilterPrompt.draw(input, preview: segments.builderPreview, prompt: " new segment: ", x: rect.x, y: rect.y,
                              width: rect.width, glyphs: glyphs, into: &frame)
        } else if let input = segments.nameInput {
            frame.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 2), style: .plain)
            input.draw(into: &frame, x: rect.x, y: rect.y, width: rect.width, prompt: " name: ")
            frame.putFitted(" saves " + segments.pendingExpression + " \(glyphs.separator) Enter saves \(glyphs.separator) Esc edits the expression",
                            x: rect.x, y: rect.y + 1, width: rect.width, style: CellStyle(.muted), ellipsis: glyphs.ellipsis)
        }
    }

    /// The position text of the status bar.
    static func position(_ state: AppState) -> String {
        switch state.segments.mode {
        case .cards:
            let count = state.segments.cards.count
            return count == 0 ? "" : "segment \(state.segments.selected + 1)/\(count)"
        case .members(_, let order, let cursor, _):
            return order.value.isEmpty ? "no members" : "member \(NumberText.count(cursor + 1))/\(NumberText.count(order.value.count))"
        case .compare: return "comparison"
        }
    }

    // MARK: Cards

    private static func status(_ what: String, _ status: SegmentsState.Status, count: Int, ellipsis: String) -> String {
        switch status {
        case .idle, .running: return what + " " + ellipsis
        case .done: return "\(count) " + what
        case .failed: return what + " unavailable"
        }
    }

    private static func drawCards(_ state: AppState, in rect: Rect, into frame: inout Frame) {
        let s = state.segments
        let glyphs = state.glyphs
        let dots = state.asciiOnly ? "..." : glyphs.ellipsis
        let sep = " \(glyphs.separator) "
        let summary = " " + status("driver segments", s.driverStatus, count: s.drivers.count, ellipsis: dots) + sep
            + status("saved", s.savedStatus, count: s.saved.count, ellipsis: dots) + sep
            + status("clusters", s.clusterStatus, count: s.clusters.count, ellipsis: dots)
        frame.putFitted(summary, x: rect.x, y: rect.y, width: rect.width, style: CellStyle(.subtitle), ellipsis: glyphs.ellipsis)
        var hint = " Enter members \(glyphs.separator) n new \(glyphs.separator) c compare \(glyphs.separator) e export"
        var hintRole = ColorRole.muted
        if let first = s.compareFirst {
            hint = " comparing \(first.name): select another segment and press c"
            hintRole = .key
        } else if case .failed(let why) = s.driverStatus {
            hint = " " + glyphs.infoMark + " " + why
        } else if case .failed(let why) = s.clusterStatus, s.drivers.isEmpty == false || s.driverStatus == .done {
            hint = " " + glyphs.infoMark + " clusters: " + why
        }
        frame.putFitted(hint, x: rect.x, y: rect.y + 1, width: rect.width, style: CellStyle(hintRole), ellipsis: glyphs.ellipsis)

        let cards = s.cards
        let top = rect.y + headerRows
        guard !cards.isEmpty else {
            let running = [s.driverStatus, s.savedStatus, s.clusterStatus].contains(.running)
            let text = running ? "Computing segments" + dots : "No segments yet: press n to build one with the filter language."
            frame.putFitted(text, x: rect.x + 2, y: top, width: rect.width - 2, style: CellStyle(.muted), ellipsis: glyphs.ellipsis)
            return
        }
        let columns = cardColumns(width: rect.width)
        let gap = 2
        let cardWidth = (rect.width - 1 - (columns - 1) * gap) / columns
        let visibleRows = max(1, (rect.height - headerRows + 1) / cardPitch)
        let firstRow = min(s.top, max(0, (cards.count - 1) / columns))
        for (n, card) in cards.enumerated() {
            let row = n / columns - firstRow
            guard row >= 0 else { continue }
            guard row < visibleRows + 1 else { break }
            let x = rect.x + 1 + (n % columns) * (cardWidth + gap)
            let y = top + row * cardPitch
            drawCard(card, selected: n == s.selected, picked: s.compareFirst == card, state: state, x: x, y: y,
                     width: cardWidth, bottom: rect.y + rect.height, into: &frame)
        }
    }

    private static func drawCard(_ card: SegmentCard, selected: Bool, picked: Bool, state: AppState, x: Int, y: Int, width: Int,
                                 bottom: Int, into frame: inout Frame) {
        let glyphs = state.glyphs
        let bar = glyphs.isASCII ? "|" : "▌"
        let edge = CellStyle(selected ? .key : .border, selected ? [.bold] : [])
        let body = width - 2
        guard body > 4 else { return }
        let sep = " \(glyphs.separator) "
        let risk = card.meanRisk.map { "mean risk " + NumberText.fixed($0, decimals: 3) } ?? "mean risk -"
        let value = card.valueAtRisk.map { "at risk " + NumberText.fixed($0, decimals: 0) } ?? ""
        let lines: [(String, CellStyle)] = [
            ((picked ? glyphs.bullet + " " : "") + card.name, CellStyle(selected ? .selection : .heading, [.bold])),
            (card.problem == nil ? risk + (value.isEmpty ? "" : sep + value) : "cannot evaluate: " + (card.problem ?? ""),
             CellStyle(card.problem == nil ? .text : .error)),
            ((glyphs.arrowRight + " ") + (card.action ?? "no recommended action yet"), CellStyle(card.action == nil ? .muted : .info)),
            (card.detail, CellStyle(.muted)),
        ]
        for (i, line) in lines.enumerated() where y + i < bottom {
            frame.put(bar, x: x, y: y + i, style: edge)
            if i == 0 {
                let count = NumberText.count(card.count) + " cust."
                let countWidth = DisplayWidth.of(count)
                if selected { frame.fill(Rect(x: x + 1, y: y, width: body + 1, height: 1), style: CellStyle(.selection)) }
                frame.putFitted(line.0, x: x + 2, y: y, width: max(1, body - countWidth - 2), style: line.1, ellipsis: glyphs.ellipsis)
                if countWidth < body - 4 {
                    frame.put(count, x: x + 1 + body - countWidth, y: y, style: CellStyle(selected ? .selection : .text, [.bold]))
                }
            } else {
                frame.putFitted(line.0, x: x + 2, y: y + i, width: body, style: line.1, ellipsis: glyphs.ellipsis)
            }
        }
    }

    // MARK: Members

    private static func drawMembers(_ state: AppState, data: WorkspaceData, card: SegmentCard, order: [Int], cursor: Int, top: Int,
                                    in rect: Rect, into frame: inout Frame) {
        let glyphs = state.glyphs
        let customers = data.customers
        let sep = " \(glyphs.separator) "
        frame.putFitted(" " + card.name + sep + "\(NumberText.count(order.count)) customers, riskiest first" + sep
                        + "Enter opens" + sep + "e export" + sep + "Esc back", x: rect.x, y: rect.y, width: rect.width,
                        style: CellStyle(.subtitle), ellipsis: glyphs.ellipsis)
        let idWidth = min(max(data.idWidth, 8), max(8, rect.width / 3))
        var columns: [(String, Int, Bool)] = [("Customer", idWidth, false), ("Risk", 7, true), ("Tier", 6, false)]
        if customers.values != nil { columns.append(("Value", 12, true)) }
        var xs: [Int] = []
        var x = rect.x + 2
        for c in columns {
            xs.append(x)
            x += c.1 + 2
        }
        let reasonX = x, reasonWidth = rect.x + rect.width - x - 1
        let headerY = rect.y + 1
        frame.fill(Rect(x: rect.x, y: headerY, width: rect.width, height: 1), style: CellStyle(.tableHeader))
        for (c, cx) in zip(columns, xs) where cx + c.1 <= rect.x + rect.width {
            frame.putFitted(c.0, x: cx, y: headerY, width: c.1, style: CellStyle(.tableHeader), alignRight: c.2, ellipsis: glyphs.ellipsis)
        }
        if customers.hasReasons, reasonWidth >= 10 {
            frame.putFitted("Top reason", x: reasonX, y: headerY, width: reasonWidth, style: CellStyle(.tableHeader), ellipsis: glyphs.ellipsis)
        }
        let rows = rect.height - headerRows
        for r in 0..<max(0, min(rows, order.count - top)) {
            let row = top + r
            let i = order[row]
            let y = rect.y + headerRows + r
            let selected = row == cursor
            let base = selected ? CellStyle(.selection) : CellStyle(.text)
            if selected { frame.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), style: base) }
            let tier = customers.tiers[i]
            let tierStyle = selected ? base : CellStyle(OverviewView.role(tier))
            var cells: [(String, CellStyle)] = [(customers.ids[i], base), (NumberText.fixed(customers.probabilities[i], decimals: 3), tierStyle),
                                                (tier.name, tierStyle)]
            if let values = customers.values { cells.append((values[i].isNaN ? "" : NumberText.fixed(values[i], decimals: 2), base)) }
            for ((cell, c), cx) in zip(zip(cells, columns), xs) where cx + c.1 <= rect.x + rect.width {
                frame.putFitted(cell.0, x: cx, y: y, width: c.1, style: cell.1, alignRight: c.2, ellipsis: glyphs.ellipsis)
            }
            if customers.hasReasons, reasonWidth >= 10 {
                frame.putFitted(customers.reason(i) ?? "", x: reasonX, y: y, width: reasonWidth, style: base, ellipsis: glyphs.ellipsis)
            }
        }
    }

    // MARK: Comparison

    private static func drawComparison(_ state: AppState, _ a: SegmentCard, _ b: SegmentCard, in rect: Rect, into frame: inout Frame) {
        let glyphs = state.glyphs
        frame.putFitted(" Compare \(glyphs.separator) Esc back", x: rect.x, y: rect.y, width: rect.width, style: CellStyle(.subtitle),
                        ellipsis: glyphs.ellipsis)
        guard let comparison = state.segments.comparison?.value else {
            frame.putFitted(" comparing " + a.name + " and " + b.name + (state.asciiOnly ? "..." : glyphs.ellipsis), x: rect.x,
                            y: rect.y + 2, width: rect.width, style: CellStyle(.muted), ellipsis: glyphs.ellipsis)
            return
        }
        let labelWidth = min(16, max(8, rect.width / 4))
        let valueWidth = max(6, (rect.width - labelWidth - 3) / 2)
        let xA = rect.x + 1 + labelWidth + 1, xB = xA + valueWidth + 1
        var y = rect.y + 1
        let bottom = rect.y + rect.height
        func row(_ label: String, _ left: String, _ right: String, _ style: CellStyle = .plain) {
            guard y < bottom else { return }
            frame.putFitted(label, x: rect.x + 1, y: y, width: labelWidth, style: CellStyle(.muted), ellipsis: glyphs.ellipsis)
            frame.putFitted(left, x: xA, y: y, width: valueWidth, style: style, alignRight: true, ellipsis: glyphs.ellipsis)
            frame.putFitted(right, x: xB, y: y, width: valueWidth, style: style, alignRight: true, ellipsis: glyphs.ellipsis)
            y += 1
        }
        let p = comparison.first, q = comparison.second
        func risk(_ x: Double?) -> String { x.map { NumberText.fixed($0, decimals: 3) } ?? "-" }
        func money(_ x: Double?) -> String { x.map { NumberText.fixed($0, decimals: 0) } ?? "-" }
        row("", a.name, b.name, CellStyle(.heading, [.bold]))
        row("customers", NumberText.count(p.customers), NumberText.count(q.customers))
        row("share", NumberText.percent(p.share), NumberText.percent(q.share))
        row("mean risk", risk(p.meanRisk), risk(q.meanRisk))
        row("value at risk", money(p.valueAtRisk), money(q.valueAtRisk))
        row("in both", NumberText.count(comparison.overlap), "")
        guard y + 1 < bottom else { return }
        y += 1
        frame.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), style: CellStyle(.tableHeader))
        let nameWidth = max(6, rect.width - 3 * 10 - 3)
        frame.putFitted("Largest differences", x: rect.x + 1, y: y, width: nameWidth, style: CellStyle(.tableHeader), ellipsis: glyphs.ellipsis)
        for (k, title) in ["mean A", "mean B", "std diff"].enumerated() {
            frame.putFitted(title, x: rect.x + 1 + nameWidth + k * 10, y: y, width: 9, style: CellStyle(.tableHeader), alignRight: true)
        }
        y += 1
        if comparison.differences.isEmpty, y < bottom {
            frame.put(" the two segments do not differ on any feature", x: rect.x, y: y, style: CellStyle(.muted))
        }
        for d in comparison.differences where y < bottom {
            frame.putFitted(d.field, x: rect.x + 1, y: y, width: nameWidth, style: .plain, ellipsis: glyphs.ellipsis)
            let diff = d.standardizedDifference.isFinite ? (d.standardizedDifference >= 0 ? "+" : "") + NumberText.fixed(d.standardizedDifference, decimals: 2)
                : (d.standardizedDifference > 0 ? "+inf" : "-inf")
            for (k, text) in [NumberText.fixed(d.firstMean, decimals: 3), NumberText.fixed(d.secondMean, decimals: 3), diff].enumerated() {
                frame.putFitted(text, x: rect.x + 1 + nameWidth + k * 10, y: y, width: 9, style: .plain, alignRight: true)
            }
            y += 1
        }
    }
}
