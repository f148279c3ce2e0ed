import ChurnKit
import Foundation
@testable import ChurnTUI

/// Synthetic scores with answers known by hand.
///
/// Customer i (ids C00000...) has x = ((i * 7919) mod n + 0.5) / n and risk x², so every x step is
/// used once; tiers follow the engine's cut points (high > 0.7, medium >= 0.4, low >= 0.2, safe). For
/// n = 1000: 163 high (k >= 837), 205 medium (632...836), 185 low (447...631), 447 safe; 293 customers
/// have risk >= 0.5 (k >= 707); mean risk = sum((k + 0.5)^2) / 1000^3 = 0.33333325.
enum ScoreFixtures {
    static let reasons = ["tenure under 6 months", "3 late payments", "month-to-month contract", "usage fell 40%"]

    static func tier(_ p: Double) -> StoredTier {
        p > 0.7 ? .high : p >= 0.4 ? .medium : p >= 0.2 ? .low : .safe
    }

    static func customers(_ n: Int, values: Bool = true, reasons: Bool = true) -> ScoredCustomers {
        var ids: [String] = [], p: [Double] = [], tiers: [StoredTier] = [], codes: [Int32] = [], v: [Double] = []
        let width = max(5, String(n).count)
        for i in 0..<n {
            let digits = String(i)
            ids.append("C" + String(repeating: "0", count: width - digits.count) + digits)
            let x = (Double((i * 7919) % n) + 0.5) / Double(n)
            p.append(x * x)
            tiers.append(tier(x * x))
            codes.append(i % 5 == 4 ? -1 : Int32(i % 5))
            v.append(10 + Double((i * 37) % 500))
        }
        return ScoredCustomers(ids: ids, probabilities: p, tiers: tiers, reasonCodes: reasons ? codes : [],
                               reasonLevels: reasons ? Self.reasons : [], values: values ? v : nil)
    }

    static func data(_ n: Int = 1000, values: Bool = true, reasons: Bool = true, profile: DataProfile? = nil) -> WorkspaceData {
        let model = ScoredModelInfo(id: 3, kind: "churn", version: 3, family: "gradient-boosting", active: true, auc: 0.8472,
                                    metricsJSON: "{}", createdAt: Date(timeIntervalSince1970: 1_714_000_000))
        let dataset = ScoredDataset(importID: 1, file: "/data/subscription.csv", shape: "customer-table", rows: n,
                                    customers: n, importedAt: Date(timeIntervalSince1970: 1_713_900_000))
        let snapshot = ScoreSnapshot(scoringID: 9, scoredAt: Date(timeIntervalSince1970: 1_714_003_380), model: model,
                                     dataset: dataset, customers: customers(n, values: values, reasons: reasons))
        return WorkspaceData(workspacePath: "/home/ann/.local/share/churn/workspace.sqlite", snapshot: snapshot,
                             importProfile: profile)
    }

    static func state(_ size: TerminalSize, n: Int = 1000, glyphs: Glyphs = .unicode, profile: DataProfile? = nil) -> AppState {
        AppState.workspace(data(n, profile: profile), size: size, user: "ann", glyphs: glyphs)
    }
}
