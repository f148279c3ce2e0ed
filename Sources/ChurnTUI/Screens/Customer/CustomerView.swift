import ChurnKit

/// Draws the Customer tab: one customer's risk card, contributions, factors, reasons, actions and notes.
enum CustomerView {
    /// The keys of this tab, in the order the help lists them.
    static let keyMap = KeyMap(title: "Customer", bindings: KeyMap.tabs + [
        KeyBinding([.char("/")], .customer(.startSearch), "find a customer by id (suggestions; Enter opens)"),
        KeyBinding([.char("n")], .customer(.startNote), "add a note (Enter saves, Esc cancels)"),
        KeyBinding([.char("e")], .customer(.editNote), "edit the highlighted note (a new version)"),
        KeyBinding([.char("]")], .customer(.selectNote(1)), "highlight the next note"),
        KeyBinding([.char("[")], .customer(.selectNote(-1)), "highlight the previous note"),
        KeyBinding([.char("s")], .customer(.toggleScript), "switch the script: call or e-mail"),
        KeyBinding([.char("w")], .selectTab(.whatIf), "what-if for this customer"),
        KeyBinding([.down, .char("j")], .scroll(.lines(1)), "scroll down one line"),
        KeyBinding([.up, .char("k")], .scroll(.lines(-1)), "scroll up one line"),
        KeyBinding([.pageDown, .char(" "), .ctrl("f")], .scroll(.pages(1)), "next page"),
        KeyBinding([.pageUp, .char("b"), .ctrl("b")], .scroll(.pages(-1)), "previous page"),
        KeyBinding([.ctrl("d")], .scroll(.halfPages(1)), "half a page down"),
        KeyBinding([.ctrl("u")], .scroll(.halfPages(-1)), "half a page up"),
        KeyBinding([.char("}")], .customer(.jumpSection(1)), "next section"),
        KeyBinding([.char("{")], .customer(.jumpSection(-1)), "previous section"),
        KeyBinding([.char("g"), .home], .scroll(.top), "go to the top"),
        KeyBinding([.char("G"), .end], .scroll(.bottom), "go to the bottom"),
    ] + KeyMap.workspaceGlobal)

    /// Rows of the body above the document: the title line, and the input line while typing.
    static func headerRows(_ state: AppState) -> Int { state.customer.isTyping ? 2 : 1 }

    /// Lines of the document visible in a terminal of the state's size.
    static func visibleLines(_ state: AppState) -> Int { max(1, state.size.height - 2 - headerRows(state)) }

    /// Draws the tab into `rect`.
    static func draw(_ state: AppState, data: WorkspaceData, in rect: Rect, into frame: inout Frame) {
        guard rect.height > 0, rect.width > 0 else { return }
        let customer = state.customer
        let glyphs = state.glyphs
        drawTitle(state, in: rect, into: &frame)
        var top = rect.y + 1
        if let search = customer.search {
            search.input.draw(into: &frame, x: rect.x, y: top, width: rect.width, prompt: " Find customer: ")
            top += 1
        } else if let input = customer.noteInput {
            input.draw(into: &frame, x: rect.x, y: top, width: rect.width,
                       prompt: customer.editingNoteID == nil ? " New note: " : " Edit note: ")
            top += 1
        }
        let area = Rect(x: rect.x, y: top, width: rect.width, height: rect.y + rect.height - top)
        if let sheet = customer.sheet {
            let doc = CustomerDocument.layout(sheet, state: state, width: area.width)
            let scroll = min(customer.scroll, max(0, doc.height - area.height))
            for i in 0..<area.height {
                let n = scroll + i
                if n < doc.left.count { doc.left[n].draw(into: &frame, x: area.x, y: area.y + i, width: doc.leftWidth) }
                if n < doc.right.count {
                    frame.put(glyphs.vertical, x: area.x + doc.rightX - 2, y: area.y + i, style: CellStyle(.border))
                    doc.right[n].draw(into: &frame, x: area.x + doc.rightX, y: area.y + i, width: doc.rightWidth)
                } else if doc.rightWidth > 0 {
                    frame.put(glyphs.vertical, x: area.x + doc.rightX - 2, y: area.y + i, style: CellStyle(.border))
                }
            }
        } else {
            drawWelcome(state, data: data, in: area, into: &frame)
        }
        if let search = customer.search {
            drawSuggestions(search, state: state, data: data, in: area, into: &frame)
        }
    }

    /// The first line: the customer, tier and risk on the left, the main keys on the right.
    static func drawTitle(_ state: AppState, in rect: Rect, into frame: inout Frame) {
        let y = rect.y
        frame.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), style: CellStyle(.subtitle))
        let hint = state.customer.search != nil ? "↑↓ pick  Tab complete  Enter open  Esc cancel"
            : state.customer.noteInput != nil ? "Enter save  Esc cancel"
            : "/ find  n note  s script  ? keys"
        let shownHint = state.glyphs.isASCII ? hint.replacingOccurrences(of: "↑↓", with: "Up/Down") : hint
        let hintWidth = DisplayWidth.of(shownHint) + 1
        var title = " Customer "
        if let sheet = state.customer.sheet {
            title += TextSanitizer.sanitize(sheet.customerID) + " \(state.glyphs.separator) \(sheet.tier.name) "
                + "\(state.glyphs.separator) risk " + NumberText.fixed(sheet.probability, decimals: 3)
        } else {
            title += "\(state.glyphs.separator) none open"
        }
        let showHint = DisplayWidth.of(title) + 2 + hintWidth <= rect.width
        frame.putFitted(title, x: rect.x, y: y, width: showHint ? rect.width - hintWidth : rect.width,
                        style: CellStyle(.subtitle, [.bold]), ellipsis: state.glyphs.ellipsis)
        if showHint {
            frame.put(shownHint, x: rect.x + rect.width - hintWidth, y: y, style: CellStyle(.muted))
        }
    }

    /// What the tab shows before a customer is opened: how to find one, and the riskiest customers.
    static func drawWelcome(_ state: AppState, data: WorkspaceData, in area: Rect, into frame: inout Frame) {
        var lines = CustomerDocument.wrapped("Press / and type part of a customer id, then Enter to open it. "
                                             + "On the High-risk tab, Enter opens the customer under the cursor.",
                                             width: area.width)
        if state.analysis == nil {
            lines += CustomerDocument.wrapped(state.analysisError.map { "Explanations need the customers' features, which could not be loaded: " + $0 }
                                              ?? "Loading the customers' features and the model's explainer" + (state.asciiOnly ? "..." : "…"),
                                              width: area.width, style: CellStyle(state.analysisError == nil ? .muted : .error))
        }
        lines.append(StyledLine())
        lines.append(StyledLine(" Riskiest customers", CellStyle(.heading, [.bold])))
        let customers = data.customers
        for i in data.riskOrder.reversed().prefix(max(0, area.height - lines.count)) {
            let row = Int(i)
            var line = StyledLine("  ")
            line.append(customers.ids[row], .plain, width: min(24, max(8, data.idWidth)))
            line.append("  " + NumberText.fixed(customers.probabilities[row], decimals: 3), CellStyle(OverviewView.role(customers.tiers[row])))
            line.append("  " + customers.tiers[row].name, CellStyle(OverviewView.role(customers.tiers[row])))
            lines.append(line)
        }
        for (i, line) in lines.prefix(area.height).enumerated() {
            line.draw(into: &frame, x: area.x, y: area.y + i, width: area.width)
        }
    }

    /// The suggestions under the search line, the highlighted one reversed.
    static func drawSuggestions(_ search: CustomerSearch, state: AppState, data: WorkspaceData, in area: Rect, into frame: inout Frame) {
        guard area.height > 0, !search.text.isEmpty else { return }
        let customers = data.customers
        // A panel from the left edge, closed by a border on the right and below.
        let panel = min(area.width, max(34, min(50, data.idWidth + 28)))
        let rows = min(search.matches.count, max(0, area.height - 2))
        let overlay = CellStyle(.overlay), border = CellStyle(.border)
        let inner = panel - 2
        guard inner > 4 else { return }
        let summary = search.matchCount == 0 ? "no id contains \"\(search.text)\""
            : "\(NumberText.count(search.matchCount)) id\(search.matchCount == 1 ? "" : "s") match"
        frame.fill(Rect(x: area.x, y: area.y, width: panel, height: min(area.height, rows + 2)), style: overlay)
        frame.putFitted(summary, x: area.x + 1, y: area.y, width: inner, style: CellStyle(search.matchCount == 0 ? .error : .muted),
                        ellipsis: state.glyphs.ellipsis)
        // Keep the highlight in view.
        let first = max(0, search.cursor - rows + 1)
        for r in 0..<max(0, rows) {
            let k = first + r
            let row = search.matches[k]
            let selected = k == search.cursor
            let style = selected ? CellStyle(.selection, [.bold]) : overlay
            let y = area.y + 1 + r
            frame.fill(Rect(x: area.x + 1, y: y, width: inner, height: 1), style: style)
            let risk = NumberText.fixed(customers.probabilities[row], decimals: 3) + " " + TextFit.pad(customers.tiers[row].name, to: 6)
            let riskWidth = DisplayWidth.of(risk)
            frame.putFitted(customers.ids[row], x: area.x + 2, y: y, width: max(0, inner - riskWidth - 2), style: style,
                            ellipsis: state.glyphs.ellipsis)
            frame.put(risk, x: area.x + 1 + inner - riskWidth, y: y,
                      style: selected ? style : CellStyle(OverviewView.role(customers.tiers[row])))
        }
        for y in area.y..<min(area.y + area.height, area.y + rows + 1) {
            frame.put(state.glyphs.vertical, x: area.x + panel - 1, y: y, style: border)
        }
        if rows + 1 < area.height {
            frame.put(String(repeating: state.glyphs.horizontal, count: panel - 1) + state.glyphs.bottomRight,
                      x: area.x, y: area.y + rows + 1, style: border)
        }
    }

    /// The position text of the status bar.
    static func position(_ state: AppState) -> String {
        guard let sheet = state.customer.sheet else { return "" }
        let doc = CustomerDocument.layout(sheet, state: state, width: state.size.width)
        let visible = visibleLines(state)
        guard doc.height > visible else { return "" }
        let top = min(state.customer.scroll, max(0, doc.height - visible))
        return "line \(top + 1)/\(doc.height)"
    }
}
