/// What a tab that needs the workspace analysis shows until it is loaded, or why it failed.
enum AnalysisNotice {
    /// Draws "loading" or the load error centred in `rect`; returns true when it drew (no analysis yet).
    @discardableResult
    static func draw(_ state: AppState, in rect: Rect, into frame: inout Frame) -> Bool {
        guard state.analysis == nil else { return false }
        let lines: [String]
        if let error = state.analysisError {
            lines = ["This tab needs the customers' features, which could not be loaded:", error]
        } else {
            lines = ["Loading the customers' features and the model's explainer" + (state.asciiOnly ? "..." : "…")]
        }
        let top = rect.y + max(0, (rect.height - lines.count) / 2)
        for (i, line) in lines.enumerated() where top + i < rect.y + rect.height {
            let width = min(rect.width - 2, DisplayWidth.of(line))
            frame.putFitted(line, x: rect.x + max(1, (rect.width - width) / 2), y: top + i, width: rect.width - 2,
                            style: i == 0 ? .plain : CellStyle(.error))
        }
        return true
    }
}
