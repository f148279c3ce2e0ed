import ChurnKit

/// The state of the Customer tab: which customer is shown (also the customer of the What-if tab), what
/// is known about them, their notes, and what is being typed.
public struct CustomerState: Sendable {
    /// Something loaded in the background: not asked for yet, on its way, there, or failed (with why).
    public enum Load<Value: Sendable>: Sendable {
        case idle, loading
        case loaded(Value)
        case failed(String)
    }

    /// The customer shown, nil until one is opened.
    public var customerID: String?
    /// The customer's row in `WorkspaceData.customers` (and `WorkspaceAnalysis.population`).
    public var row: Int?

    /// What the tab shows about the open customer (risk, explanation, drivers, scripts, spend).
    var sheet: CustomerSheet?
    /// The id search being typed, nil when not searching.
    var search: CustomerSearch?
    /// Which script is shown: the call script or the e-mail.
    public var scriptKind: GeneratedScript.Kind = .call
    /// The recommendation templates (built-in, with the user's file applied once loaded).
    public var templates: RecommendationTemplates = .standard
    /// Whether the user's templates file was asked for (once, at the first customer opened).
    public var templatesRequested = false
    /// The purchase model and transactions of a transaction log (for P(alive) and monthly spend).
    public var history: Load<Shared<CustomerHistory>> = .idle

    /// Every stored version of the open customer's notes, oldest first.
    public var noteVersions: [CustomerNote] = []
    /// The notes as threads (current text and earlier versions), most recently changed first.
    public var notes: [CustomerNoteThread] = []
    /// Whether the open customer's notes are loaded (`.loaded(customerID)`).
    public var notesLoad: Load<String> = .idle
    /// The highlighted note (index into `notes`), the one `e` edits.
    public var selectedNote = 0
    /// The note being typed, nil when not typing.
    public var noteInput: TextInput?
    /// The note version being edited (nil when adding a new note).
    public var editingNoteID: Int64?
    /// The text of a note that could not be saved, offered again by `n`.
    public var draft: String?

    /// The first line of the document shown (vertical scroll).
    public var scroll = 0

    public init() {}

    /// Whether text is being typed (a search or a note), so keys go to the text.
    public var isTyping: Bool { search != nil || noteInput != nil }
}
