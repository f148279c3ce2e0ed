import ChurnKit

/// The parts of the Customer tab, in reading order for one column.
enum CustomerSection: Sendable, CaseIterable {
    case risk, spend, reasons, actions, notes, contributions, factors, script
}

/// The Customer tab laid out as scrollable lines: one column below 100 columns, two above (risk, spend,
/// contributions, factors and reasons on the left; actions, notes and script on the right). Built from
/// the precomputed `CustomerSheet`, so its cost depends on the customer, not on the number of customers.
/// The reducer builds it too, to clamp scrolling and jump between sections.
struct CustomerDocument {
    var left: [StyledLine] = []
    var right: [StyledLine] = []
    var leftWidth: Int
    /// The right column's x and width (0 in one column).
    var rightX = 0, rightWidth = 0
    /// The first line of each section, in scrolling order.
    var anchors: [Int] = []

    /// Lines to scroll through.
    var height: Int { max(left.count, right.count) }

    /// Width from which the tab uses two columns.
    static let twoColumnWidth = 100

    static func layout(_ sheet: CustomerSheet, state: AppState, width: Int) -> CustomerDocument {
        let two = width >= twoColumnWidth
        let leftWidth = two ? width * 3 / 5 : width
        var doc = CustomerDocument(leftWidth: leftWidth)
        if two {
            doc.rightX = leftWidth + 3
            doc.rightWidth = width - leftWidth - 3
        }
        let order: [CustomerSection] = two ? [.risk, .spend, .contributions, .factors, .reasons] : CustomerSection.allCases
        var anchors: Set<Int> = []
        for section in order {
            let lines = build(section, sheet: sheet, state: state, width: leftWidth)
            guard !lines.isEmpty else { continue }
            anchors.insert(doc.left.count)
            doc.left += lines + [StyledLine()]
        }
        if two {
            for section in [CustomerSection.actions, .notes, .script] {
                let lines = build(section, sheet: sheet, state: state, width: doc.rightWidth)
                guard !lines.isEmpty else { continue }
                anchors.insert(doc.right.count)
                doc.right += lines + [StyledLine()]
            }
        }
        doc.anchors = anchors.sorted()
        return doc
    }

    /// The width of the column `section` is drawn in.
    func columnWidth(of section: CustomerSection) -> Int {
        rightWidth > 0 && [.actions, .notes, .script].contains(section) ? rightWidth : leftWidth
    }

    /// The first line of `section` in its column, or nil when it is not shown.
    static func anchor(of section: CustomerSection, sheet: CustomerSheet, state: AppState, width: Int) -> Int? {
        let two = width >= twoColumnWidth
        let leftWidth = two ? width * 3 / 5 : width
        let order: [CustomerSection] = two
            ? ([.risk, .spend, .contributions, .factors, .reasons].contains(section)
                ? [.risk, .spend, .contributions, .factors, .reasons] : [.actions, .notes, .script])
            : CustomerSection.allCases
        let columnWidth = two && [.actions, .notes, .script].contains(section) ? width - leftWidth - 3 : leftWidth
        var line = 0
        for s in order {
            let lines = build(s, sheet: sheet, state: state, width: columnWidth)
            if s == section { return lines.isEmpty ? nil : line }
            if !lines.isEmpty { line += lines.count + 1 }
        }
        return nil
    }

    // MARK: Sections

    static func build(_ section: CustomerSection, sheet: CustomerSheet, state: AppState, width: Int) -> [StyledLine] {
        switch section {
        case .risk: return risk(sheet, state: state, width: width)
        case .spend: return spend(sheet, state: state, width: width)
        case .reasons: return reasons(sheet, state: state, width: width)
        case .actions: return actions(sheet, state: state, width: width)
        case .notes: return notes(state, width: width)
        case .contributions: return contributions(sheet, state: state, width: width)
        case .factors: return factors(sheet, state: state, width: width)
        case .script: return script(sheet, state: state, width: width)
        }
    }

    /// A section title with a hint and a rule to the column's edge.
    static func heading(_ title: String, hint: String = "", width: Int, glyphs: Glyphs) -> StyledLine {
        var line = StyledLine(title, CellStyle(.heading, [.bold]))
        if !hint.isEmpty { line.append("  " + hint, CellStyle(.muted)) }
        line.append(" ")
        if line.width < width { line.append(String(repeating: glyphs.horizontal, count: width - line.width), CellStyle(.border)) }
        return line
    }

    /// Text wrapped to the column with a one-column indent (and a hanging indent after a bullet).
    static func wrapped(_ text: String, width: Int, style: CellStyle = .plain, bullet: String? = nil,
                        bulletStyle: CellStyle = .plain) -> [StyledLine] {
        let lead = bullet.map { " " + $0 + " " } ?? " "
        let leadWidth = DisplayWidth.of(lead)
        var out: [StyledLine] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let pieces = paragraph.isEmpty ? [""] : TextFit.wrap(TextSanitizer.sanitize(String(paragraph)), width: max(4, width - leadWidth))
            for (i, piece) in pieces.enumerated() {
                var line = StyledLine()
                if i == 0, out.isEmpty, bullet != nil {
                    line.append(lead, bulletStyle)
                } else {
                    line.append(String(repeating: " ", count: leadWidth))
                }
                line.append(piece, style)
                out.append(line)
            }
        }
        return out
    }

    /// "label      value" with a fixed label column.
    static func field(_ label: String, _ value: String, _ style: CellStyle, detail: String = "", labelWidth: Int = 12) -> StyledLine {
        var line = StyledLine(" ")
        line.append(label, CellStyle(.muted), width: labelWidth)
        line.append(value, style)
        if !detail.isEmpty { line.append("  " + detail, CellStyle(.muted)) }
        return line
    }

    /// A field whose detail moves to lines of its own, under the value, when the line is wider than `width`.
    static func field(_ label: String, _ value: String, _ style: CellStyle, detail: String, width: Int) -> [StyledLine] {
        let whole = field(label, value, style, detail: detail)
        guard whole.width > width, !detail.isEmpty else { return [whole] }
        let first = field(label, value, style)
        return [first] + TextFit.wrap(TextSanitizer.sanitize(detail), width: max(4, width - 13)).map { piece in
            var line = StyledLine(String(repeating: " ", count: 13))
            line.append(piece, CellStyle(.muted))
            return line
        }
    }

    static func risk(_ sheet: CustomerSheet, state: AppState, width: Int) -> [StyledLine] {
        let glyphs = state.glyphs
        let role = OverviewView.role(sheet.tier)
        var out = [heading("Risk", width: width, glyphs: glyphs)]
        var riskLine = field("Churn risk", NumberText.fixed(sheet.probability, decimals: 3), CellStyle(role, [.bold]))
        riskLine.append("  ")
        let bar = glyphs.bar(fraction: sheet.probability, width: max(0, min(20, width - riskLine.width - 8)))
        riskLine.append(bar.filled, CellStyle(role))
        riskLine.append(bar.empty, CellStyle(.muted))
        riskLine.append(" " + NumberText.percent(sheet.probability), CellStyle(.muted))
        out.append(riskLine)
        out += field("Tier", sheet.tier.name, CellStyle(role, [.bold]),
                     detail: sheet.rank > 0 ? "rank \(NumberText.count(sheet.rank)) of \(NumberText.count(sheet.count))" : "", width: width)
        let threshold = NumberText.fixed(state.threshold, decimals: 2)
        out += sheet.probability >= state.threshold
            ? field("Prediction", "churns", CellStyle(.error, [.bold]), detail: "risk \(glyphs.isASCII ? ">=" : "≥") threshold \(threshold)",
                    width: width)
            : field("Prediction", "stays", CellStyle(.good, [.bold]), detail: "risk below threshold \(threshold)", width: width)
        out += field("Value", sheet.value.map { NumberText.fixed($0, decimals: 2) } ?? "unknown", CellStyle(.text, [.bold]),
                     detail: sheet.valueSource ?? "", width: width)
        if sheet.isTransactions {
            if let o = sheet.outlook {
                out += field("P(alive)", NumberText.fixed(o.probabilityAlive, decimals: 2),
                             CellStyle(o.probabilityAlive < 0.5 ? .warning : .good, [.bold]), detail: "BG/NBD purchase model", width: width)
                out += field("Next \(o.horizonDays)d", NumberText.fixed(o.expectedPurchases, decimals: 1) + " purchases",
                             CellStyle(.text), detail: NumberText.fixed(o.futureValue, decimals: 2) + " expected spend", width: width)
            } else {
                out += field("P(alive)", "", .plain, detail: sheet.historyNote ?? "not available", width: width)
            }
        }
        if let latest = state.customer.notes.first?.current {
            let count = state.customer.notes.count
            out += field("Last note", DateText.minute(latest.createdAt) + " " + latest.author, CellStyle(.text),
                         detail: count > 1 ? "\(count) notes below" : "", width: width)
            var body = StyledLine(String(repeating: " ", count: 13))
            body.append(TextFit.truncate(TextSanitizer.sanitize(latest.body), to: max(4, width - 13), ellipsis: glyphs.ellipsis),
                        CellStyle(.text, [.bold]))
            out.append(body)
        }
        return out
    }

    static func spend(_ sheet: CustomerSheet, state: AppState, width: Int) -> [StyledLine] {
        guard sheet.isTransactions else { return [] }
        var out = [heading("Monthly spend", width: width, glyphs: state.glyphs)]
        guard let spend = sheet.spend else {
            out.append(field("", sheet.historyNote ?? "no purchases recorded", CellStyle(.muted), labelWidth: 0))
            return out
        }
        let chart = SpendSparkline.line(spend.totals, width: max(1, width - 2), glyphs: state.glyphs)
        var line = StyledLine(" ")
        for span in chart.line.spans { line.append(span.text, span.style) }
        out.append(line)
        let shown = spend.totals[chart.first...]
        let total = shown.reduce(0) { $0 + ($1.isFinite ? $1 : 0) }
        let best = shown.indices.max { shown[$0] < shown[$1] } ?? chart.first
        let last = shown.indices.last { shown[$0] > 0 }
        var caption = "\(spend.label(chart.first)) to \(spend.label(spend.totals.count - 1)): \(NumberText.fixed(total, decimals: 2)) spent"
        if shown[best] > 0 { caption += ", most in \(spend.label(best)) (\(NumberText.fixed(shown[best], decimals: 2)))" }
        caption += last.map { ", last purchase \(spend.label($0))" } ?? ", no purchase in these months"
        out += wrapped(caption, width: width, style: CellStyle(.muted))
        return out
    }

    static func contributions(_ sheet: CustomerSheet, state: AppState, width: Int) -> [StyledLine] {
        var out = [heading("Contributions", hint: sheet.marginName + ", + raises risk", width: width, glyphs: state.glyphs)]
        guard let e = sheet.explanation else {
            return out + wrapped(sheet.explainNote ?? "no explanation", width: width, style: CellStyle(.muted))
        }
        var steps = e.factors.map { ContributionWaterfall.Step($0.feature, $0.contribution) }
        let shown = e.factors.reduce(0) { $0 + $1.contribution }
        let rest = (e.margin - e.expectedValue) - shown
        let others = e.contributions.count - e.factors.count
        if others > 0, abs(rest) > 1e-9 {
            steps.append(ContributionWaterfall.Step("\(others) other feature\(others == 1 ? "" : "s")", rest))
        }
        let chart = ContributionWaterfall(startLabel: "average customer", start: e.expectedValue, steps: steps, endLabel: "this customer")
        for line in chart.lines(width: width - 1, glyphs: state.glyphs) {
            var indented = StyledLine(" ")
            for span in line.spans { indented.append(span.text, span.style) }
            out.append(indented)
        }
        out += wrapped("Model probability \(NumberText.fixed(e.baseProbability, decimals: 2)) on average, "
                       + "\(NumberText.fixed(e.probability, decimals: 2)) for this customer (before calibration).",
                       width: width, style: CellStyle(.muted))
        return out
    }

    /// How much a factor worries: strong raise, raise, or lowers the risk.
    static func concern(_ factor: ExplanationFactor) -> ColorRole {
        factor.contribution > 0 ? (factor.probabilityChange >= 0.05 ? .error : .warning) : .good
    }

    static func factors(_ sheet: CustomerSheet, state: AppState, width: Int) -> [StyledLine] {
        var out = [heading("Top factors", width: width, glyphs: state.glyphs)]
        guard let e = sheet.explanation else { return [] }
        guard !e.factors.isEmpty else {
            return out + [field("", "no feature moves this customer's score", CellStyle(.muted), labelWidth: 0)]
        }
        // Columns that fit, most telling first; the feature name takes what is left.
        struct Column { var title: String; var width: Int; var text: (ExplanationFactor) -> String }
        func number(_ v: Double) -> String { v.isNaN ? "missing" : NumberText.value(v, decimals: 2) }
        let all: [Column] = [
            Column(title: "Value", width: 9) { number($0.value) },
            Column(title: "Retained", width: 9) { number($0.retainedMean) },
            Column(title: "Churned", width: 9) { number($0.churnedMean) },
            Column(title: "z", width: 6) { $0.zScore.isNaN ? "" : NumberText.fixed($0.zScore, decimals: 1) },
            Column(title: "Contrib", width: 8) { ContributionWaterfall.signed($0.contribution, plus: true) },
        ]
        var columns = all
        let minimumName = 12
        for drop in ["Retained", "Churned", "z", "Value"]
            where 2 + minimumName + columns.reduce(0, { $0 + $1.width }) > width {
            columns.removeAll { $0.title == drop }
        }
        let nameWidth = max(4, width - 2 - columns.reduce(0) { $0 + $1.width })
        var header = StyledLine(" ")
        header.append("Feature", CellStyle(.tableHeader), width: nameWidth)
        for c in columns { header.append(c.title, CellStyle(.tableHeader), width: c.width, alignRight: true) }
        out.append(header)
        for f in e.factors {
            let role = concern(f)
            var line = StyledLine(" ")
            line.append(TextFit.truncate(f.feature, to: nameWidth - 1, ellipsis: state.glyphs.ellipsis), CellStyle(role), width: nameWidth)
            for c in columns {
                line.append(c.text(f), CellStyle(role, c.title == "Contrib" ? [.bold] : []), width: c.width, alignRight: true)
            }
            out.append(line)
        }
        return out
    }

    static func reasons(_ sheet: CustomerSheet, state: AppState, width: Int) -> [StyledLine] {
        var out = [heading("Reasons", width: width, glyphs: state.glyphs)]
        guard let e = sheet.explanation, !e.factors.isEmpty else {
            let text = sheet.storedReason.map { "Stored top reason: " + $0 } ?? sheet.explainNote ?? "no reasons recorded"
            return out + wrapped(text, width: width, style: CellStyle(.muted))
        }
        for f in e.factors.prefix(5) {
            let up = f.contribution > 0
            let mark = state.glyphs.isASCII ? (up ? "+" : "-") : (up ? state.glyphs.up : state.glyphs.down)
            out += wrapped(f.sentence, width: width, bullet: mark,
                           bulletStyle: CellStyle(concern(f), [.bold]))
        }
        return out
    }

    static func actions(_ sheet: CustomerSheet, state: AppState, width: Int) -> [StyledLine] {
        var out = [heading("Recommended actions", width: width, glyphs: state.glyphs)]
        for (i, share) in sheet.drivers.enumerated() {
            out += wrapped(share.action, width: width, style: CellStyle(.text, i == 0 ? [.bold] : []), bullet: "\(i + 1).",
                           bulletStyle: CellStyle(.key, [.bold]))
            let why = share.strength > 0 ? "\(share.driver.title), +\(NumberText.fixed(share.strength, decimals: 2)) \(sheet.marginName)"
                : share.driver.title
            out += wrapped(why, width: width, style: CellStyle(.muted), bullet: "  ", bulletStyle: CellStyle(.muted))
        }
        return out
    }

    static func notes(_ state: AppState, width: Int) -> [StyledLine] {
        let customer = state.customer
        var out = [heading("Notes", hint: "n add  e edit  [ ] pick", width: width, glyphs: state.glyphs)]
        switch customer.notesLoad {
        case .idle, .loading:
            return out + [field("", "loading" + (state.asciiOnly ? "..." : "…"), CellStyle(.muted), labelWidth: 0)]
        case .failed(let message):
            return out + wrapped("Notes could not be read: " + message, width: width, style: CellStyle(.error))
        case .loaded:
            break
        }
        if customer.notes.isEmpty {
            return out + wrapped("No notes yet. Press n to add one.", width: width, style: CellStyle(.muted))
        }
        for (i, thread) in customer.notes.enumerated() {
            let selected = i == customer.selectedNote
            var head = StyledLine(selected ? (state.glyphs.isASCII ? ">" : "▸") : " ", CellStyle(.key, [.bold]))
            head.append(" " + DateText.minute(thread.current.createdAt) + " " + thread.current.author,
                        CellStyle(selected ? .selection : .muted, selected ? [.bold] : []))
            if !thread.earlier.isEmpty {
                head.append("  edited" + (thread.earlier.count > 1 ? " \(thread.earlier.count)x" : ""), CellStyle(.muted))
            }
            out.append(head)
            out += wrapped(thread.current.body, width: width - 2).map { line in
                var indented = StyledLine("  ")
                for span in line.spans { indented.append(span.text, span.style) }
                return indented
            }
            if selected {
                for old in thread.earlier {
                    out += wrapped("was (" + DateText.minute(old.createdAt) + " " + old.author + "): " + old.body,
                                   width: width - 2, style: CellStyle(.muted)).map { line in
                        var indented = StyledLine("  ")
                        for span in line.spans { indented.append(span.text, span.style) }
                        return indented
                    }
                }
            }
        }
        return out
    }

    static func script(_ sheet: CustomerSheet, state: AppState, width: Int) -> [StyledLine] {
        let email = state.customer.scriptKind == .email
        guard let script = email ? sheet.email : sheet.call else { return [] }
        var out = [heading(email ? "E-mail" : "Call script", hint: email ? "s: call script" : "s: e-mail", width: width,
                           glyphs: state.glyphs)]
        if let subject = script.subject {
            var line = StyledLine(" ")
            line.append("Subject: ", CellStyle(.muted))
            line.append(subject, CellStyle(.text, [.bold]))
            out.append(line)
        }
        out += wrapped(script.body, width: width)
        if !script.missing.isEmpty {
            out += wrapped("Not filled for this customer: " + script.missing.map { "{\($0)}" }.joined(separator: ", "),
                           width: width, style: CellStyle(.warning))
        }
        return out
    }
}
