import ChurnKit

/// Draws the What-if tab: feature sliders for the current customer and the campaign planner.
enum WhatIfView {
    /// The keys of this tab, in the order the help lists them.
    static let keyMap = KeyMap(title: "What-if", bindings: KeyMap.tabs + [
        KeyBinding([.up, .char("k")], .whatIf(.select(-1)), "previous slider"),
        KeyBinding([.down, .char("j")], .whatIf(.select(1)), "next slider"),
        KeyBinding([.left, .char("h")], .whatIf(.step(-1)), "slider one step down"),
        KeyBinding([.right, .char("l")], .whatIf(.step(1)), "slider one step up"),
        KeyBinding([.pageDown], .whatIf(.step(-WhatIfReducer.bigStep)), "slider \(WhatIfReducer.bigStep) steps down"),
        KeyBinding([.pageUp], .whatIf(.step(WhatIfReducer.bigStep)), "slider \(WhatIfReducer.bigStep) steps up"),
        KeyBinding([.home], .whatIf(.stepToEnd(high: false)), "slider to the bottom of its range"),
        KeyBinding([.end], .whatIf(.stepToEnd(high: true)), "slider to the top of its range"),
        KeyBinding([.char("g")], .whatIf(.selectEnd(last: false)), "first slider"),
        KeyBinding([.char("G")], .whatIf(.selectEnd(last: true)), "last slider"),
        KeyBinding([.char("r")], .whatIf(.resetSelected), "reset this slider"),
        KeyBinding([.char("R")], .whatIf(.resetAll), "reset every slider"),
        KeyBinding([.char("b")], .whatIf(.applyBest), "set the best single change"),
        KeyBinding([.char("t")], .whatIf(.toggleBoughtToday), "as if the customer bought today (transactions)"),
        KeyBinding([.char("c"), .char("/")], .whatIf(.startPicking), "what-if another customer (type the id)"),
        KeyBinding([.char("p")], .whatIf(.togglePane), "campaign planner / customer sliders"),
        KeyBinding([.char("o")], .whatIf(.toggleOfferCharging), "offer paid per contact / per accepted offer"),
    ] + KeyMap.workspaceGlobal)

    /// Draws the tab into `rect`.
    static func draw(_ state: AppState, data: WorkspaceData, in rect: Rect, into frame: inout Frame) {
        if AnalysisNotice.draw(state, in: rect, into: &frame) { return }
        let inner = Rect(x: rect.x + 1, y: rect.y, width: rect.width - 2, height: rect.height)
        switch state.whatIf.pane {
        case .customer: drawCustomer(state, in: inner, into: &frame)
        case .planner: drawPlanner(state, in: inner, into: &frame)
        }
    }

    /// The position text of the status bar.
    static func position(_ state: AppState) -> String {
        switch state.whatIf.pane {
        case .customer:
            guard let session = state.whatIf.session, !session.sliders.isEmpty else { return "" }
            return "slider \(min(state.whatIf.selected, session.sliders.count - 1) + 1)/\(session.sliders.count)"
        case .planner:
            guard let planner = state.whatIf.planner else { return "planner" }
            return "planner \(planner.selected.rawValue + 1)/\(CampaignPlanner.Setting.allCases.count)"
        }
    }

    /// The colour of a probability's tier.
    static func tierText(_ p: Double) -> (name: String, role: ColorRole) {
        guard let tier = RiskTiers().tier(for: p) else { return ("?", .muted) }
        return (tier.rawValue, OverviewView.role(StoredTier(text: tier.rawValue)))
    }

    /// A signed number with `decimals` decimals ("+0.21", "-0.05", "0.00").
    static func signed(_ x: Double, decimals: Int = 2) -> String {
        guard x.isFinite else { return "-" }
        let text = NumberText.fixed(abs(x), decimals: decimals)
        if Double(text) == 0 { return text }
        return (x < 0 ? "-" : "+") + text
    }

    /// Green when a change lowers the risk, red when it raises it.
    static func changeRole(_ delta: Double) -> ColorRole {
        delta < 0 ? .good : delta > 0 ? .error : .muted
    }

    /// A line of key hints, as long as fits.
    static func drawHints(_ hints: [(String, String)], x: Int, y: Int, width: Int, into frame: inout Frame) {
        var line = StyledLine()
        for (key, text) in hints {
            let piece = DisplayWidth.of(key) + 1 + DisplayWidth.of(text) + 2
            guard line.width + piece <= width else { break }
            line.append(key, CellStyle(.key, [.bold]))
            line.append(" " + text + "  ", CellStyle(.muted))
        }
        line.draw(into: &frame, x: x, y: y, width: width)
    }
}
