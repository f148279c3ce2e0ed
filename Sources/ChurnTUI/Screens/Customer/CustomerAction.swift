/// What can happen on the Customer tab: one customer's risk card, contributions, factors, reasons, actions and notes.
public enum CustomerAction: Sendable, Equatable {
}
