import ChurnKit

extension WhatIfView {
    /// The planner pane: five sliders, the campaign's outcome, and the preset scenarios side by side.
    static func drawPlanner(_ state: AppState, in rect: Rect, into frame: inout Frame) {
        guard rect.width >= 10, rect.height >= 1 else { return }
        let glyphs = state.glyphs
        let bottom = rect.y + rect.height
        guard let planner = state.whatIf.planner, let basis = state.whatIf.campaign?.value else {
            let text = state.whatIf.campaignError.map { "The campaign planner is not available: " + $0 }
                ?? "Preparing the campaign planner" + glyphs.ellipsis
            frame.putFitted(text, x: rect.x, y: rect.y, width: rect.width,
                            style: CellStyle(state.whatIf.campaignError == nil ? .muted : .error), ellipsis: glyphs.ellipsis)
            return
        }
        let roomy = rect.height >= 16
        var y = rect.y
        var header = StyledLine()
        header.append("Campaign planner", CellStyle(.heading, [.bold]))
        header.append("  " + glyphs.separator + " " + NumberText.count(basis.count) + " customers " + glyphs.separator + " values: "
                      + (planner.flatValue == nil ? (basis.valueSource ?? "none") : "one value for everyone"), CellStyle(.muted))
        header.draw(into: &frame, x: rect.x, y: y, width: rect.width)
        y += roomy ? 2 : 1

        let outcome = planner.outcome(basis)
        let titleWidth = rect.width >= 70 ? 20 : min(12, rect.width / 3)
        let valueWidth = rect.width >= 90 ? 38 : rect.width >= 70 ? 30 : max(8, rect.width / 3)
        let trackWidth = max(3, min(36, rect.width - 2 - titleWidth - 1 - valueWidth - 1))
        for setting in CampaignPlanner.Setting.allCases where y < bottom {
            let selected = setting == planner.selected
            frame.put(selected ? (glyphs.isASCII ? ">" : "▶") : " ", x: rect.x, y: y, style: CellStyle(.selection, [.bold]))
            frame.putFitted(setting.title, x: rect.x + 2, y: y, width: titleWidth,
                            style: selected ? CellStyle(.selection, [.bold, .reverse]) : .plain, ellipsis: glyphs.ellipsis)
            let range = planner.range(setting)
            SliderTrack(position: SliderTrack.fraction(planner.value(setting), low: range.low, high: range.high))
                .draw(into: &frame, x: rect.x + 2 + titleWidth + 1, y: y, width: trackWidth, glyphs: glyphs)
            frame.putFitted(settingText(setting, planner: planner, basis: basis, glyphs: glyphs), x: rect.x + 2 + titleWidth + 1 + trackWidth + 1,
                            y: y, width: valueWidth, style: CellStyle(.text, [.bold]), ellipsis: glyphs.ellipsis)
            y += 1
        }
        if roomy { y += 1 }
        guard y < bottom else { return }
        let roi = outcome.roiPercent.map { NumberText.value($0, decimals: 0) + "%" } ?? "n/a"
        let netRole: ColorRole = outcome.net >= 0 ? .good : .error
        if rect.width >= 95, rect.height >= 24 {
            let cards = [
                KPICard("Cost", money(outcome.totalCost), "offers " + money(outcome.offerCost)),
                KPICard("Expected saves", NumberText.fixed(outcome.expectedSaves, decimals: 1),
                        "of " + NumberText.fixed(outcome.expectedChurners, decimals: 1) + " at risk"),
                KPICard("Protected", money(outcome.revenueProtected), "at risk " + money(outcome.valueAtRisk), role: .good),
                KPICard("Net", money(outcome.net), "minus the cost", role: netRole),
                KPICard("ROI", roi, "net / cost", role: netRole),
            ]
            y += KPICard.drawGrid(cards, in: Rect(x: rect.x, y: y, width: rect.width, height: bottom - y), minWidth: 19,
                                  glyphs: glyphs, into: &frame)
        } else {
            var first = StyledLine()
            first.append("Cost ", CellStyle(.muted))
            first.append(money(outcome.totalCost), CellStyle(.text, [.bold]))
            first.append("  Saves ", CellStyle(.muted))
            first.append(NumberText.fixed(outcome.expectedSaves, decimals: 1), CellStyle(.text, [.bold]))
            first.append("  Protected ", CellStyle(.muted))
            first.append(money(outcome.revenueProtected), CellStyle(.good, [.bold]))
            var second = StyledLine()
            second.append("Net ", CellStyle(.muted))
            second.append(money(outcome.net), CellStyle(netRole, [.bold]))
            second.append("  ROI ", CellStyle(.muted))
            second.append(roi, CellStyle(netRole, [.bold]))
            first.draw(into: &frame, x: rect.x, y: y, width: rect.width)
            if y + 1 < bottom { second.draw(into: &frame, x: rect.x, y: y + 1, width: rect.width) }
            y += 2
        }
        if roomy { y += 1 }
        guard bottom - y >= 2 else { return }
        let results = planner.scenarios(basis)
        drawScenarios(results, glyphs: glyphs, in: Rect(x: rect.x, y: y, width: rect.width, height: min(results.count + 2, bottom - y)),
                      into: &frame)
        y += results.count + 3
        let notes = [
            "Per customer contacted: expected saves = risk x success rate; revenue protected = saves x value;",
            "cost = cost per contact + the offer (paid for every contact, or only for the customers it keeps: o).",
        ]
        if rect.height >= 20 {
            for note in notes where y < bottom - 1 {
                frame.putFitted(note, x: rect.x, y: y, width: rect.width, style: CellStyle(.muted), ellipsis: glyphs.ellipsis)
                y += 1
            }
            drawHints([("\(glyphs.up)\(glyphs.down)", "setting"), ("\(glyphs.left)\(glyphs.right)", "move"), ("PgUp/PgDn", "x\(WhatIfReducer.bigStep)"),
                       ("r/R", "reset"), ("o", "offer charging"), ("p", "customer"), ("?", "keys")],
                      x: rect.x, y: bottom - 1, width: rect.width, into: &frame)
        }
    }

    /// The text beside a planner slider.
    static func settingText(_ setting: CampaignPlanner.Setting, planner: CampaignPlanner, basis: CampaignBasis, glyphs: Glyphs) -> String {
        switch setting {
        case .targeted:
            let n = planner.targeted
            var text = "top " + NumberText.count(n) + " by risk"
            if basis.count > 0 { text += " (" + NumberText.percent(Double(n) / Double(basis.count)) }
            if n > 0, n <= basis.byRisk.count {
                let lowest = basis.population.risks[Int(basis.byRisk[n - 1])]
                text += ", risk >= " + NumberText.fixed(lowest, decimals: 2)
            }
            return basis.count > 0 ? text + ")" : text
        case .offerCost:
            return money(planner.offerCost) + (planner.offerCharging == .perContact ? " per contact" : " per accepted offer")
        case .contactCost:
            return money(planner.costPerContact) + " per customer"
        case .successRate:
            return NumberText.percent(planner.successRate, decimals: 0) + " of contacted churners stay"
        case .customerValue:
            if let flat = planner.flatValue { return money(flat) + " for every customer" }
            return "own values (mean " + money(basis.meanValue) + ")"
        }
    }

    /// The scenario comparison table: name, target, success, contacted, cost, saves, protected, net, ROI.
    static func drawScenarios(_ results: [PlannedScenario], glyphs: Glyphs, in rect: Rect, into frame: inout Frame) {
        var rect = rect
        if rect.height >= 5 {
            frame.putFitted("Scenario comparison (each contacts the top customers by expected value lost)", x: rect.x, y: rect.y,
                            width: rect.width, style: CellStyle(.heading, [.bold]), ellipsis: glyphs.ellipsis)
        } else {
            rect.y -= 1
            rect.height += 1
        }
        struct Column { var title: String; var width: Int; var right: Bool; var text: (PlannedScenario) -> String }
        var columns = [
            Column(title: "Scenario", width: 12, right: false) { $0.scenario.name },
            Column(title: "Target", width: 22, right: false) { $0.scenario.target.label },
            Column(title: "Success", width: 8, right: true) { NumberText.percent($0.scenario.assumptions.successRate, decimals: 0) },
            Column(title: "Contacted", width: 10, right: true) { NumberText.count($0.outcome.contacted) },
            Column(title: "Cost", width: 9, right: true) { money($0.outcome.totalCost) },
            Column(title: "Saves", width: 8, right: true) { NumberText.fixed($0.outcome.expectedSaves, decimals: 1) },
            Column(title: "Protected", width: 10, right: true) { money($0.outcome.revenueProtected) },
            Column(title: "Net", width: 10, right: true) { money($0.outcome.net) },
            Column(title: "ROI %", width: 7, right: true) { $0.outcome.roiPercent.map { NumberText.value($0, decimals: 0) } ?? "n/a" },
        ]
        // Narrow terminals: drop the least needed columns first.
        for drop in ["Contacted", "Success", "Saves", "Target", "Cost", "Protected"] {
            guard columns.reduce(0, { $0 + $1.width + 1 }) > rect.width else { break }
            columns.removeAll { $0.title == drop }
        }
        var x = rect.x
        for c in columns {
            frame.putFitted(c.title, x: x, y: rect.y + 1, width: c.width, style: CellStyle(.tableHeader, [.bold]), alignRight: c.right)
            x += c.width + 1
        }
        for (i, r) in results.enumerated() where rect.y + 2 + i < rect.y + rect.height {
            x = rect.x
            for c in columns {
                let role: ColorRole = c.title == "Net" || c.title == "ROI %" ? (r.outcome.net >= 0 ? .good : .error) : .text
                frame.putFitted(c.text(r), x: x, y: rect.y + 2 + i, width: c.width, style: CellStyle(role), alignRight: c.right,
                                ellipsis: glyphs.ellipsis)
                x += c.width + 1
            }
        }
    }

    /// Money with grouped thousands and up to 2 decimals.
    static func money(_ x: Double) -> String {
        guard x.isFinite else { return "-" }
        return NumberText.value(x, decimals: abs(x) >= 1000 ? 0 : 2)
    }
}
