/// How a customer's future value was estimated; shown beside the figures so nobody mistakes a rough
/// estimate for a fitted model.
public enum CustomerValueMethod: String, Codable, Sendable {
    /// Transaction data: BG/NBD expected purchases × Gamma-Gamma expected spend per purchase.
    case purchaseModels = "bg-nbd + gamma-gamma"
    /// Transaction data where the spend model could not be fitted: BG/NBD expected purchases × the
    /// customer's own average purchase value.
    case purchaseModelOwnSpend = "bg-nbd + own average spend"
    /// Customer table: monthly charge × expected remaining months at a churn rate, discounted.
    case monthlyChargeSurvival = "monthly charge x expected months"
    /// No basis for a future estimate: historical value only (future values are 0).
    case historicalOnly = "historical value only"
}

/// Settings for customer value estimates.
public struct CustomerValueSettings: Sendable, Codable, Equatable {
    /// The horizon of `CustomerValue.futureValue`, `expectedPurchases` and `probabilityNoPurchase`, in days.
    public var horizonDays: Int
    /// Months summed in `CustomerValue.lifetimeValue`.
    public var lifetimeMonths: Int
    /// Monthly discount rate applied to lifetime value (0.01 = 1% a month, lifetimes' default).
    public var monthlyDiscountRate: Double
    /// L2 penalizer for the BG/NBD and Gamma-Gamma fits (as `lifetimes`' penalizer_coef; 0 = plain MLE).
    public var penalizer: Double
    /// Observation end for transaction data as a day number (default: the log's last day).
    public var endDay: Int32?

    public init(horizonDays: Int = 90, lifetimeMonths: Int = 12, monthlyDiscountRate: Double = 0.01,
                penalizer: Double = 0, endDay: Int32? = nil) {
        self.horizonDays = horizonDays
        self.lifetimeMonths = lifetimeMonths
        self.monthlyDiscountRate = monthlyDiscountRate
        self.penalizer = penalizer
        self.endDay = endDay
    }

    /// Days per month when converting months to days, as `lifetimes` does for daily data.
    public static let daysPerMonth = 30.0

    func validate() throws {
        guard horizonDays > 0 else {
            throw CustomerValueError("The value horizon must be at least 1 day (got \(horizonDays)).", exitCode: ExitCode.usage)
        }
        guard lifetimeMonths >= 0, lifetimeMonths <= 1200 else {
            throw CustomerValueError("The lifetime must be 0 to 1200 months (got \(lifetimeMonths)).", exitCode: ExitCode.usage)
        }
        guard monthlyDiscountRate > -1, monthlyDiscountRate.isFinite else {
            throw CustomerValueError("The monthly discount rate must be above -1, e.g. 0.01 for 1% (got \(monthlyDiscountRate)).",
                                     exitCode: ExitCode.usage)
        }
    }
}

/// Per-customer value: what each customer has brought in and an estimate of what they will bring, with
/// the purchase model's own view of risk kept beside (not instead of) the churn model's.
///
/// For transaction data (`estimate(log:settings:)`) the estimate comes from BG/NBD and Gamma-Gamma fitted
/// on the log. BG/NBD's P(alive) is 1 for every one-time buyer (it assumes customers can only drop out
/// right after a purchase), so its churn-like score is `probabilityNoPurchase` within the horizon, not
/// 1 − P(alive). For customer tables (`estimate(table:mapping:churnProbability:probabilityHorizonDays:settings:)`)
/// it is a documented rule of thumb; `method` and `explanation` say which.
public struct CustomerValue: Sendable {
    /// How the future values were estimated.
    public var method: CustomerValueMethod
    /// One or two sentences saying how the figures were made, for a label beside them.
    public var explanation: String
    /// Anything the user should know (customers left out, fallbacks taken).
    public var notes: [String]
    /// The settings used.
    public var settings: CustomerValueSettings
    /// Customer identifiers, one per row.
    public var customerIDs: [String]
    /// Value to date (total spend up to the observation end; total or monthly × tenure for tables).
    public var historicalValue: [Double]
    /// Expected value within the horizon (undiscounted).
    public var futureValue: [Double]
    /// Expected value over `lifetimeMonths`, discounted monthly.
    public var lifetimeValue: [Double]
    /// BG/NBD probability that the customer is still active (transaction data only; 1 for one-time buyers).
    public var probabilityAlive: [Double]?
    /// BG/NBD expected purchases within the horizon (transaction data only).
    public var expectedPurchases: [Double]?
    /// BG/NBD probability of no purchase within the horizon: the purchase model's churn score (transaction data only).
    public var probabilityNoPurchase: [Double]?
    /// Expected spend per future purchase (Gamma-Gamma, or own average) for transaction data; monthly charge for tables.
    public var expectedSpend: [Double]?
    /// The RFM summary behind transaction estimates.
    public var summary: RFMSummary?
    /// The fitted purchase model (transaction data).
    public var purchaseFit: BGNBDFit?
    /// The fitted spend model (transaction data, when it could be fitted).
    public var spendFit: GammaGammaFit?

    /// Number of customers.
    public var count: Int { customerIDs.count }
}
