import ChurnKit

/// A risk driver that raises the open customer's risk, with the summed contribution of its features.
struct DriverShare: Sendable, Equatable {
    var driver: RiskDriver
    /// Σ of the driver's features' margin contributions (> 0).
    var strength: Double
    /// The recommended action of the driver's template, filled with the customer's facts.
    var action: String
}

/// Everything the Customer tab shows about the open customer, worked out when the customer is opened
/// (and again when the analysis, the recommendation templates or the purchase history arrive), so that
/// drawing only lays text out. Explaining one customer is one TreeSHAP/linear pass over one row.
struct CustomerSheet: Sendable {
    var customerID: String
    var row: Int
    /// The stored (calibrated) churn probability.
    var probability: Double
    var tier: StoredTier
    var value: Double?
    /// Where values come from ("total_spend per customer"), when the analysis is loaded.
    var valueSource: String?
    /// 1 for the riskiest customer.
    var rank: Int
    var count: Int
    /// The top reason stored with the scores.
    var storedReason: String?

    /// The explanation, nil until the analysis is loaded or when the model cannot be explained (`explainNote`).
    var explanation: CustomerExplanation?
    var explainNote: String?
    /// The explanation's margin in words ("log-odds").
    var marginName = "log-odds"
    /// Drivers raising the risk, strongest first (the dominant driver first; `.none` alone when none does).
    var drivers: [DriverShare] = []
    var call: GeneratedScript?
    var email: GeneratedScript?

    /// Whether the data set is a transaction log (spend and P(alive) apply).
    var isTransactions = false
    var spend: MonthlySpend?
    var outlook: PurchaseOutlook?
    /// Why spend or P(alive) are not shown (still computing, or the purchase model failed).
    var historyNote: String?

    /// How many top factors are explained and drawn.
    static let topFactors = 8

    /// The sheet of the customer at `row` of `data`, with whatever `state` has loaded so far.
    static func build(row: Int, data: WorkspaceData, state: AppState) -> CustomerSheet {
        let customers = data.customers
        let id = customers.ids[row]
        let p = customers.probabilities[row]
        var sheet = CustomerSheet(customerID: id, row: row, probability: p, tier: customers.tiers[row],
                                  value: customers.values.flatMap { $0[row].isFinite ? $0[row] : nil },
                                  rank: rank(row: row, data: data), count: customers.count, storedReason: customers.reason(row))
        guard let analysis = state.analysis else {
            sheet.explainNote = state.analysisError.map { "The explanation needs the customers' features, which could not be loaded: " + $0 }
                ?? "Loading the customers' features and the model's explainer" + (state.asciiOnly ? "..." : "…")
            sheet.fillScripts(featureNames: [], featureValues: [], templates: state.customer.templates, user: state.user)
            return sheet
        }
        let population = analysis.population
        sheet.valueSource = population.valueSource
        if sheet.value == nil, let values = population.table.numbers(named: CustomerTable.valueField), row < values.count,
           values[row].isFinite {
            sheet.value = values[row]
        }
        sheet.isTransactions = population.loaded.shape == .transactions
        if let context = analysis.context {
            do {
                sheet.explanation = try context.explainer.explain(analysis.matrix, row: row, reference: context.reference,
                                                                  customerID: id, top: topFactors)
            } catch {
                sheet.explainNote = EffectRunner.describe(error)
            }
            sheet.marginName = context.explainer.isBlend ? "weighted member margins" : marginName(context.explainer.link)
        } else {
            sheet.explainNote = analysis.explainNote ?? "this model cannot be explained feature by feature."
        }
        let featureValues = analysis.matrix.columns.map { row < $0.count ? $0[row] : .nan }
        sheet.fillScripts(featureNames: analysis.matrix.names, featureValues: featureValues, templates: state.customer.templates,
                          user: state.user, explainedFeatures: analysis.context?.explainer.featureNames)
        if sheet.isTransactions {
            switch state.customer.history {
            case .loaded(let history):
                sheet.spend = history.value.monthlySpend(id)
                sheet.outlook = history.value.outlook(id)
                if sheet.outlook == nil {
                    sheet.historyNote = history.value.valueNote ?? "the purchase model has no estimate for this customer."
                }
            case .failed(let message): sheet.historyNote = message
            case .idle, .loading: sheet.historyNote = "computing" + (state.asciiOnly ? "..." : "…")
            }
        }
        return sheet
    }

    /// The risk rank of `row` (1 = riskiest), from the scores' ascending risk order.
    static func rank(row: Int, data: WorkspaceData) -> Int {
        guard let position = data.riskOrder.firstIndex(of: Int32(row)) else { return 0 }
        return data.riskOrder.count - position
    }

    /// The name of the margin space a link maps to a probability.
    static func marginName(_ link: MarginLink) -> String {
        switch link {
        case .logistic: return "log-odds"
        case .platt: return "SVM decision value"
        case .identity: return "average tree probability"
        }
    }

    /// Works out the drivers (from the explanation's contributions, grouped by `RiskDriverRules.standard`)
    /// and the call and e-mail scripts of the dominant driver.
    mutating func fillScripts(featureNames: [String], featureValues: [Double], templates: RecommendationTemplates,
                              user: String, explainedFeatures: [String]? = nil) {
        var shares: [(driver: RiskDriver, strength: Double)] = []
        if let explanation, let names = explainedFeatures, names.count == explanation.contributions.count {
            let drivers = RiskDriverRules.standard.drivers(of: names)
            var sums = [Double](repeating: 0, count: RiskDriver.allCases.count)
            for (f, c) in explanation.contributions.enumerated() where c.isFinite {
                sums[RiskDriver.allCases.firstIndex(of: drivers[f]) ?? 0] += c
            }
            // Largest positive sum first; ties in the order of `RiskDriver.allCases` (as `RiskDriverSegments`).
            shares = sums.indices.filter { sums[$0] > 0 }
                .sorted { sums[$0] != sums[$1] ? sums[$0] > sums[$1] : $0 < $1 }
                .map { (RiskDriver.allCases[$0], sums[$0]) }
        }
        let dominant = shares.first?.driver ?? (explanation == nil ? .other : RiskDriver.none)
        var reasons = explanation?.factors.filter { $0.contribution > 0 }.map(\.sentence) ?? []
        if reasons.isEmpty, let stored = storedReason { reasons = [stored] }
        func facts(_ driver: RiskDriver) -> CustomerFacts {
            CustomerFacts(customerID: customerID, risk: probability, value: value, tier: tier == .unknown ? nil : tier.name,
                          driver: driver, reasons: reasons, featureNames: featureNames, featureValues: featureValues,
                          extra: ["agent_name": user])
        }
        call = CallScript.generate(.call, for: facts(dominant), templates: templates)
        email = CallScript.generate(.email, for: facts(dominant), templates: templates)
        let listed = shares.isEmpty ? [(driver: dominant, strength: 0.0)] : Array(shares.prefix(3))
        drivers = listed.map { share in
            DriverShare(driver: share.driver, strength: share.strength,
                        action: CallScript.generate(.call, for: facts(share.driver), templates: templates).action)
        }
    }
}
