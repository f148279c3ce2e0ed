/// The state of the Customer tab: one customer's risk card, contributions, factors, reasons, actions and notes.
public struct CustomerState: Sendable {
    public init() {}
}
