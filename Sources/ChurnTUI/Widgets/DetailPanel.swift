import ChurnKit

/// A small box over the High-risk table with the customer under the cursor: id, risk, tier, value
/// and top reason. (The full Customer tab comes later.)
public enum DetailPanel {
    public static func draw(_ table: HighRiskState, data: WorkspaceData, state: AppState, into frame: inout Frame) {
        guard let i = table.customerUnderCursor else { return }
        let glyphs = state.glyphs
        let customers = data.customers
        var lines: [(String, String, ColorRole)] = [
            ("Customer", customers.ids[i], .text),
            ("Risk", NumberText.fixed(customers.probabilities[i], decimals: 3)
                + (customers.probabilities[i] >= state.threshold ? "  predicted to churn" : "  below the threshold"),
             OverviewView.role(customers.tiers[i])),
            ("Tier", customers.tiers[i].name, OverviewView.role(customers.tiers[i])),
        ]
        if let values = customers.values {
            lines.append(("Value", values[i].isNaN ? "unknown" : NumberText.fixed(values[i], decimals: 2), .text))
        }
        lines.append(("Top reason", customers.reason(i) ?? "not recorded with these scores", .text))
        lines.append(("Marked", table.marks.contains(Int32(i)) ? "yes" : "no", .text))
        let boxWidth = min(frame.width - 4, 64)
        let boxHeight = min(frame.height - 3, lines.count + 4)
        guard boxWidth >= 20, boxHeight >= 5 else { return }
        let x0 = (frame.width - boxWidth) / 2
        let y0 = max(1, (frame.height - boxHeight) / 2)
        let overlay = CellStyle(.overlay)
        let border = CellStyle(.border)
        frame.fill(Rect(x: x0, y: y0, width: boxWidth, height: boxHeight), style: overlay)
        let horizontal = String(repeating: glyphs.horizontal, count: boxWidth - 2)
        frame.put(glyphs.topLeft + horizontal + glyphs.topRight, x: x0, y: y0, style: border)
        frame.put(glyphs.bottomLeft + horizontal + glyphs.bottomRight, x: x0, y: y0 + boxHeight - 1, style: border)
        for y in (y0 + 1)..<(y0 + boxHeight - 1) {
            frame.put(glyphs.vertical, x: x0, y: y, style: border)
            frame.put(glyphs.vertical, x: x0 + boxWidth - 1, y: y, style: border)
        }
        frame.put(" Customer \(glyphs.separator) row \(NumberText.count(table.cursor + 1)) ", x: x0 + 2, y: y0,
                  style: CellStyle(.heading, [.bold]), maxWidth: boxWidth - 4)
        let footer = " i or Esc closes "
        if DisplayWidth.of(footer) <= boxWidth - 4 {
            frame.put(footer, x: x0 + boxWidth - 2 - DisplayWidth.of(footer), y: y0 + boxHeight - 1, style: CellStyle(.muted))
        }
        let labelWidth = 12
        for (n, line) in lines.enumerated() {
            let y = y0 + 2 + n
            guard y < y0 + boxHeight - 1 else { break }
            frame.putFitted(line.0, x: x0 + 2, y: y, width: labelWidth, style: CellStyle(.muted), ellipsis: glyphs.ellipsis)
            frame.putFitted(line.1, x: x0 + 2 + labelWidth, y: y, width: boxWidth - 4 - labelWidth,
                            style: CellStyle(line.2 == .text ? .overlay : line.2, [.bold]), ellipsis: glyphs.ellipsis)
        }
    }
}
