/// One reason behind a customer's risk: the value, how it compares, and what it does to the score.
public struct ExplanationFactor: Sendable, Equatable {
    /// Feature name.
    public var feature: String
    /// Feature index in the model's order.
    public var index: Int
    /// The customer's value (NaN = missing).
    public var value: Double
    /// Average among retained customers of the reference data.
    public var retainedMean: Double
    /// Average among churned customers of the reference data.
    public var churnedMean: Double
    /// (value − mean) / std over the reference data (NaN when missing).
    public var zScore: Double
    /// Contribution to the margin (log-odds for most models).
    public var contribution: Double
    /// Approximate change of the churn probability due to this feature (see `CustomerExplanation`).
    public var probabilityChange: Double
    /// A sentence a person can read.
    public var sentence: String
}

/// Why one customer got their score: the margin split into per-feature contributions, and the top factors.
///
/// Probability changes are the margin contributions scaled so that they add up to the change from the
/// base probability (link of the expected margin) to the customer's probability: Δpᵢ = φᵢ · (p − p₀)/(m − m₀)
/// (the link's slope at m when m ≈ m₀). This keeps their signs and ranks, and they sum to p − p₀.
public struct CustomerExplanation: Sendable {
    /// The customer, when known.
    public var customerID: String?
    /// The model's margin for the customer (expected value + Σ contributions).
    public var margin: Double
    /// The churn probability.
    public var probability: Double
    /// The expected margin.
    public var expectedValue: Double
    /// The probability at the expected margin.
    public var baseProbability: Double
    /// Every feature's margin contribution, in the model's order.
    public var contributions: [Double]
    /// Every feature's approximate probability change, in the model's order.
    public var probabilityChanges: [Double]
    /// The largest factors by |contribution|, largest first.
    public var factors: [ExplanationFactor]

    /// Explains one customer's feature values (one per model feature, NaN = missing). `reference` must
    /// describe the model's features (same names, same order).
    public static func explain(row: [Double], explainer: ModelExplainer, reference: ReferenceProfile,
                               customerID: String? = nil, top: Int = 5) throws -> CustomerExplanation {
        guard reference.featureNames == explainer.featureNames else {
            throw ExplainError("the reference data has different features from the model; rebuild it from the model's training table.")
        }
        let phi = try explainer.contributions(row: row)
        let m0 = explainer.expectedValue
        var margin = m0
        for c in phi { margin += c }
        let link = explainer.link
        let p = link.probability(margin), p0 = link.probability(m0)
        let slope: Double
        if abs(margin - m0) > 1e-9 {
            slope = (p - p0) / (margin - m0)
        } else {
            let h = 1e-5
            slope = (link.probability(margin + h) - link.probability(margin - h)) / (2 * h)
        }
        let changes = phi.map { $0 * slope }
        let order = phi.indices.sorted { abs(phi[$0]) != abs(phi[$1]) ? abs(phi[$0]) > abs(phi[$1]) : $0 < $1 }
        let factors = order.prefix(max(0, top)).filter { phi[$0] != 0 }.map { f in
            ExplanationFactor(feature: reference.featureNames[f], index: f, value: row[f],
                              retainedMean: reference.retainedMean[f], churnedMean: reference.churnedMean[f],
                              zScore: reference.zScore(row[f], feature: f), contribution: phi[f],
                              probabilityChange: changes[f],
                              sentence: ReasonText.sentence(feature: f, row: row, reference: reference, probabilityChange: changes[f]))
        }
        return CustomerExplanation(customerID: customerID, margin: margin, probability: p, expectedValue: m0,
                                   baseProbability: p0, contributions: phi, probabilityChanges: changes, factors: factors)
    }
}
