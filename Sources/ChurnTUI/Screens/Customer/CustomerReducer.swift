/// Applies the actions and keys of the Customer tab.
enum CustomerReducer {
    /// Applies one of the tab's actions.
    static func reduce(_ state: inout AppState, _ action: CustomerAction) {
        switch action {}
    }

    /// Reads a key before the tab's key map (for text being typed); true when the key was used.
    static func handleKey(_ state: inout AppState, _ key: Key) -> Bool {
        false
    }

    /// Moves the tab's view.
    static func scroll(_ state: inout AppState, _ move: ScrollMove) {
    }

    /// The workspace analysis has just loaded (`state.analysis` is set).
    static func analysisLoaded(_ state: inout AppState) {
    }
}

extension CustomerReducer {
    /// Shows the customer with this id (the tab is already shown).
    static func open(_ customerID: String, in state: inout AppState) {
        guard let row = state.data?.customers.ids.firstIndex(of: customerID) else {
            state.message = "no customer \(customerID) in these scores"
            return
        }
        state.customer.customerID = customerID
        state.customer.row = row
    }
}
