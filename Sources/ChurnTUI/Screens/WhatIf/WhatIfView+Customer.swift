import ChurnKit

extension WhatIfView {
    /// Column widths of a slider row for a width.
    struct SliderColumns {
        var name: Int, track: Int, value: Int, contribution: Int

        init(width: Int) {
            name = width >= 90 ? 20 : width >= 70 ? 17 : max(6, min(14, width / 3))
            value = width >= 90 ? 26 : width >= 70 ? 18 : max(6, min(12, width / 4))
            contribution = width >= 90 ? 23 : width >= 70 ? 21 : 0
            track = max(3, min(40, width - 2 - name - 1 - value - 1 - (contribution > 0 ? contribution + 1 : 0)))
        }
    }

    /// The customer pane: who, the risk before and after, the best single change, the sliders and the
    /// other features' contributions.
    static func drawCustomer(_ state: AppState, in rect: Rect, into frame: inout Frame) {
        guard rect.width >= 10, rect.height >= 1 else { return }
        let glyphs = state.glyphs
        let bottom = rect.y + rect.height
        var y = rect.y
        let roomy = rect.height >= 16

        if let input = state.whatIf.picking {
            input.draw(into: &frame, x: rect.x, y: y, width: min(rect.width, 40), prompt: "Customer id: ")
            if rect.width > 60 {
                frame.putFitted("Enter opens  Esc cancels", x: rect.x + 42, y: y, width: rect.width - 42, style: CellStyle(.muted))
            }
            y += 1
        }
        guard let session = state.whatIf.session else {
            let text = state.whatIf.sessionError ?? "No customer to what-if: press c and type a customer id."
            frame.putFitted(text, x: rect.x, y: y, width: rect.width, style: CellStyle(.error), ellipsis: glyphs.ellipsis)
            if y + 2 < bottom {
                frame.putFitted("The campaign planner (p) works without it.", x: rect.x, y: y + 2, width: rect.width,
                                style: CellStyle(.muted), ellipsis: glyphs.ellipsis)
            }
            return
        }
        if state.whatIf.picking == nil {
            var header = StyledLine()
            header.append("Customer ", CellStyle(.heading, [.bold]))
            header.append(session.customerID, CellStyle(.heading, [.bold]))
            let origin: String
            switch state.whatIf.origin {
            case .customerTab: origin = "open on the Customer tab"
            case .highestRisk: origin = "the highest risk (no customer open)"
            case .picked: origin = "chosen here"
            }
            header.append("  " + glyphs.separator + " " + origin, CellStyle(.muted))
            header.draw(into: &frame, x: rect.x, y: y, width: rect.width)
            let hint = "c: another customer"
            if rect.width - header.width >= DisplayWidth.of(hint) + 3 {
                frame.put(hint, x: rect.x + rect.width - DisplayWidth.of(hint), y: y, style: CellStyle(.muted))
            }
            y += 1
        }
        guard y < bottom else { return }
        drawRisk(session, glyphs: glyphs, x: rect.x, y: y, width: rect.width, into: &frame)
        y += 1
        guard y < bottom else { return }
        drawBest(session, glyphs: glyphs, x: rect.x, y: y, width: rect.width, into: &frame)
        y += 1
        if let error = session.error, y < bottom {
            frame.putFitted("Scoring failed: " + error, x: rect.x, y: y, width: rect.width, style: CellStyle(.error), ellipsis: glyphs.ellipsis)
            y += 1
        }
        let extras = session.changesWithoutSlider
        if !extras.isEmpty || session.boughtToday != nil || state.whatIf.boughtTodayPending, y < bottom {
            var line = StyledLine()
            if state.whatIf.boughtTodayPending {
                line.append("Computing a purchase today" + glyphs.ellipsis + " ", CellStyle(.info))
            } else if session.boughtToday != nil {
                line.append("Bought today (t undoes). ", CellStyle(.info, [.bold]))
            }
            if !extras.isEmpty, let scorer = WhatIfReducer.scorer(state) {
                line.append("Also changed: ", CellStyle(.muted))
                line.append(extras.map { "\(scorer.names[$0]) \(ReasonText.number(session.originalRow[$0])) "
                    + glyphs.arrowRight + " \(ReasonText.number(session.currentRow[$0]))" }.joined(separator: ", "))
            }
            line.draw(into: &frame, x: rect.x, y: y, width: rect.width)
            y += 1
        }
        if roomy { y += 1 }
        guard y < bottom else { return }

        let columns = SliderColumns(width: rect.width)
        if roomy {
            var head = StyledLine()
            head.append("  ")
            head.append("Feature", CellStyle(.tableHeader, [.bold]), width: columns.name + 1)
            head.append(columns.track >= 26 ? "Range (5th-95th percentile)" : "Range (p5-p95)", CellStyle(.tableHeader, [.bold]), width: columns.track + 1)
            head.append("Value", CellStyle(.tableHeader, [.bold]), width: columns.value + 1)
            if columns.contribution > 0 {
                let title = "Contribution (" + session.marginName + ")"
                head.append(DisplayWidth.of(title) <= columns.contribution ? title : "Contribution", CellStyle(.tableHeader, [.bold]),
                            width: columns.contribution)
            }
            head.draw(into: &frame, x: rect.x, y: y, width: rect.width)
            y += 1
        }
        let hintRows = rect.height >= 20 ? 1 : 0
        let otherRows = roomy ? 3 : 0
        let sliderRows = max(1, min(session.sliders.count, bottom - y - hintRows - otherRows))
        let selected = min(state.whatIf.selected, max(0, session.sliders.count - 1))
        let first = max(0, min(selected - sliderRows + 1, session.sliders.count - sliderRows))
        let top = min(first, selected)
        if session.sliders.isEmpty, y < bottom {
            frame.putFitted("None of this customer's features can be moved within the observed ranges.", x: rect.x, y: y,
                            width: rect.width, style: CellStyle(.muted), ellipsis: glyphs.ellipsis)
            y += 1
        }
        for i in top..<min(session.sliders.count, top + sliderRows) where y < bottom - hintRows {
            drawSlider(session, index: i, selected: i == selected, columns: columns, glyphs: glyphs, x: rect.x, y: y, into: &frame)
            y += 1
        }
        if roomy, bottom - hintRows - y >= 3 {
            y += 1
            drawAllContributions(session, glyphs: glyphs, in: Rect(x: rect.x, y: y, width: rect.width, height: bottom - hintRows - y),
                                   into: &frame)
        }
        if hintRows > 0 {
            drawHints([("\(glyphs.up)\(glyphs.down)", "feature"), ("\(glyphs.left)\(glyphs.right)", "move"), ("PgUp/PgDn", "x\(WhatIfReducer.bigStep)"),
                       ("r/R", "reset"), ("b", "best change"), ("p", "planner"), ("c", "customer"), ("?", "keys")],
                      x: rect.x, y: bottom - 1, width: rect.width, into: &frame)
        }
    }

    /// "Risk 0.813 high → 0.534 medium (-0.279)".
    static func drawRisk(_ session: WhatIfSession, glyphs: Glyphs, x: Int, y: Int, width: Int, into frame: inout Frame) {
        var line = StyledLine()
        let before = tierText(session.originalProbability), after = tierText(session.probability)
        line.append("Risk ", CellStyle(.muted))
        line.append(NumberText.fixed(session.originalProbability, decimals: 3) + " " + before.name, CellStyle(before.role, [.bold]))
        if session.isChanged {
            line.append(" " + glyphs.arrowRight + " ", CellStyle(.muted))
            line.append(NumberText.fixed(session.probability, decimals: 3) + " " + after.name, CellStyle(after.role, [.bold]))
            let delta = session.probability - session.originalProbability
            line.append("  (" + signed(delta, decimals: 3) + ")", CellStyle(changeRole(delta), [.bold]))
        } else {
            line.append("  the customer's own features; move a slider", CellStyle(.muted))
        }
        line.draw(into: &frame, x: x, y: y, width: width)
    }

    /// "Best single change: contract → Two year: risk 0.813 → 0.240 (b sets it)".
    static func drawBest(_ session: WhatIfSession, glyphs: Glyphs, x: Int, y: Int, width: Int, into frame: inout Frame) {
        var line = StyledLine()
        line.append("Best single change: ", CellStyle(.muted))
        if let best = session.best {
            line.append(best.summary.replacingOccurrences(of: "→", with: glyphs.arrowRight), CellStyle(.good, [.bold]))
            line.append(", risk " + NumberText.fixed(session.probability, decimals: 3) + " " + glyphs.arrowRight + " ")
            line.append(NumberText.fixed(best.probability, decimals: 3), CellStyle(tierText(best.probability).role, [.bold]))
            line.append("  (b sets it)", CellStyle(.muted))
        } else {
            line.append(session.bestNote ?? "none: no single realistic value lowers the risk from here", CellStyle(.muted))
        }
        line.draw(into: &frame, x: x, y: y, width: width)
    }

    /// One slider row: marker, name, track, value and contribution before → after with the change.
    static func drawSlider(_ session: WhatIfSession, index: Int, selected: Bool, columns: SliderColumns, glyphs: Glyphs,
                           x: Int, y: Int, into frame: inout Frame) {
        let slider = session.sliders[index]
        var cx = x
        frame.put(selected ? (glyphs.isASCII ? ">" : "▶") : " ", x: cx, y: y, style: CellStyle(.selection, [.bold]))
        cx += 2
        let nameStyle = selected ? CellStyle(.selection, [.bold, .reverse]) : CellStyle(slider.isChanged ? .heading : .text)
        frame.putFitted(slider.name, x: cx, y: y, width: columns.name, style: nameStyle, ellipsis: glyphs.ellipsis)
        cx += columns.name + 1
        SliderTrack(position: slider.fraction(slider.value), origin: slider.fraction(slider.original))
            .draw(into: &frame, x: cx, y: y, width: columns.track, glyphs: glyphs,
                  knobStyle: CellStyle(slider.isChanged ? .warning : .bar, [.bold]))
        cx += columns.track + 1
        var value = slider.text(slider.value)
        if slider.isChanged { value += " (was " + slider.text(slider.original) + ")" }
        frame.putFitted(value, x: cx, y: y, width: columns.value, style: CellStyle(slider.isChanged ? .heading : .text, slider.isChanged ? [.bold] : []),
                        ellipsis: glyphs.ellipsis)
        cx += columns.value + 1
        guard columns.contribution > 0 else { return }
        let (before, after) = session.contribution(of: slider)
        var line = StyledLine()
        line.append(signed(before), CellStyle(changeRole(before)))
        if signed(after) != signed(before) {
            line.append(" " + glyphs.arrowRight + " ", CellStyle(.muted))
            line.append(signed(after), CellStyle(changeRole(after), [.bold]))
            line.append("  " + signed(after - before), CellStyle(changeRole(after - before)))
        }
        line.draw(into: &frame, x: cx, y: y, width: columns.contribution)
    }

    /// Every model feature's contribution before and after, largest now first (one-hot levels apart).
    static func drawAllContributions(_ session: WhatIfSession, glyphs: Glyphs, in rect: Rect, into frame: inout Frame) {
        guard session.contributions.count == session.originalContributions.count else { return }
        let others = session.contributionNames.indices.filter { f in
            session.originalContributions[f] != 0 || session.contributions[f] != 0
        }.sorted { a, b in
            let ka = abs(session.contributions[a]), kb = abs(session.contributions[b])
            return ka != kb ? ka > kb : a < b
        }
        guard rect.height >= 2 else { return }
        let perLine = rect.width >= 76 ? 2 : 1
        let cell = rect.width / perLine
        let rows = rect.height - 1
        let fits = rows * perLine
        var title = "Contributions of every model feature (" + session.marginName + "), largest first"
        if others.count > fits { title += ": \(fits) of \(others.count)" }
        frame.putFitted(title, x: rect.x, y: rect.y, width: rect.width,
                        style: CellStyle(.heading, [.bold]), ellipsis: glyphs.ellipsis)
        for (k, f) in others.prefix(fits).enumerated() {
            let row = rect.y + 1 + k / perLine
            let cx = rect.x + (k % perLine) * cell
            let before = session.originalContributions[f], after = session.contributions[f]
            let nameWidth = max(6, cell - 24)
            var line = StyledLine()
            line.append("  ")
            line.append(TextFit.truncate(session.contributionNames[f], to: nameWidth, ellipsis: glyphs.ellipsis), .plain, width: nameWidth + 1)
            line.append(signed(before), CellStyle(changeRole(before)))
            if signed(after) != signed(before) {
                line.append(" " + glyphs.arrowRight + " ", CellStyle(.muted))
                line.append(signed(after), CellStyle(changeRole(after), [.bold]))
                line.append(" " + signed(after - before), CellStyle(changeRole(after - before)))
            }
            line.draw(into: &frame, x: cx, y: row, width: cell - 1)
        }
    }
}
