import ChurnKit

/// Applies the High-risk actions of `HighRiskAction` and the keys typed into its filter and export prompts.
enum HighRiskReducer {
    /// Applies one of the tab's actions.
    static func reduce(_ state: inout AppState, _ action: HighRiskAction) {
        guard var table = state.highRisk, let data = state.data else { return }
        let rows = state.visibleTableRows
        let customers = data.customers
        switch action {
        case .startFilter:
            var input = TextInput(table.expression?.text ?? "")
            input.set(table.expression?.text ?? "")
            table.filterInput = input
            table.filterPreview = preview(input.text, table: table, state: state).preview
        case .clearFilter:
            guard table.expression != nil else {
                state.message = "no filter to clear: press f to type one"
                return
            }
            table.setExpression(nil, customers: customers, visibleRows: rows)
            state.message = "filter cleared: \(NumberText.count(table.rowCount)) customers"
        case .stepScoreRange(let step):
            let presets = ScoreRange.presets(threshold: state.threshold)
            let i = presets.firstIndex(of: table.range) ?? 0
            let next = presets[((i + step) % presets.count + presets.count) % presets.count]
            table.setRange(next, customers: customers, visibleRows: rows)
        case .openUnderCursor:
            guard let i = table.customerUnderCursor else {
                state.message = "no customer in the view"
                return
            }
            state.highRisk = table
            state = ChurnTUI.reduce(state, .openCustomer(customers.ids[i]))
            return
        case .startExport(let markedOnly):
            if markedOnly, table.marks.isEmpty {
                state.message = "no marked customers: Space marks the row under the cursor"
                return
            }
            if !markedOnly, table.rowCount == 0 {
                state.message = "nothing to export: no customer in the view"
                return
            }
            table.exportMarkedOnly = markedOnly
            table.exportInput = TextInput()
        }
        state.highRisk = table
    }

    /// The customers' features have loaded: a filter being typed is checked against them at once.
    static func analysisLoaded(_ state: inout AppState) {
        guard var table = state.highRisk, let input = table.filterInput else { return }
        table.filterPreview = preview(input.text, table: table, state: state).preview
        state.highRisk = table
    }

    /// Reads a key while the filter or the export file name is typed; true when the key was used.
    static func handleKey(_ state: inout AppState, _ key: Key) -> Bool {
        guard var table = state.highRisk, let data = state.data else { return false }
        if var input = table.filterInput {
            let outcome = input.edit(key)
            table.filterInput = input
            switch outcome {
            case .editing:
                table.filterPreview = preview(input.text, table: table, state: state).preview
            case .cancelled:
                table.filterInput = nil
                table.filterPreview = .empty
            case .submitted(let text):
                let checked = preview(text, table: table, state: state)
                switch checked.preview {
                case .empty:
                    table.filterInput = nil
                    table.setExpression(nil, customers: data.customers, visibleRows: state.visibleTableRows)
                    state.message = "no filter: \(NumberText.count(table.rowCount)) customers"
                case .needsFeatures:
                    state.message = "the filter needs the customers' features, which are still loading"
                        + (state.analysisError.map { ": " + $0 } ?? "")
                case .invalid(let error):
                    state.message = error.message
                case .matches:
                    guard let rows = checked.rows else { break }
                    table.filterInput = nil
                    table.filterPreview = .empty
                    table.setExpression(AppliedFilter(text: text.trimmingCharacters(in: .whitespaces), rows: rows),
                                        customers: data.customers, visibleRows: state.visibleTableRows)
                    state.message = "filter: \(NumberText.count(table.rowCount)) customers"
                }
            }
            state.highRisk = table
            return true
        }
        if var input = table.exportInput {
            let outcome = input.edit(key)
            table.exportInput = input
            switch outcome {
            case .editing: break
            case .cancelled:
                table.exportInput = nil
            case .submitted(let text):
                table.exportInput = nil
                let order = table.exportMarkedOnly ? table.markedInSortOrder() : table.viewOrder()
                let path = text.trimmingCharacters(in: .whitespaces)
                state.request(.highRisk(.export(CustomerExportRequest(rows: Shared(order), path: path.isEmpty ? nil : path,
                                                                      what: table.exportMarkedOnly ? "marked customers" : "customers"))))
                state.message = "exporting \(NumberText.count(order.count)) customers" + (state.asciiOnly ? "..." : "…")
            }
            state.highRisk = table
            return true
        }
        return false
    }

    /// The preview of `text`, counting matches that also pass the table's quick filters.
    private static func preview(_ text: String, table: HighRiskState, state: AppState) -> (preview: FilterPreview, rows: RowSelection?) {
        var population = state.analysis?.population.table
        if let p = population, let data = state.data, p.rowCount != data.customers.count { population = nil }
        let result = FilterPreview.evaluate(text, table: population)
        guard case .matches(_, let warning) = result.preview, let rows = result.rows, let data = state.data else { return result }
        return (.matches(table.countPassingQuickFilters(rows, customers: data.customers), warning: warning), rows)
    }
}
