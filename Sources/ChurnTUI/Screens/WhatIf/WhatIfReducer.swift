/// Applies the actions and keys of the What-if tab.
enum WhatIfReducer {
    /// Applies one of the tab's actions.
    static func reduce(_ state: inout AppState, _ action: WhatIfAction) {
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
