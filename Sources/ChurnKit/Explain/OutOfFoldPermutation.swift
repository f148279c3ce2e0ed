import Foundation

/// Permutation importance on out-of-fold predictions of a saved model's recipe.
///
/// The saved model was refitted on every training row, so shuffling a feature on those rows measures
/// what the model memorised as much as what it learned. Instead the model's recipe (each member's
/// family, parameters, preprocessing view and blend weight) is refitted on the training folds of the
/// run's own stratified k-fold plan (same folds, seed and class balancing as `churn train`), and each
/// feature is shuffled within every validation fold: the drop in pooled out-of-fold ROC-AUC is the
/// feature's importance. Probabilities are the members' weighted average before calibration
/// (calibration is monotone, so it barely changes ROC-AUC).
public enum OutOfFoldPermutation {
    /// Refits `model`'s members on the folds of `data` and shuffles each raw input feature `repeats`
    /// times within each validation fold.
    ///
    /// - Parameters:
    ///   - data: the training rows the model was trained on (all of `model.inputFeatures` by name).
    ///   - folds, seed, imbalance: the training run's configuration (`TrainingConfiguration`).
    /// - Throws: `ExplainError` when a feature the model reads is missing or `repeats < 1`;
    ///   `TrainingError` from the fold fits (e.g. `.cancelled`).
    public static func compute(model: TrainedModel, data: TrainingData, folds: Int, seed: UInt64,
                               imbalance: ImbalanceHandling = .automatic, repeats: Int = 3,
                               control: TrainingControl = .none) throws -> PermutationImportance {
        guard repeats >= 1 else { throw ExplainError("permutation importance needs at least 1 repeat (got \(repeats)).", exitCode: ExitCode.usage) }
        var position: [String: Int] = [:]
        for (i, name) in data.matrix.names.enumerated() { position[name] = i }
        let columns = try model.inputFeatures.map { name -> [Double] in
            guard let i = position[name] else { throw ExplainError("the feature '\(name)' the model was trained on is missing from the training data.") }
            return data.matrix.columns[i]
        }
        let raw = TrainingMatrix(names: model.inputFeatures, columns: columns)
        let ordered = try TrainingData(matrix: raw, labels: data.labels, customerIDs: data.customerIDs, minimumMinority: 1)
        let minorityShare = min(ordered.positiveRate, 1 - ordered.positiveRate)
        let balancing = TrainingEngine.resolvedImbalance(imbalance, minorityShare: minorityShare)
        let plan = try CrossValidationPlan(data: ordered, k: folds, seed: seed, views: Set(model.members.map(\.view)),
                                           classWeights: balancing == .classWeights, smote: balancing == .smote ? SMOTE() : nil,
                                           control: control)
        let members = model.members
        // One fitted copy of every member per fold.
        let fitted = ParallelSlots<Result<[any Classifier], Error>>.run(plan.k) { f in
            Result {
                let fold = plan.folds[f]
                return try members.enumerated().map { m, member -> any Classifier in
                    guard let spec = FamilyRegistry.spec(for: member.family) else {
                        throw UnknownModelError(name: member.family.rawValue, suggestion: nil, unavailable: true)
                    }
                    var classifier = spec.make(member.parameters, SeededRandom.derivedSeed(seed, stream: 5000 + UInt64(f * 16 + m)), false)
                    try classifier.fit(fold.matrices(member.view).training, labels: fold.trainingLabels,
                                       weights: fold.trainingWeights, control: control)
                    return classifier
                }
            }
        }
        let foldModels = try fitted.map { slot -> [any Classifier] in
            guard let slot else { throw TrainingError.cancelled }
            return try slot.get()
        }
        let validation = plan.folds.map { raw.subset($0.validation) }

        /// Pooled out-of-fold probabilities with raw feature `feature` replaced by `replacement(fold)` in each fold.
        @Sendable func pooled(feature: Int?, replacement: (Int) -> [Double]) throws -> [Double] {
            var out = [Double](repeating: 0, count: raw.rows)
            for (f, fold) in plan.folds.enumerated() {
                var x = validation[f]
                if let feature { x.columns[feature] = replacement(f) }
                var p = [Double](repeating: 0, count: x.rows)
                for (m, member) in members.enumerated() {
                    let input = try fold.preprocessor.transform(x, view: member.view)
                    let q = foldModels[f][m].predictProbabilities(input)
                    for i in p.indices { p[i] += member.weight * q[i] }
                }
                for (i, r) in fold.validation.enumerated() { out[r] = min(max(p[i], 0), 1) }
            }
            return out
        }

        let baseline = Metrics.rocAUC(scores: try pooled(feature: nil) { _ in [] }, labels: plan.labels)
        guard baseline.isFinite else { throw ExplainError("ROC-AUC is undefined on these rows (they need both churned and retained customers).") }
        let n = raw.featureCount
        let drops = ParallelSlots<Result<[Double], Error>>.run(n) { j in
            Result {
                try control.checkCancelled()
                var rng = SeededRandom(seed: seed, stream: UInt64(j))
                return try (0..<repeats).map { _ in
                    var shuffled: [[Double]] = validation.map { $0.columns[j] }
                    for f in shuffled.indices { rng.shuffle(&shuffled[f]) }
                    return baseline - Metrics.rocAUC(scores: try pooled(feature: j) { shuffled[$0] }, labels: plan.labels)
                }
            }
        }
        var means = [Double](repeating: 0, count: n), stds = [Double](repeating: 0, count: n)
        for j in 0..<n {
            guard let slot = drops[j] else { throw TrainingError.cancelled }
            let d = try slot.get()
            let mean = d.reduce(0, +) / Double(repeats)
            means[j] = mean
            if repeats > 1 { stds[j] = (d.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(repeats - 1)).squareRoot() }
        }
        return PermutationImportance(featureNames: raw.names, baselineAUC: baseline, mean: means, std: stds, repeats: repeats)
    }
}
