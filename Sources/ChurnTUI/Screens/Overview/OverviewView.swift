import ChurnKit

/// The Overview tab: key figures as cards, the customers per risk tier as bars, and the histogram of
/// risk scores with the threshold marked. Every figure comes from `RiskSummary` in O(log n).
public enum OverviewView {
    /// The threshold step of + and -.
    public static let thresholdStep = 0.01

    /// The keys of this tab, in the order the help lists them.
    public static let keyMap = KeyMap(title: "Overview", bindings: KeyMap.tabs + [
        KeyBinding([.char("+"), .char("=")], .adjustThreshold(thresholdStep), "threshold up 0.01"),
        KeyBinding([.char("-"), .char("_")], .adjustThreshold(-thresholdStep), "threshold down 0.01"),
        KeyBinding([.char("]")], .adjustThreshold(0.05), "threshold up 0.05"),
        KeyBinding([.char("[")], .adjustThreshold(-0.05), "threshold down 0.05"),
    ] + KeyMap.workspaceGlobal)

    /// The colour of a tier.
    public static func role(_ tier: StoredTier) -> ColorRole {
        switch tier {
        case .high: return .error
        case .medium: return .warning
        case .low: return .info
        case .safe: return .good
        case .unknown: return .muted
        }
    }

    /// The key figures at the state's threshold.
    public static func cards(_ state: AppState, data: WorkspaceData) -> [KPICard] {
        let summary = data.summary
        let n = summary.count
        let churners = summary.churners(atThreshold: state.threshold)
        let rate = n > 0 ? Double(churners) / Double(n) : 0
        let threshold = NumberText.fixed(state.threshold, decimals: 2)
        var cards = [
            KPICard("Customers", NumberText.count(n), data.datasetName ?? "scored customers"),
            KPICard("Churners", NumberText.count(churners), "risk >= \(threshold)", role: .error),
            KPICard("Churn rate", NumberText.percent(rate), "predicted", role: .warning),
            KPICard("Mean risk", n > 0 ? NumberText.fixed(summary.meanRisk, decimals: 3) : "-", "avg probability"),
        ]
        if let atRisk = summary.valueAtRisk(atThreshold: state.threshold), let total = summary.totalValue {
            let share = total > 0 ? " (" + NumberText.percent(atRisk / total) + ")" : ""
            cards.append(KPICard("Value at risk", NumberText.value(atRisk, decimals: 0), "of \(NumberText.value(total, decimals: 0))\(share)",
                                 role: .error))
        }
        let model = data.snapshot.model
        let auc = model.auc.map { "AUC " + NumberText.fixed($0, decimals: 3) } ?? "AUC not recorded"
        cards.append(KPICard(model.active ? "Champion model" : "Newest model", "\(model.family) v\(model.version)", auc,
                             role: .good))
        return cards
    }

    /// Draws the tab into `rect`.
    public static func draw(_ state: AppState, data: WorkspaceData, in rect: Rect, into frame: inout Frame) {
        let glyphs = state.glyphs
        let cards = cards(state, data: data)
        var y = rect.y
        let bottom = rect.y + rect.height
        let compact = rect.height < 16 || rect.width < 60
        if compact {
            // Small terminals: the figures as lines, two to a line when wide enough.
            let perLine = rect.width >= 76 ? 2 : 1
            let cellWidth = rect.width / perLine
            for (i, card) in cards.enumerated() {
                let row = y + i / perLine
                guard row < bottom else { break }
                let x = rect.x + (i % perLine) * cellWidth
                let labelWidth = min(22, cellWidth / 2)
                frame.putFitted(card.label, x: x + 1, y: row, width: labelWidth - 2, style: CellStyle(.muted), ellipsis: glyphs.ellipsis)
                frame.putFitted(card.value + "  " + card.detail, x: x + labelWidth, y: row, width: cellWidth - labelWidth - 1,
                                style: CellStyle(card.role, [.bold]), ellipsis: glyphs.ellipsis)
            }
            y += (cards.count + perLine - 1) / perLine + 1
        } else {
            y += KPICard.drawGrid(cards, in: Rect(x: rect.x, y: y, width: rect.width, height: rect.height),
                                  minWidth: 19, glyphs: glyphs, into: &frame)
            y += 1
        }
        guard y < bottom else { return }
        let tierHeight = 1 + data.summary.tierCounts.indices.filter { shownTier($0, data) }.count
        let sideBySide = rect.width >= 90
        if sideBySide {
            let left = Rect(x: rect.x + 1, y: y, width: 40, height: min(tierHeight, bottom - y))
            drawTiers(data, in: left, glyphs: glyphs, into: &frame)
            let ry = y + tierHeight + 1
            if bottom - ry >= 4 {
                drawRecommendation(state, data: data, in: Rect(x: left.x, y: ry, width: left.width, height: bottom - ry), into: &frame)
            }
            let hx = left.x + left.width + 3
            Histogram.draw(data.summary.histogram, threshold: state.threshold, title: "Risk scores",
                           in: Rect(x: hx, y: y, width: rect.x + rect.width - hx - 1, height: min(16, bottom - y)),
                           glyphs: glyphs, into: &frame)
        } else {
            let tiers = Rect(x: rect.x + 1, y: y, width: rect.width - 2, height: min(tierHeight, bottom - y))
            drawTiers(data, in: tiers, glyphs: glyphs, into: &frame)
            y += tierHeight + 1
            if bottom - y >= 12 {
                drawRecommendation(state, data: data, in: Rect(x: rect.x + 1, y: y, width: rect.width - 2, height: 5), into: &frame)
                y += 6
            }
            if bottom - y >= 5 {
                Histogram.draw(data.summary.histogram, threshold: state.threshold, title: "Risk scores",
                               in: Rect(x: rect.x + 1, y: y, width: rect.width - 2, height: min(16, bottom - y)),
                               glyphs: glyphs, into: &frame)
            }
        }
    }

    /// The recommendation of the moment: contact everyone flagged at the threshold, with the cost,
    /// expected saves and ROI under the Settings tab's costs and values, and the leading risk driver
    /// with its action once the Segments tab has found the drivers.
    static func drawRecommendation(_ state: AppState, data: WorkspaceData, in rect: Rect, into frame: inout Frame) {
        guard rect.width >= 20, rect.height >= 3 else { return }
        let values = state.settings.values
        let outcome = data.summary.campaign(atThreshold: state.threshold, assumptions: values.campaignAssumptions)
        let ellipsis = state.glyphs.ellipsis
        var lines: [(String, CellStyle)] = [("Top recommendation", CellStyle(.heading, [.bold]))]
        if outcome.contacted == 0 {
            lines.append(("No customer is at or above the threshold " + NumberText.threshold(state.threshold) + ".", .plain))
        } else {
            lines.append(("Contact the \(NumberText.count(outcome.contacted)) at risk >= \(NumberText.threshold(state.threshold))",
                          CellStyle(.text, [.bold])))
            lines.append(("cost \(NumberText.value(outcome.totalCost, decimals: 0)) · saves \(NumberText.fixed(outcome.expectedSaves, decimals: 0))"
                          + " · kept \(NumberText.value(outcome.revenueProtected, decimals: 0))", .plain))
            let roi = outcome.roiPercent.map { "ROI " + NumberText.percent($0 / 100) } ?? "no cost"
            lines.append(("net \(NumberText.value(outcome.net, decimals: 0)) · \(roi)", CellStyle(outcome.net >= 0 ? .good : .error, [.bold])))
        }
        if let driver = state.segments.drivers.max(by: { ($0.valueAtRisk ?? 0) < ($1.valueAtRisk ?? 0) }) {
            lines.append(("Leading driver: \(driver.title) (\(NumberText.count(driver.count)))", CellStyle(.warning)))
            if let action = driver.action, !action.isEmpty { lines.append((state.glyphs.arrowRight + " " + action, .plain)) }
        } else {
            lines.append(("Costs: Settings (7) · drivers: Segments (3)", CellStyle(.muted)))
        }
        for (i, line) in lines.enumerated() where i < rect.height {
            frame.putFitted(TextSanitizer.sanitize(line.0), x: rect.x, y: rect.y + i, width: rect.width, style: line.1, ellipsis: ellipsis)
        }
    }

    /// Whether a tier gets a bar (unknown tiers only when some customer has one).
    private static func shownTier(_ index: Int, _ data: WorkspaceData) -> Bool {
        index != Int(StoredTier.unknown.rawValue) || data.summary.tierCounts[index] > 0
    }

    /// The customers per tier as horizontal bars with counts and shares.
    static func drawTiers(_ data: WorkspaceData, in rect: Rect, glyphs: Glyphs, into frame: inout Frame) {
        guard rect.height >= 1, rect.width >= 20 else { return }
        frame.putFitted("Risk tiers", x: rect.x, y: rect.y, width: rect.width, style: CellStyle(.heading, [.bold]))
        let counts = data.summary.tierCounts
        let total = max(1, data.summary.count)
        let peak = max(1, counts.max() ?? 1)
        let labelWidth = 7
        let figures = 17
        let barWidth = max(1, rect.width - labelWidth - figures)
        var y = rect.y + 1
        for tier in StoredTier.allCases where shownTier(Int(tier.rawValue), data) {
            guard y < rect.y + rect.height else { break }
            let count = counts[Int(tier.rawValue)]
            frame.put(tier.name, x: rect.x, y: y, style: CellStyle(role(tier), [.bold]), maxWidth: labelWidth)
            let (filled, empty) = glyphs.bar(fraction: Double(count) / Double(peak), width: barWidth)
            let w = frame.put(filled, x: rect.x + labelWidth, y: y, style: CellStyle(role(tier)))
            frame.put(empty, x: rect.x + labelWidth + w, y: y, style: CellStyle(.border))
            let text = TextFit.pad(NumberText.count(count), to: 9, alignRight: true) + " "
                + TextFit.pad(NumberText.percent(Double(count) / Double(total)), to: 6, alignRight: true)
            frame.put(text, x: rect.x + labelWidth + barWidth + 1, y: y, style: .plain)
            y += 1
        }
    }
}
