import ChurnKit

/// What can happen on the Customer tab: one customer's risk card, contributions, factors, reasons, actions and notes.
public enum CustomerAction: Sendable, Equatable {
    /// Start typing a customer id (suggestions appear as you type; Enter opens).
    case startSearch
    /// Start typing a new note about the open customer.
    case startNote
    /// Start editing the highlighted note (saved as a new version).
    case editNote
    /// Highlight the next (+1) or previous (-1) note.
    case selectNote(Int)
    /// Show the e-mail instead of the call script, or back.
    case toggleScript
    /// Scroll to the next (+1) or previous (-1) section.
    case jumpSection(Int)

    /// The notes of a customer were read from the workspace.
    case notesLoaded(customerID: String, notes: [CustomerNote])
    case notesFailed(customerID: String, message: String)
    /// A note was stored.
    case noteSaved(CustomerNote)
    /// A note could not be stored; its text is kept as a draft.
    case noteFailed(customerID: String, body: String, message: String)

    /// The purchase model and transactions of a transaction log are ready.
    case historyLoaded(Shared<CustomerHistory>)
    case historyFailed(String)
    /// The recommendation templates, with the user's file applied.
    case templatesLoaded(RecommendationTemplates)
    case templatesFailed(String)
}
