import ChurnKit
import Foundation

/// Applies the actions and keys of the What-if tab.
///
/// Re-scoring runs here, in the reducer: one row through the model and its explainer takes well
/// under the 5 ms issue 4 allows (see BENCHMARKS.md), so every key press shows its result at once.
/// Only "bought today" (which rereads the customer's transactions) and the planner's customer orders
/// (a sort of every customer) run in the background.
enum WhatIfReducer {
    /// PgUp/PgDn move a slider this many steps.
    static let bigStep = 5

    /// Applies one of the tab's actions.
    static func reduce(_ state: inout AppState, _ action: WhatIfAction) {
        switch action {
        case .select(let n):
            if state.whatIf.pane == .planner {
                guard var planner = state.whatIf.planner else { return }
                let all = CampaignPlanner.Setting.allCases
                planner.selected = all[min(all.count - 1, max(0, planner.selected.rawValue + n))]
                state.whatIf.planner = planner
            } else {
                let count = state.whatIf.session?.sliders.count ?? 0
                state.whatIf.selected = min(max(0, count - 1), max(0, state.whatIf.selected + n))
            }
        case .selectEnd(let last):
            reduce(&state, .select(last ? Int(Int32.max) : -Int(Int32.max)))
        case .step(let n):
            if state.whatIf.pane == .planner {
                state.whatIf.planner?.step(n)
            } else {
                moveSlider(&state) { slider, reference in slider.stepped(n, reference: reference) }
            }
        case .stepToEnd(let high):
            if state.whatIf.pane == .planner {
                state.whatIf.planner?.toEnd(high: high)
            } else {
                moveSlider(&state) { slider, _ in slider.end(toHigh: high) }
            }
        case .resetSelected:
            if state.whatIf.pane == .planner {
                guard let setting = state.whatIf.planner?.selected else { return }
                state.whatIf.planner?.reset(setting)
            } else {
                moveSlider(&state, resetting: true) { slider, _ in slider.original }
            }
        case .resetAll:
            if state.whatIf.pane == .planner {
                guard let basis = state.whatIf.campaign?.value, let old = state.whatIf.planner else { return }
                var planner = CampaignPlanner(basis: basis)
                planner.selected = old.selected
                state.whatIf.planner = planner
                state.message = "campaign settings back to their defaults"
            } else {
                guard var session = state.whatIf.session, let scorer = scorer(state) else { return }
                session.currentRow = session.originalRow
                session.boughtToday = nil
                session.syncSliders()
                session.rescore(scorer)
                state.whatIf.session = session
                state.message = "every feature back to the customer's own value"
            }
        case .applyBest:
            applyBest(&state)
        case .toggleBoughtToday:
            toggleBoughtToday(&state)
        case .boughtTodayReady(let id, let values):
            state.whatIf.boughtTodayPending = false
            guard var session = state.whatIf.session, session.customerID == id, let scorer = scorer(state) else { return }
            var set: [Int: Double] = [:]
            for (name, value) in values {
                guard let column = scorer.names.firstIndex(of: name) else { continue }
                session.currentRow[column] = value
                set[column] = value
            }
            session.boughtToday = set
            session.syncSliders()
            session.rescore(scorer)
            state.whatIf.session = session
            state.message = set.isEmpty ? "a purchase today changes none of the model's features"
                : "as if \(id) bought today: \(set.count) features changed (t again undoes it)"
        case .boughtTodayFailed(let message):
            state.whatIf.boughtTodayPending = false
            state.message = "bought today: " + message
        case .togglePane:
            state.whatIf.pane = state.whatIf.pane == .customer ? .planner : .customer
        case .startPicking:
            state.whatIf.pane = .customer
            state.whatIf.picking = TextInput()
        case .toggleOfferCharging:
            guard var planner = state.whatIf.planner else { return }
            planner.offerCharging = planner.offerCharging == .perContact ? .perAcceptedOffer : .perContact
            state.whatIf.planner = planner
            state.message = planner.offerCharging == .perContact ? "the offer is paid for every customer contacted"
                : "the offer is paid only for the customers it keeps"
        case .campaignReady(let basis):
            state.whatIf.campaign = basis
            state.whatIf.campaignError = nil
            if state.whatIf.planner?.customerCount != basis.value.count || state.whatIf.planner == nil {
                state.whatIf.planner = CampaignPlanner(basis: basis.value)
            }
        case .campaignFailed(let message):
            state.whatIf.campaignError = message
        }
    }

    /// Reads a key before the tab's key map (for text being typed); true when the key was used.
    static func handleKey(_ state: inout AppState, _ key: Key) -> Bool {
        guard var input = state.whatIf.picking else { return false }
        switch input.edit(key) {
        case .editing:
            state.whatIf.picking = input
        case .cancelled:
            state.whatIf.picking = nil
        case .submitted(let text):
            state.whatIf.picking = nil
            pick(text.trimmingCharacters(in: .whitespaces), in: &state)
        }
        return true
    }

    /// Moves the tab's view (mouse wheel, palette): selects sliders.
    static func scroll(_ state: inout AppState, _ move: ScrollMove) {
        switch move {
        case .lines(let n): reduce(&state, .select(n))
        case .pages(let n), .halfPages(let n): reduce(&state, .select(n * 5))
        case .top: reduce(&state, .selectEnd(last: false))
        case .bottom: reduce(&state, .selectEnd(last: true))
        case .columns(let n): reduce(&state, .step(n > 0 ? 1 : -1))
        case .lineStart: break
        }
    }

    /// The workspace analysis has just loaded (`state.analysis` is set): the customer's session is
    /// rebuilt with the new model, and the planner's basis is prepared in the background.
    static func analysisLoaded(_ state: inout AppState) {
        state.whatIf.campaign = nil
        state.request(.whatIf(.prepareCampaign))
        if let id = state.whatIf.session?.customerID, let row = state.data?.customers.ids.firstIndex(of: id) {
            open(row, origin: state.whatIf.origin, in: &state)
        } else {
            state.whatIf.session = nil
            sync(&state)
        }
    }

    /// The tab is about to be shown: follow the customer opened on the Customer tab since last time.
    static func shown(_ state: inout AppState) {
        sync(&state)
    }

    /// Opens the Customer tab's customer when it changed, or the riskiest customer when none is open.
    static func sync(_ state: inout AppState) {
        guard state.analysis != nil, let data = state.data else { return }
        let tabRow = state.customer.row
        if let row = tabRow, row != state.whatIf.followedCustomerRow, row >= 0, row < data.customers.ids.count {
            state.whatIf.followedCustomerRow = row
            open(row, origin: .customerTab, in: &state)
        } else if state.whatIf.session == nil, state.whatIf.sessionError == nil, let riskiest = riskiest(data) {
            state.whatIf.followedCustomerRow = tabRow
            open(riskiest, origin: .highestRisk, in: &state)
        }
    }

    /// The riskiest customer's row (the first such row when several tie).
    static func riskiest(_ data: WorkspaceData) -> Int? {
        let p = data.customers.probabilities
        guard var best = p.indices.first else { return nil }
        for i in p.indices where p[i] > p[best] { best = i }
        return best
    }

    /// Builds the session of scored customer `row`.
    static func open(_ row: Int, origin: WhatIfState.Origin, in state: inout AppState) {
        guard let analysis = state.analysis, let data = state.data, row < data.customers.ids.count else { return }
        guard let scorer = scorer(state) else {
            state.whatIf.session = nil
            state.whatIf.sessionError = "what-if needs the model's explainer: " + (analysis.explainNote ?? "it could not be built")
            return
        }
        do {
            state.whatIf.session = try WhatIfSession.build(scorer: scorer, row: row, customerID: data.customers.ids[row])
            state.whatIf.sessionError = nil
            state.whatIf.origin = origin
            state.whatIf.selected = 0
            state.whatIf.boughtTodayPending = false
        } catch {
            state.whatIf.sessionError = "customer \(data.customers.ids[row]) cannot be re-scored: "
                + ((error as? UserFacingError)?.message ?? "\(error)")
        }
    }

    /// The scorer of the loaded analysis (nil before it loads or when the model cannot be explained).
    static func scorer(_ state: AppState) -> WhatIfScorer? {
        guard let analysis = state.analysis, let context = analysis.context else { return nil }
        return WhatIfScorer(analysis: analysis, context: context)
    }

    /// Sets the selected slider to `value(slider, reference)` and re-scores when it changed.
    private static func moveSlider(_ state: inout AppState, resetting: Bool = false, _ value: (WhatIfSlider, Double) -> Double) {
        guard var session = state.whatIf.session, let scorer = scorer(state), !session.sliders.isEmpty else { return }
        let i = min(state.whatIf.selected, session.sliders.count - 1)
        var slider = session.sliders[i]
        let next = value(slider, session.references[i])
        guard !WhatIfSlider.same(next, slider.value) else {
            state.message = resetting ? "\(slider.name) is at the customer's own value" : "\(slider.name) is at the end of its range"
            return
        }
        slider.value = next
        session.sliders[i] = slider
        slider.apply(to: &session.currentRow, original: session.originalRow)
        if var set = session.boughtToday {
            for c in slider.columns { set[c] = nil }
            session.boughtToday = set.isEmpty ? nil : set
        }
        session.rescore(scorer)
        state.whatIf.session = session
    }

    /// Sets the features of the best single change.
    private static func applyBest(_ state: inout AppState) {
        state.whatIf.pane = .customer
        guard var session = state.whatIf.session, let scorer = scorer(state) else { return }
        guard let best = session.best else {
            state.message = session.bestNote ?? "no single realistic change lowers this customer's risk further"
            return
        }
        for (name, value) in best.values {
            if let column = scorer.names.firstIndex(of: name) { session.currentRow[column] = value }
        }
        session.syncSliders()
        session.rescore(scorer)
        if let i = session.sliders.firstIndex(where: { slider in slider.columns.contains { best.values[scorer.names[$0]] != nil } }) {
            state.whatIf.selected = i
        }
        state.whatIf.session = session
        state.message = "set " + best.summary
    }

    /// Applies or undoes "as if the customer bought today" (transaction data only).
    private static func toggleBoughtToday(_ state: inout AppState) {
        state.whatIf.pane = .customer
        guard let analysis = state.analysis, var session = state.whatIf.session, let scorer = scorer(state) else { return }
        guard analysis.population.loaded.shape == .transactions else {
            state.message = "bought today applies to transaction logs; these customers come from a customer table"
            return
        }
        if let set = session.boughtToday {
            for column in set.keys { session.currentRow[column] = session.originalRow[column] }
            session.boughtToday = nil
            session.syncSliders()
            session.rescore(scorer)
            state.whatIf.session = session
            state.message = "bought today undone"
            return
        }
        guard !state.whatIf.boughtTodayPending else { return }
        state.whatIf.boughtTodayPending = true
        state.message = "recomputing \(session.customerID)'s features with a purchase today" + (state.asciiOnly ? "..." : "…")
        state.request(.whatIf(.boughtToday(customerID: session.customerID)))
    }

    /// Opens the customer whose id is `text` (exactly, else the first id starting with it, ignoring case).
    private static func pick(_ text: String, in state: inout AppState) {
        guard !text.isEmpty, let ids = state.data?.customers.ids else { return }
        var row = ids.firstIndex(of: text)
        if row == nil {
            let lower = text.lowercased()
            row = ids.firstIndex { $0.lowercased().hasPrefix(lower) }
        }
        guard let found = row else {
            let near = ids.filter { $0.lowercased().hasPrefix(String(text.lowercased().prefix(1))) }.prefix(5000)
            let hint = Suggestion.closest(to: text, in: Array(near)).map { "; did you mean \($0)?" } ?? ""
            state.message = "no customer \(text) in these scores" + hint
            return
        }
        open(found, origin: .picked, in: &state)
    }
}
