/// Draws the Model insights tab: the leaderboard, ROC and PR curves, confusion matrix, importance, calibration and lift.
enum InsightsView {
    /// The keys of this tab, in the order the help lists them.
    static let keyMap = KeyMap(title: "Insights", bindings: KeyMap.tabs + KeyMap.workspaceGlobal)

    /// Draws the tab into `rect`.
    static func draw(_ state: AppState, data: WorkspaceData, in rect: Rect, into frame: inout Frame) {
        AnalysisNotice.draw(state, in: rect, into: &frame)
    }

    /// The position text of the status bar.
    static func position(_ state: AppState) -> String { "" }
}
