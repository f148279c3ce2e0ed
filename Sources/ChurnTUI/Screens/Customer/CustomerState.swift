/// The state of the Customer tab: which customer is shown (also the customer of the What-if tab).
public struct CustomerState: Sendable {
    /// The customer shown, nil until one is opened.
    public var customerID: String?
    /// The customer's row in `WorkspaceData.customers` (and `WorkspaceAnalysis.population`).
    public var row: Int?

    public init() {}
}
