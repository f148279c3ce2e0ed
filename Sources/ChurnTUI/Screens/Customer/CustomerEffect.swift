/// Work outside the state that the Customer tab asks for (carried out by `EffectRunner.performCustomer`).
public enum CustomerEffect: Sendable, Equatable {
    /// Read every version of a customer's notes (posts `notesLoaded` or `notesFailed`).
    case loadNotes(customerID: String)
    /// Store a note by the workspace's user now; `supersedes` makes it a new version of that note
    /// (posts `noteSaved` or `noteFailed`).
    case saveNote(customerID: String, body: String, supersedes: Int64?)
    /// Fit the purchase model and index the transactions of the loaded transaction log, in the background
    /// (posts `historyLoaded` or `historyFailed`).
    case loadHistory
    /// Read the user's recommendation templates file, if any (posts `templatesLoaded` or `templatesFailed`).
    case loadTemplates
}
