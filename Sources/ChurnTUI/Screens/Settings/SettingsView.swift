import ChurnKit

/// Draws the Settings tab: the list of settings on the left (threshold, tiers, costs, active model,
/// theme) and the threshold panel on the right (slider, precision, recall, F1, flagged customers,
/// confusion matrix and net value at the current threshold, on the out-of-fold scores). Small
/// terminals get the figures as three lines above the list.
enum SettingsView {
    /// The keys of this tab, in the order the help lists them.
    static let keyMap = KeyMap(title: "Settings", bindings: KeyMap.tabs + [
        KeyBinding([.up, .char("k")], .settings(.moveSelection(-1)), "previous setting"),
        KeyBinding([.down, .char("j")], .settings(.moveSelection(1)), "next setting"),
        KeyBinding([.char("g"), .home], .settings(.selectFirst), "first setting"),
        KeyBinding([.char("G"), .end], .settings(.selectLast), "last setting"),
        KeyBinding([.right, .char("l"), .char("+"), .char("=")], .settings(.change(1)), "raise one step, or next choice"),
        KeyBinding([.left, .char("h"), .char("-"), .char("_")], .settings(.change(-1)), "lower one step, or previous choice"),
        KeyBinding([.pageUp, .char("]")], .settings(.change(5)), "raise five steps"),
        KeyBinding([.pageDown, .char("[")], .settings(.change(-5)), "lower five steps"),
        KeyBinding([.enter], .settings(.edit), "type a number; promote the chosen model"),
        KeyBinding([.char("d")], .settings(.resetSelected), "back to the default"),
        KeyBinding([.char("f")], .settings(.optimize(.maxF1)), "threshold with the best F1"),
        KeyBinding([.char("p")], .settings(.optimize(.maxProfit)), "threshold with the best net value"),
        KeyBinding([.char("r")], .settings(.optimize(.recallTarget)), "highest threshold reaching the recall target"),
        KeyBinding([.char("P")], .settings(.optimize(.precisionFloor)), "lowest threshold keeping the precision floor"),
        KeyBinding([.char("a")], .settings(.promoteChosen), "promote the chosen model version"),
        KeyBinding([.char("b")], .settings(.rollBack), "roll back to the previous model version"),
    ] + KeyMap.workspaceGlobal)

    /// Draws the tab into `rect`.
    static func draw(_ state: AppState, data: WorkspaceData, in rect: Rect, into frame: inout Frame) {
        guard rect.width >= 20, rect.height >= 4 else { return }
        if rect.width >= 76, rect.height >= 18 {
            let listWidth = min(46, rect.width / 2)
            drawList(state, in: Rect(x: rect.x + 1, y: rect.y, width: listWidth - 2, height: rect.height), into: &frame)
            let px = rect.x + listWidth + 1
            drawPanel(state, data: data, in: Rect(x: px, y: rect.y, width: rect.x + rect.width - px - 1, height: rect.height),
                      into: &frame)
        } else {
            let inner = Rect(x: rect.x + 1, y: rect.y, width: rect.width - 2, height: rect.height)
            let used = drawCompactFigures(state, in: inner, into: &frame)
            drawList(state, in: Rect(x: inner.x, y: inner.y + used, width: inner.width, height: inner.height - used), into: &frame)
        }
    }

    /// The position text of the status bar.
    static func position(_ state: AppState) -> String {
        let all = SettingItem.allCases
        let i = (all.firstIndex(of: state.settings.selected) ?? 0) + 1
        return "setting \(i)/\(all.count)"
    }

    // MARK: The list

    /// A line of the list: a section heading or a setting.
    private enum Line {
        case heading(SettingItem.Section)
        case item(SettingItem)
    }

    private static var lines: [Line] {
        var out: [Line] = []
        var section: SettingItem.Section?
        for item in SettingItem.allCases {
            if item.section != section {
                out.append(.heading(item.section))
                section = item.section
            }
            out.append(.item(item))
        }
        return out
    }

    /// The settings with their values; the selected one highlighted (or being typed), then its help.
    private static func drawList(_ state: AppState, in rect: Rect, into frame: inout Frame) {
        guard rect.height > 0, rect.width > 8 else { return }
        let all = lines
        let settings = state.settings
        let selectedLine = all.firstIndex {
            if case .item(let item) = $0 { return item == settings.selected }
            return false
        } ?? 0
        // The help of the selected line goes below the list when there is room for it.
        let helpLines = TextFit.wrap(helpText(state), width: rect.width)
        let helpRoom = rect.height >= all.count + 1 + helpLines.count ? helpLines.count + 1 : 0
        let listHeight = rect.height - helpRoom
        guard listHeight > 0 else { return }
        let first = min(max(0, selectedLine - listHeight / 2), max(0, all.count - listHeight))
        let numberWidth = min(12, max(6, rect.width - 24))
        for (row, line) in all.dropFirst(first).prefix(listHeight).enumerated() {
            let y = rect.y + row
            switch line {
            case .heading(let section):
                frame.putFitted(section.rawValue, x: rect.x, y: y, width: rect.width, style: CellStyle(.heading, [.bold]),
                                ellipsis: state.glyphs.ellipsis)
            case .item(let item):
                let selected = item == settings.selected
                // Numbers sit right-aligned in a column; choices (model, theme) take what the label leaves.
                let valueWidth = item.isNumber ? numberWidth : max(numberWidth, rect.width - DisplayWidth.of(item.label) - 3)
                let labelWidth = rect.width - valueWidth - 1
                let style = selected ? CellStyle(.selection) : CellStyle(.text)
                frame.putFitted(" " + item.label, x: rect.x, y: y, width: labelWidth, style: style, ellipsis: state.glyphs.ellipsis)
                frame.fill(Rect(x: rect.x + labelWidth, y: y, width: 1, height: 1), style: style)
                if selected, let input = settings.editing {
                    input.draw(into: &frame, x: rect.x + labelWidth + 1, y: y, width: valueWidth, style: CellStyle(.text))
                } else {
                    frame.putFitted(valueText(item, state), x: rect.x + labelWidth + 1, y: y, width: valueWidth,
                                    style: selected ? CellStyle(.selection, [.bold]) : CellStyle(.text, [.bold]),
                                    alignRight: item.isNumber, ellipsis: state.glyphs.ellipsis)
                }
            }
        }
        guard helpRoom > 0 else { return }
        for (i, line) in helpLines.enumerated() {
            frame.putFitted(line, x: rect.x, y: rect.y + listHeight + 1 + i, width: rect.width, style: CellStyle(.muted),
                            ellipsis: state.glyphs.ellipsis)
        }
    }

    /// The value shown for a line.
    static func valueText(_ item: SettingItem, _ state: AppState) -> String {
        let settings = state.settings
        switch item {
        case .model:
            guard let chosen = settings.chosenVersion, let record = settings.versions.first(where: { $0.version == chosen }) else {
                return settings.versions.isEmpty && state.analysis == nil ? "loading" : "none"
            }
            return "< v\(record.version) \(record.family)\(record.active ? " (active)" : "") >"
        case .theme:
            return "< \(settings.theme) >"
        default:
            return item.number(in: settings.values, threshold: state.threshold).map(item.display) ?? ""
        }
    }

    /// What the line below the list says: typing hints, the selected setting's help, the model note.
    private static func helpText(_ state: AppState) -> String {
        let settings = state.settings
        if settings.editing != nil {
            return "Type \(settings.selected.expectation); Enter sets it, Esc cancels."
        }
        switch settings.selected {
        case .model:
            return settings.selected.help + " " + modelNote(state)
        case .theme where !settings.colorsEnabled:
            return settings.selected.help + " Colours are off (NO_COLOR or --no-color): themes only change bold and reverse."
        case .threshold, .recallTarget, .precisionFloor:
            return settings.selected.help + " f, p, r and P choose a threshold; Enter types one."
        default:
            return settings.selected.help + " Enter types a value; d restores the default."
        }
    }

    /// Which version scored the customers on screen, and how to get the active version's scores.
    static func modelNote(_ state: AppState) -> String {
        guard let shown = state.data?.snapshot.model else { return "" }
        let scored = "Scores shown are from v\(shown.version) \(shown.family)."
        guard let active = state.settings.versions.first(where: \.active), active.version != shown.version else { return scored }
        return scored + " To use active v\(active.version): " + SettingsReducer.rescoreHint(state, version: active.version) + "."
    }

    // MARK: The threshold panel

    /// The figures at the current threshold: slider, metrics, confusion matrix, net value, optimisers.
    private static func drawPanel(_ state: AppState, data: WorkspaceData, in rect: Rect, into frame: inout Frame) {
        let glyphs = state.glyphs
        var y = rect.y
        let bottom = rect.y + rect.height
        let t = state.threshold
        func line(_ text: String, _ style: CellStyle = .plain) {
            guard y < bottom else { return }
            frame.putFitted(text, x: rect.x, y: y, width: rect.width, style: style, ellipsis: glyphs.ellipsis)
            y += 1
        }
        line("Threshold " + NumberText.threshold(t), CellStyle(.heading, [.bold]))
        frame.put("0", x: rect.x, y: y, style: CellStyle(.muted))
        frame.put("1", x: rect.x + rect.width - 1, y: y, style: CellStyle(.muted))
        SettingSlider.draw(value: t, in: 0...1, x: rect.x + 2, y: y, width: rect.width - 4, glyphs: glyphs,
                           focused: state.settings.selected == .threshold, into: &frame)
        y += 1
        let flaggedNow = data.summary.churners(atThreshold: t)
        line("Scored: \(NumberText.count(flaggedNow)) of \(NumberText.count(data.summary.count)) flagged "
             + "(\(NumberText.percent(data.summary.count > 0 ? Double(flaggedNow) / Double(data.summary.count) : 0)))",
             CellStyle(.muted))
        y += 1
        guard let explorer = state.settings.explorer?.value else {
            let note = state.settings.explorerNote ?? state.analysisError.map { "The out-of-fold scores could not be loaded: " + $0 }
                ?? "Loading the model's out-of-fold scores" + (state.asciiOnly ? "..." : "…")
            for text in TextFit.wrap(note, width: rect.width) { line(text, CellStyle(.muted)) }
            return
        }
        let point = explorer.point(at: t)
        line("Out-of-fold: \(NumberText.count(explorer.customers)) rows, \(NumberText.count(explorer.churners)) churned",
             CellStyle(.muted))
        guard y < bottom else { return }
        var x = rect.x
        let gap = rect.width >= 45 ? "   " : " "
        for (label, value) in [("Precision", point.precision), ("Recall", point.recall), ("F1", point.f1)] {
            x += frame.put(label + " ", x: x, y: y, style: CellStyle(.muted), maxWidth: rect.x + rect.width - x)
            x += frame.put(NumberText.fixed(value, decimals: 3), x: x, y: y, style: CellStyle(.good, [.bold]),
                           maxWidth: rect.x + rect.width - x)
            x += frame.put(gap, x: x, y: y, maxWidth: rect.x + rect.width - x)
        }
        y += 1
        let share = explorer.customers > 0 ? Double(point.flagged) / Double(explorer.customers) : 0
        line("Flagged \(NumberText.count(point.flagged)) (\(NumberText.percent(share)))", CellStyle(.text, [.bold]))
        y += drawConfusion(point.confusion, x: rect.x, y: y, width: rect.width, bottom: bottom, glyphs: glyphs, into: &frame)
        let values = state.settings.values
        let net = explorer.netValue(point, values)
        guard y < bottom else { return }
        let lead = frame.put("Net value ", x: rect.x, y: y, style: CellStyle(.muted), maxWidth: rect.width)
        frame.put(NumberText.value(net, decimals: 0), x: rect.x + lead, y: y, style: CellStyle(net >= 0 ? .good : .error, [.bold]),
                  maxWidth: rect.width - lead)
        y += 1
        let kept = NumberText.value(point.confusion.truePositives, decimals: 0)
        let formula = "= \(kept) churners flagged x \(NumberText.percent(values.successRate, decimals: 0)) kept x "
            + "\(NumberText.value(values.profitModel.customerValue, decimals: 2)) - \(NumberText.count(point.flagged)) x "
            + NumberText.value(values.costPerContact, decimals: 2)
        for text in TextFit.wrap(formula, width: rect.width).prefix(2) { line(text, CellStyle(.muted)) }
        y += 1
        guard y < bottom else { return }
        x = rect.x
        let keys: [(String, String)] = [("f", "max F1"), ("p", "max profit"),
                                        ("r", "recall>=" + NumberText.fixed(values.recallTarget, decimals: 2)),
                                        ("P", "precision>=" + NumberText.fixed(values.precisionFloor, decimals: 2))]
        for (key, label) in keys {
            let need = DisplayWidth.of(key) + DisplayWidth.of(label) + 3
            if x > rect.x, x + need > rect.x + rect.width {
                y += 1
                x = rect.x
                guard y < bottom else { return }
            }
            x += frame.put(" \(key) ", x: x, y: y, style: CellStyle(.key, [.bold]), maxWidth: rect.x + rect.width - x)
            x += frame.put(label + " ", x: x, y: y, style: .plain, maxWidth: rect.x + rect.width - x)
        }
        y += 1
        if let last = state.settings.lastOptimum { line(last, CellStyle(.info)) }
        y += 1
        for text in TextFit.wrap(modelNote(state), width: rect.width) { line(text, CellStyle(.muted)) }
    }

    /// The confusion matrix as a small table; returns the rows used.
    private static func drawConfusion(_ m: ConfusionMatrix, x: Int, y: Int, width: Int, bottom: Int, glyphs: Glyphs,
                                      into frame: inout Frame) -> Int {
        guard y + 3 <= bottom, width >= 30 else { return 0 }
        let label = 13, cell = min(12, (width - label) / 2)
        let rows: [(String, Double, Double, ColorRole, ColorRole)] = [
            ("flagged", m.truePositives, m.falsePositives, .good, .warning),
            ("not flagged", m.falseNegatives, m.trueNegatives, .error, .good),
        ]
        frame.putFitted("", x: x, y: y, width: label)
        frame.putFitted("churned", x: x + label, y: y, width: cell, style: CellStyle(.tableHeader, [.bold]), alignRight: true)
        frame.putFitted("stayed", x: x + label + cell, y: y, width: cell, style: CellStyle(.tableHeader, [.bold]), alignRight: true)
        for (i, row) in rows.enumerated() {
            frame.putFitted("  " + row.0, x: x, y: y + 1 + i, width: label, style: CellStyle(.tableHeader))
            frame.putFitted(NumberText.value(row.1, decimals: 0), x: x + label, y: y + 1 + i, width: cell,
                            style: CellStyle(row.3, [.bold]), alignRight: true)
            frame.putFitted(NumberText.value(row.2, decimals: 0), x: x + label + cell, y: y + 1 + i, width: cell,
                            style: CellStyle(row.4, [.bold]), alignRight: true)
        }
        return 3
    }

    /// Small terminals: the slider and the figures in three lines; returns the rows used.
    private static func drawCompactFigures(_ state: AppState, in rect: Rect, into frame: inout Frame) -> Int {
        guard rect.height >= 6 else { return 0 }
        let t = NumberText.threshold(state.threshold)
        let lead = frame.put("thr \(t) ", x: rect.x, y: rect.y, style: CellStyle(.heading, [.bold]), maxWidth: rect.width)
        SettingSlider.draw(value: state.threshold, in: 0...1, x: rect.x + lead, y: rect.y, width: rect.width - lead,
                           glyphs: state.glyphs, focused: state.settings.selected == .threshold, into: &frame)
        guard let explorer = state.settings.explorer?.value else {
            let note = state.settings.explorerNote != nil ? "no out-of-fold scores for this model" : "loading out-of-fold scores"
            frame.putFitted(note, x: rect.x, y: rect.y + 1, width: rect.width, style: CellStyle(.muted), ellipsis: state.glyphs.ellipsis)
            return 3
        }
        let point = explorer.point(at: state.threshold)
        frame.putFitted("P \(NumberText.fixed(point.precision, decimals: 3))  R \(NumberText.fixed(point.recall, decimals: 3))  "
                        + "F1 \(NumberText.fixed(point.f1, decimals: 3))", x: rect.x, y: rect.y + 1, width: rect.width,
                        style: CellStyle(.good, [.bold]), ellipsis: state.glyphs.ellipsis)
        frame.putFitted("flagged \(NumberText.count(point.flagged))  net \(NumberText.value(explorer.netValue(point, state.settings.values), decimals: 0))",
                        x: rect.x, y: rect.y + 2, width: rect.width, style: CellStyle(.text), ellipsis: state.glyphs.ellipsis)
        return 3
    }
}
