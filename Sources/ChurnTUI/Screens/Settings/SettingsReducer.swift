import ChurnKit

/// Applies the actions and keys of the Settings tab.
enum SettingsReducer {
    /// Applies one of the tab's actions.
    static func reduce(_ state: inout AppState, _ action: SettingsAction) {
        switch action {
        case .moveSelection(let n):
            let all = SettingItem.allCases
            let i = all.firstIndex(of: state.settings.selected) ?? 0
            state.settings.selected = all[min(all.count - 1, max(0, i + n))]
        case .selectFirst: state.settings.selected = .threshold
        case .selectLast: state.settings.selected = SettingItem.allCases.last ?? .theme
        case .change(let steps): change(&state, steps)
        case .edit: edit(&state)
        case .resetSelected: reset(&state)
        case .optimize(let goal): optimize(&state, goal)
        case .promoteChosen: promote(&state)
        case .rollBack:
            guard !state.settings.versions.isEmpty else {
                state.message = "the model versions are still loading"
                return
            }
            state.request(.settings(.rollBack))
        case .versionsChanged(let versions, let activated):
            state.settings.versions = versions
            state.settings.chosenVersion = activated
            state.message = activationMessage(state, activated: activated)
        case .explorerReady(let explorer, let note):
            state.settings.explorer = explorer
            state.settings.explorerNote = note
        case .themeFailed(let name, let previous, let message):
            if state.settings.theme == name { state.settings.theme = previous }
            state.message = "theme \(name) not applied: " + message
        }
    }

    /// Reads a key before the tab's key map while a number is typed; true when the key was used.
    static func handleKey(_ state: inout AppState, _ key: Key) -> Bool {
        guard var input = state.settings.editing else { return false }
        switch input.edit(key) {
        case .editing:
            state.settings.editing = input
        case .cancelled:
            state.settings.editing = nil
        case .submitted(let text):
            let item = state.settings.selected
            guard let number = SettingItem.parse(text), item.accepts(number) else {
                state.message = "\(item.label): \"\(text)\" is not \(item.expectation)"
                state.settings.editing = input
                return true
            }
            if set(item, to: number, in: &state) { state.settings.editing = nil }
        }
        return true
    }

    /// Moves the cursor (the Settings tab's scroll keys move between lines).
    static func scroll(_ state: inout AppState, _ move: ScrollMove) {
        switch move {
        case .lines(let n): reduce(&state, .moveSelection(n))
        case .pages(let n), .halfPages(let n): reduce(&state, .moveSelection(n * 4))
        case .top: reduce(&state, .selectFirst)
        case .bottom: reduce(&state, .selectLast)
        case .columns(let n): reduce(&state, .change(n > 0 ? 1 : -1))
        case .lineStart: break
        }
    }

    /// The workspace analysis has just loaded: list its model versions and build the threshold figures.
    static func analysisLoaded(_ state: inout AppState) {
        guard let analysis = state.analysis else { return }
        state.settings.versions = analysis.versions
        state.settings.chosenVersion = analysis.versions.first(where: \.active)?.version ?? analysis.record.version
        if analysis.outOfFold == nil {
            state.settings.explorerNote = "model v\(analysis.record.version) has no stored out-of-fold scores (it was trained "
                + "before they were kept); train again (churn train FILE) to tune the threshold here"
        } else {
            state.request(.settings(.buildExplorer))
        }
    }

    /// Applies the settings stored in the workspace at start-up: values, the theme list and whether
    /// colours are on. Changed tier boundaries re-tier the scored customers.
    static func restore(_ state: inout AppState, values: SettingsValues, themes: [String], theme: String, colors: Bool) {
        state.settings.values = values
        state.settings.themes = themes.contains(theme) ? themes : themes + [theme]
        state.settings.theme = theme
        state.settings.colorsEnabled = colors
        if values.tiers != RiskTiers() { state.applyTierBoundaries(values.tiers) }
        if !values.problems.isEmpty { state.message = values.problems.joined(separator: "; ") }
    }

    // MARK: Changing values

    /// Steps the selected line: a number by its step, the model or theme to the next choice.
    private static func change(_ state: inout AppState, _ steps: Int) {
        let item = state.settings.selected
        switch item {
        case .model:
            let versions = state.settings.versions
            guard !versions.isEmpty else {
                state.message = "the model versions are still loading"
                return
            }
            // Newest first: right (+) goes to newer versions, left (-) to older ones.
            let current = versions.firstIndex { $0.version == state.settings.chosenVersion } ?? 0
            state.settings.chosenVersion = versions[min(versions.count - 1, max(0, current - steps))].version
        case .theme:
            let themes = state.settings.themes
            guard !themes.isEmpty else { return }
            let previous = state.settings.theme
            let i = themes.firstIndex(of: previous) ?? 0
            let next = themes[((i + steps) % themes.count + themes.count) % themes.count]
            guard next != previous else { return }
            state.settings.theme = next
            state.request(.settings(.applyTheme(name: next, previous: previous)))
        default:
            guard let current = item.number(in: state.settings.values, threshold: state.threshold) else { return }
            _ = set(item, to: clamped(item, item.stepped(current, by: steps)), in: &state)
        }
    }

    /// A stepped value kept inside what the setting accepts.
    private static func clamped(_ item: SettingItem, _ x: Double) -> Double {
        switch item {
        case .recallTarget, .precisionFloor: return min(1, max(item.step, x))
        case .threshold, .tierHigh, .tierMedium, .tierLow, .successRate: return min(1, max(0, x))
        case .decimals: return min(4, max(2, x))
        case .rowsPerPage: return min(500, max(0, x))
        default: return max(0, x)
        }
    }

    /// Sets a number and asks for it to be saved; false (with a message) when it is refused.
    @discardableResult
    static func set(_ item: SettingItem, to x: Double, in state: inout AppState) -> Bool {
        var values = state.settings.values
        switch item {
        case .threshold:
            setThreshold(x, in: &state)
            return true
        case .tierHigh, .tierMedium, .tierLow:
            let t = values.tiers
            do {
                values.tiers = try RiskTiers(high: item == .tierHigh ? x : t.high, medium: item == .tierMedium ? x : t.medium,
                                             low: item == .tierLow ? x : t.low)
            } catch {
                state.message = (error as? UserFacingError)?.message ?? "\(error)"
                return false
            }
            guard values.tiers != t else { return true }
            state.settings.values = values
            state.applyTierBoundaries(values.tiers)
        case .model, .theme:
            return false
        default:
            guard item.number(in: values) != x else { return true }
            item.setNumber(x, in: &values)
            state.settings.values = values
        }
        if let key = item.storageKey { state.request(.saveSetting(key: key, value: item.text(of: x))) }
        return true
    }

    /// Enter: type the selected number; on the model line, promote the chosen version.
    private static func edit(_ state: inout AppState) {
        let item = state.settings.selected
        switch item {
        case .model: promote(&state)
        case .theme: state.message = "left and right switch the theme"
        default:
            guard let x = item.number(in: state.settings.values, threshold: state.threshold) else { return }
            state.settings.editing = TextInput(item == .threshold ? NumberText.threshold(x) : item.text(of: x))
        }
    }

    /// Puts the selected setting back to its default.
    private static func reset(_ state: inout AppState) {
        let item = state.settings.selected
        let defaults = SettingsValues()
        switch item {
        case .threshold: set(.threshold, to: AppState.defaultThreshold, in: &state)
        case .tierHigh, .tierMedium, .tierLow:
            let before = state.settings.values.tiers
            guard before != defaults.tiers else { return }
            state.settings.values.tiers = defaults.tiers
            state.applyTierBoundaries(defaults.tiers)
            for tier in [SettingItem.tierHigh, .tierMedium, .tierLow] {
                if let key = tier.storageKey, let x = tier.number(in: defaults) {
                    state.request(.saveSetting(key: key, value: tier.text(of: x)))
                }
            }
            state.message = "tier boundaries back to the defaults (high > 0.7, medium 0.4-0.7, low 0.2-0.4)"
        case .model:
            state.settings.chosenVersion = state.settings.versions.first(where: \.active)?.version
        case .theme:
            let previous = state.settings.theme
            guard previous != "default" else { return }
            state.settings.theme = "default"
            state.request(.settings(.applyTheme(name: "default", previous: previous)))
        default:
            if let x = item.number(in: defaults) { set(item, to: x, in: &state) }
        }
    }

    // MARK: Optimisers and models

    /// Sets the threshold a one-key optimiser finds on the out-of-fold scores.
    private static func optimize(_ state: inout AppState, _ goal: ThresholdGoal) {
        guard let explorer = state.settings.explorer?.value else {
            state.message = state.settings.explorerNote ?? "the out-of-fold scores are still loading"
            return
        }
        let values = state.settings.values
        switch explorer.best(goal, values) {
        case .failure(let error):
            state.message = error.message
        case .success(let point):
            guard point.threshold.isFinite else {
                state.message = "at these costs no contact pays off (best: flag nobody); the threshold is unchanged"
                state.settings.lastOptimum = "max profit: flag nobody at these costs"
                return
            }
            setThreshold(point.threshold, in: &state)
            state.settings.selected = .threshold
            let what: String
            switch goal {
            case .maxF1: what = "max F1"
            case .maxProfit: what = "max profit"
            case .recallTarget: what = "recall >= " + NumberText.fixed(values.recallTarget, decimals: 2)
            case .precisionFloor: what = "precision >= " + NumberText.fixed(values.precisionFloor, decimals: 2)
            }
            let figure = goal == .maxProfit
                ? "net value " + NumberText.value(explorer.netValue(point, values), decimals: 0)
                : "F1 " + NumberText.fixed(point.f1, decimals: 3)
            let text = "\(what): threshold \(NumberText.threshold(point.threshold)) (\(figure))"
            state.settings.lastOptimum = text
            state.message = text
        }
    }

    /// Asks the store to make the chosen version active.
    private static func promote(_ state: inout AppState) {
        guard let chosen = state.settings.chosenVersion, !state.settings.versions.isEmpty else {
            state.message = "the model versions are still loading"
            return
        }
        if state.settings.versions.first(where: { $0.version == chosen })?.active == true {
            state.message = "v\(chosen) is already the active model"
            return
        }
        state.request(.settings(.activate(version: chosen)))
    }

    /// What activating a version means for the scores on screen.
    static func activationMessage(_ state: AppState, activated: Int) -> String {
        let family = state.settings.versions.first { $0.version == activated }?.family ?? "model"
        guard let shown = state.data?.snapshot.model else { return "v\(activated) \(family) is now the active model" }
        if shown.version == activated {
            return "v\(activated) \(family) is now the active model; the scores shown are its own"
        }
        return "v\(activated) \(family) is now the active model; the scores shown are still v\(shown.version)'s: "
            + rescoreHint(state, version: activated)
    }

    /// How to get scores of `version`: the command to run, then reopen churn.
    static func rescoreHint(_ state: AppState, version: Int) -> String {
        let file = state.data?.snapshot.dataset?.file ?? "FILE"
        let db = state.data?.workspacePath ?? "WORKSPACE"
        return "run churn score \(file) --db \(db), then reopen churn to see v\(version)'s scores"
    }
}
