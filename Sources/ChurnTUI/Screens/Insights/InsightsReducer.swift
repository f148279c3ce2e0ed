import ChurnKit

/// Applies the actions and keys of the Model insights tab.
enum InsightsReducer {
    /// Applies one of the tab's actions.
    static func reduce(_ state: inout AppState, _ action: InsightsAction) {
        switch action {
        case .cycleSection(let step):
            let all = InsightsSection.allCases
            let i = all.firstIndex(of: state.insights.section) ?? 0
            state.insights.section = all[((i + step) % all.count + all.count) % all.count]
        case .showSection(let section):
            state.insights.section = section
        case .curvesReady(let curves):
            guard curves.value.modelID == state.analysis?.record.id else { return }
            state.insights.curves = curves
            state.insights.curvesNote = nil
        case .curvesUnavailable(let modelID, let why):
            guard modelID == state.analysis?.record.id else { return }
            state.insights.curvesNote = why
        case .shapReady(let shap):
            guard shap.value.modelID == state.analysis?.record.id else { return }
            state.insights.shap = shap
            state.insights.shapNote = nil
        case .shapUnavailable(let modelID, let why):
            guard modelID == state.analysis?.record.id else { return }
            state.insights.shapNote = why
        }
    }

    /// Reads a key before the tab's key map (for text being typed); true when the key was used.
    static func handleKey(_ state: inout AppState, _ key: Key) -> Bool {
        false
    }

    /// Moves the tab's view: the selected leaderboard row and its metric columns, or the importance lists.
    static func scroll(_ state: inout AppState, _ move: ScrollMove) {
        switch state.insights.section {
        case .leaderboard:
            let count = InsightsLeaderboard.rows(state).count
            let page = max(1, InsightsLeaderboard.visibleRows(in: state.size) - 1)
            switch move {
            case .columns(let n):
                let last = InsightsLeaderboard.columns.count - 1
                state.insights.selectedMetric = min(last, max(0, state.insights.selectedMetric + n.signum()))
            case .lineStart:
                state.insights.selectedMetric = 0
            default:
                state.insights.selectedModel = moved(state.insights.selectedModel, move, page: page, last: count - 1)
            }
        case .importance:
            let visible = InsightsView.importanceRows(state)
            let longest = max(state.insights.shap?.value.bars.count ?? 0, state.insights.gain.map(\.bars.count).max() ?? 0)
            let last = max(0, longest - visible)
            state.insights.importanceTop = moved(state.insights.importanceTop, move, page: max(1, visible - 1), last: last)
        case .curves, .calibration:
            break
        }
    }

    /// A position moved by a scroll, kept in 0...last.
    private static func moved(_ position: Int, _ move: ScrollMove, page: Int, last: Int) -> Int {
        let target: Int
        switch move {
        case .lines(let n): target = position + n
        case .pages(let n): target = position + n * page
        case .halfPages(let n): target = position + n * max(1, page / 2)
        case .top: target = 0
        case .bottom: target = last
        case .columns, .lineStart: target = position
        }
        return min(max(0, last), max(0, target))
    }

    /// The workspace analysis has just loaded (`state.analysis` is set): the gain importance is read
    /// from the model at once (cheap), the curves and SHAP importance are asked for in the background.
    static func analysisLoaded(_ state: inout AppState) {
        guard let analysis = state.analysis else { return }
        let section = state.insights.section
        state.insights = InsightsState()
        state.insights.section = section
        state.insights.gain = GainImportance.of(analysis.model)
        state.insights.selectedModel = InsightsLeaderboard.rows(state).firstIndex(where: \.champion) ?? 0
        state.request(.insights(.computeCurves))
        state.request(.insights(.computeImportance(sampleLimit: InsightsEffect.shapSampleLimit)))
    }
}
