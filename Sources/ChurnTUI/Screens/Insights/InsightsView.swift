/// Draws the Model insights tab: a view bar, then one of four views (`v` cycles them): the leaderboard,
/// ROC and PR curves with the confusion matrix, feature importance, calibration and lift.
enum InsightsView {
    /// The threshold steps, as on the Overview tab.
    static let thresholdStep = 0.01

    /// The keys of this tab, in the order the help lists them.
    static let keyMap = KeyMap(title: "Model insights", bindings: KeyMap.tabs + [
        KeyBinding([.char("v")], .insights(.cycleSection(1)), "next view: leaderboard, curves, importance, calibration"),
        KeyBinding([.char("V")], .insights(.cycleSection(-1)), "previous view"),
        KeyBinding([.down, .char("j")], .scroll(.lines(1)), "next model / scroll features down"),
        KeyBinding([.up, .char("k")], .scroll(.lines(-1)), "previous model / scroll features up"),
        KeyBinding([.pageDown, .char(" "), .ctrl("f")], .scroll(.pages(1)), "page down"),
        KeyBinding([.pageUp, .char("b"), .ctrl("b")], .scroll(.pages(-1)), "page up"),
        KeyBinding([.ctrl("d")], .scroll(.halfPages(1)), "half a page down"),
        KeyBinding([.ctrl("u")], .scroll(.halfPages(-1)), "half a page up"),
        KeyBinding([.char("g"), .home], .scroll(.top), "first model / feature"),
        KeyBinding([.char("G"), .end], .scroll(.bottom), "last model / feature"),
        KeyBinding([.right, .char("l")], .scroll(.columns(1)), "leaderboard: next metric (compared under the table)"),
        KeyBinding([.left, .char("h")], .scroll(.columns(-1)), "leaderboard: previous metric"),
        KeyBinding([.char("0")], .scroll(.lineStart), "leaderboard: first metric"),
        KeyBinding([.char("+"), .char("=")], .adjustThreshold(thresholdStep), "threshold up 0.01 (moves the marked points)"),
        KeyBinding([.char("-"), .char("_")], .adjustThreshold(-thresholdStep), "threshold down 0.01"),
        KeyBinding([.char("]")], .adjustThreshold(0.05), "threshold up 0.05"),
        KeyBinding([.char("[")], .adjustThreshold(-0.05), "threshold down 0.05"),
    ] + KeyMap.workspaceGlobal)

    /// Whether charts, bars and shades use ASCII.
    static func ascii(_ state: AppState) -> Bool { state.asciiOnly || state.glyphs.isASCII }

    /// Draws the tab into `rect`.
    static func draw(_ state: AppState, data: WorkspaceData, in rect: Rect, into frame: inout Frame) {
        if AnalysisNotice.draw(state, in: rect, into: &frame) { return }
        guard rect.height >= 2 else { return }
        drawViewBar(state, y: rect.y, in: rect, into: &frame)
        let content = Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 1)
        switch state.insights.section {
        case .leaderboard: InsightsLeaderboard.draw(state, in: content, into: &frame)
        case .curves: InsightsCurvesSection.draw(state, in: content, into: &frame)
        case .importance: InsightsImportanceSection.draw(state, in: content, into: &frame)
        case .calibration: InsightsCalibrationSection.draw(state, in: content, into: &frame)
        }
    }

    /// The line naming the views, the shown one highlighted, and the keys that switch them.
    static func drawViewBar(_ state: AppState, y: Int, in rect: Rect, into frame: inout Frame) {
        let sections = InsightsSection.allCases
        let hint = "v/V view"
        let full = sections.map { DisplayWidth.of($0.title) + 3 }.reduce(0, +) + DisplayWidth.of(hint) + 2
        let short = sections.map { DisplayWidth.of($0.shortTitle) + 3 }.reduce(0, +)
        let current = state.insights.section
        guard rect.width >= short + 1 else {
            let i = (sections.firstIndex(of: current) ?? 0) + 1
            frame.putFitted("View \(i)/\(sections.count): \(current.title) (v)", x: rect.x + 1, y: y, width: rect.width - 2,
                            style: CellStyle(.heading, [.bold]), ellipsis: state.glyphs.ellipsis)
            return
        }
        let useFull = rect.width >= full + 1
        var x = rect.x + 1
        for section in sections {
            let title = " " + (useFull ? section.title : section.shortTitle) + " "
            let style = section == current ? CellStyle(.selection, [.bold]) : CellStyle(.muted)
            x += frame.put(title, x: x, y: y, style: style) + 1
        }
        if useFull {
            frame.put(hint, x: rect.x + rect.width - 1 - DisplayWidth.of(hint), y: y, style: CellStyle(.key))
        }
    }

    /// Rows of the importance lists visible in the current size (used by scrolling).
    static func importanceRows(_ state: AppState) -> Int {
        let content = Rect(x: 0, y: 0, width: state.size.width, height: state.size.height - 3)
        return InsightsImportanceSection.layout(state, in: content).listRows
    }

    /// The position text of the status bar.
    static func position(_ state: AppState) -> String {
        guard state.analysis != nil else { return "" }
        switch state.insights.section {
        case .leaderboard:
            let count = InsightsLeaderboard.rows(state).count
            return count == 0 ? "" : "model \(min(state.insights.selectedModel, count - 1) + 1)/\(count)"
        case .importance:
            let count = max(state.insights.shap?.value.bars.count ?? 0, state.insights.gain.map(\.bars.count).max() ?? 0)
            guard count > 0 else { return "" }
            let top = state.insights.importanceTop
            return "features \(top + 1)-\(min(count, top + importanceRows(state)))/\(count)"
        case .curves, .calibration:
            let all = InsightsSection.allCases
            return "view \((all.firstIndex(of: state.insights.section) ?? 0) + 1)/\(all.count)"
        }
    }
}
