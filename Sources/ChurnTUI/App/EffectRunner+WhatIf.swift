import ChurnKit

extension EffectRunner {
    /// Carries out an effect of the What-if tab: both run on the background queue and post their result.
    func performWhatIf(_ effect: WhatIfEffect, state: AppState) {
        guard let analysis = state.analysis else { return }
        let queue = self.queue
        switch effect {
        case .prepareCampaign:
            background.async {
                do {
                    queue.post(.whatIf(.campaignReady(Shared(try CampaignBasis(analysis: analysis)))))
                } catch {
                    queue.post(.whatIf(.campaignFailed(Self.describe(error))))
                }
            }
        case .boughtToday(let customerID):
            background.async {
                do {
                    let values = try Self.boughtToday(customerID, analysis: analysis)
                    queue.post(.whatIf(.boughtTodayReady(customerID: customerID, values: values)))
                } catch {
                    queue.post(.whatIf(.boughtTodayFailed(Self.describe(error))))
                }
            }
        }
    }

    /// The model features that change when `customerID` buys on the as-of day of the scoring
    /// (`BoughtToday` over the scored transaction log), by name.
    ///
    /// - Throws: `ExplainError` for a customer without purchases; ingest errors for the log.
    static func boughtToday(_ customerID: String, analysis: WorkspaceAnalysis) throws -> [String: Double] {
        let population = analysis.population
        guard population.loaded.shape == .transactions, let asOf = population.features.cutoffDay else {
            throw ExplainError("bought today applies to transaction logs; these customers come from a customer table.")
        }
        let log = try TransactionLog(table: population.loaded.table, mapping: population.loaded.mapping)
        let names = Set(analysis.matrix.names)
        return try BoughtToday(log: log, customerID: customerID, asOfDay: asOf).changedValues.filter { names.contains($0.key) }
    }
}
