import ChurnKit

extension EffectRunner {
    /// Carries out an effect of the Model insights tab: both computations run on the background queue
    /// and post their result (or why there is none) for the model of `state.analysis`.
    func performInsights(_ effect: InsightsEffect, state: AppState) {
        guard let analysis = state.analysis else { return }
        let queue = self.queue
        let modelID = analysis.record.id
        switch effect {
        case .computeCurves:
            background.async {
                guard let scores = analysis.outOfFold, !scores.probabilities.isEmpty else {
                    queue.post(.insights(.curvesUnavailable(modelID: modelID,
                        "this model has no stored out-of-fold scores (trained by an older version); retrain to see its curves")))
                    return
                }
                queue.post(.insights(.curvesReady(Shared(InsightsCurves(scores, modelID: modelID)))))
            }
        case .computeImportance(let limit):
            background.async {
                do {
                    let shap = try ShapImportance.compute(analysis, limit: limit)
                    queue.post(.insights(.shapReady(Shared(shap))))
                } catch {
                    queue.post(.insights(.shapUnavailable(modelID: modelID, Self.describe(error))))
                }
            }
        }
    }
}
