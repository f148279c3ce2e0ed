/// The money model for choosing a decision threshold: what flagging (and contacting) a customer costs and gains.
///
/// Every customer scoring `>=` the threshold is flagged and contacted at `costPerContact` (contact plus
/// offer: everything spent per flagged customer). Relative to doing nothing:
/// - true positive (a churner flagged): value × successRate − costPerContact (kept with probability successRate);
/// - false positive (a stayer flagged): − costPerContact;
/// - false negative and true negative: 0 (nothing is spent and nothing changes; the churner is lost either way).
/// Net value at a threshold = Σ over true positives (valueᵢ × successRate) − flagged × costPerContact,
/// with valueᵢ the customer's own value when values are given, else `customerValue`.
public struct ThresholdProfitModel: Codable, Sendable, Equatable {
    /// Everything spent per flagged customer.
    public var costPerContact: Double
    /// The value of keeping a customer (used when no per-customer values are given, or for NaN entries).
    public var customerValue: Double
    /// Probability that a contacted churner is kept (0...1).
    public var successRate: Double

    public init(costPerContact: Double, customerValue: Double, successRate: Double) {
        self.costPerContact = costPerContact
        self.customerValue = customerValue
        self.successRate = successRate
    }

    /// Throws a `ThresholdOptimizerError` for a negative or non-finite cost or value, or a rate outside 0...1.
    public func validate() throws {
        guard costPerContact.isFinite, costPerContact >= 0 else {
            throw ThresholdOptimizerError("The cost per contact must be a number of at least 0 (got \(costPerContact)).")
        }
        guard customerValue.isFinite, customerValue >= 0 else {
            throw ThresholdOptimizerError("The customer value must be a number of at least 0 (got \(customerValue)).")
        }
        guard successRate.isFinite, successRate >= 0, successRate <= 1 else {
            throw ThresholdOptimizerError("The success rate must be between 0 and 1 (got \(successRate)); write 35% as 0.35.")
        }
    }
}
