import Foundation

/// The subscription customer-table sample: one row per customer with a churned Yes/No outcome.
///
/// Built-in structure (see sample-data/README.md): the outcome is drawn from a logistic model in which
/// month-to-month contracts, late payments, support tickets, falling usage, short tenure, high monthly
/// charges, electronic checks and paperless billing raise the risk, plus Gaussian noise on the log-odds
/// so that even the noise-free score reaches an AUC of only about 0.83, not 0.99. Brand-new customers (tenure 0) have a
/// blank total_charges, as in the well-known Telco data.
enum SubscriptionSample {
    static let header = "customer_id,tenure_months,contract,monthly_charges,total_charges,payment_method,"
        + "paperless_billing,late_payments,support_tickets,usage_trend,num_products,churned"
    static let contracts = ["Month-to-month", "One year", "Two year"]
    static let paymentMethods = ["Electronic check", "Mailed check", "Bank transfer (automatic)", "Credit card (automatic)"]
    /// The log-odds intercept, tuned so that about 25% of customers churn.
    static let intercept = -2.45

    /// One customer's fields.
    struct Customer {
        var tenure: Int
        var contract: Int
        var monthlyCharges: Double
        var totalCharges: Double?
        var paymentMethod: Int
        var paperless: Bool
        var latePayments: Int
        var supportTickets: Int
        var usageTrend: Double
        var products: Int
        var churned: Bool
    }

    /// The log-odds of churn without the noise term (what a perfect model could know).
    static func riskScore(tenure: Int, contract: Int, monthlyCharges: Double, paymentMethod: Int, paperless: Bool,
                          latePayments: Int, supportTickets: Int, usageTrend: Double, products: Int) -> Double {
        var z = intercept
        z += contract == 0 ? 1.6 : (contract == 1 ? 0.3 : -0.9)
        z += 0.45 * Double(latePayments)
        z += 0.3 * Double(supportTickets)
        z -= 3.5 * usageTrend
        z -= 0.035 * Double(tenure)
        z += 0.012 * (monthlyCharges - 65)
        z += paymentMethod == 0 ? 0.35 : 0
        z += paperless ? 0.2 : 0
        z -= 0.12 * Double(products - 1)
        return z
    }

    /// Draws one customer from its own random stream.
    static func draw(index: Int, seed: UInt64) -> Customer {
        var rng = SeededRandom(seed: seed ^ 0x5EB5_C41B_7104_0000, stream: UInt64(index))
        let tenure: Int
        let r = rng.uniform()
        if r < 0.0015 { tenure = 0 }
        else if r < 0.35 { tenure = 1 + rng.int(below: 12) }
        else { tenure = 1 + rng.int(below: 72) }
        let longShare = Double(tenure) / 72
        let u = rng.uniform()
        let contract = u < 0.05 + 0.45 * longShare ? 2 : (u < 0.2 + 0.6 * longShare ? 1 : 0)
        var products = 1
        for _ in 0..<4 where rng.chance(0.3) { products += 1 }
        let monthly = min(120, max(18.25, 18 + 19 * Double(products) + 8 * rng.normal() + (rng.chance(0.4) ? 15 : 0)))
        let monthlyRounded = (monthly * 100).rounded() / 100
        let total: Double? = tenure == 0 ? nil : ((Double(tenure) * monthlyRounded * rng.uniform(0.92, 1.04)) * 100).rounded() / 100
        let payment = rng.pick([0.34, 0.57, 0.79, 1.0])
        let paperless = rng.chance(0.6)
        let late = min(12, rng.poisson(0.25 + 0.8 * (payment == 0 ? 1 : 0) + 0.4 * (contract == 0 ? 1 : 0)))
        let tickets = min(15, rng.poisson(0.7 + 0.3 * Double(products)))
        let disengaged = rng.normal()
        let usage = min(0.9, max(-0.9, -0.1 * disengaged + 0.12 * rng.normal()))
        let usageRounded = (usage * 100).rounded() / 100
        let z = riskScore(tenure: tenure, contract: contract, monthlyCharges: monthlyRounded, paymentMethod: payment,
                          paperless: paperless, latePayments: late, supportTickets: tickets, usageTrend: usageRounded,
                          products: products) + 0.6 * rng.normal()
        let churned = rng.uniform() < 1 / (1 + Foundation.exp(-z))
        return Customer(tenure: tenure, contract: contract, monthlyCharges: monthlyRounded, totalCharges: total,
                        paymentMethod: payment, paperless: paperless, latePayments: late, supportTickets: tickets,
                        usageTrend: usageRounded, products: products, churned: churned)
    }

    /// Writes `customers` rows to `path`.
    static func write(customers: Int, seed: UInt64, path: String) throws {
        var out = try BufferedFileWriter(path: path)
        out.append(header)
        try out.endLine()
        let width = max(5, String(customers).count)
        for index in 0..<customers {
            let c = draw(index: index, seed: seed)
            out.append(0x53) // "S"
            out.appendZeroPadded(index + 1, width)
            out.append(0x2C); out.appendInt(Int64(c.tenure))
            out.append(0x2C); out.appendField(contracts[c.contract])
            out.append(0x2C); out.appendFixed(c.monthlyCharges, decimals: 2)
            out.append(0x2C); if let t = c.totalCharges { out.appendFixed(t, decimals: 2) }
            out.append(0x2C); out.appendField(paymentMethods[c.paymentMethod])
            out.append(0x2C); out.append(c.paperless ? "Yes" : "No")
            out.append(0x2C); out.appendInt(Int64(c.latePayments))
            out.append(0x2C); out.appendInt(Int64(c.supportTickets))
            out.append(0x2C); out.appendFixed(c.usageTrend, decimals: 2)
            out.append(0x2C); out.appendInt(Int64(c.products))
            out.append(0x2C); out.append(c.churned ? "Yes" : "No")
            try out.endLine()
        }
        try out.close()
    }
}
