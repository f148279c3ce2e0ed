import Foundation

/// The best configuration of one family and its cross-validated fold predictions.
struct FamilySearchResult: Sendable {
    var spec: FamilySpec
    var parameters: ParameterSet
    /// Validation-fold probabilities of the chosen configuration, one array per fold.
    var foldProbabilities: [[Double]]
    var trialsEvaluated: Int
    var notes: [String]
}

/// Random search with successive halving for one family.
///
/// Trials are the family's defaults plus random draws from its `SearchSpace`. Rung 1 fits every trial
/// on the first two folds; the better half by mean ROC-AUC (at least one) goes on to the remaining
/// folds, and the best of those by mean ROC-AUC over all folds wins. Fits of a rung run in parallel
/// (`DispatchQueue.concurrentPerform`) with the models' own parallelism off; results land in fixed
/// slots, so the outcome does not depend on scheduling. Each fit's seed derives from the run seed, the
/// family, the trial and the fold.
struct HyperparameterSearch {
    var spec: FamilySpec
    var familyIndex: Int
    var familyCount: Int
    var plan: CrossValidationPlan
    var trials: Int
    var seed: UInt64
    var control: TrainingControl
    var meter: ProgressMeter

    /// Work units (fits) the search of one family plans for.
    static func plannedFits(trials: Int, folds: Int) -> Int {
        let n = max(trials, 1)
        guard n > 1 else { return folds }
        let first = min(2, folds)
        return n * first + ((n + 1) / 2) * (folds - first)
    }

    func run() throws -> FamilySearchResult {
        let k = plan.k
        let familySeed = SeededRandom.derivedSeed(seed, stream: UInt64(familyIndexInCatalogue) + 1)
        let candidates = spec.space.trials(max(trials, 1), seed: familySeed)
        var probabilities = [[[Double]?]](repeating: [[Double]?](repeating: nil, count: k), count: candidates.count)
        var failed = [String?](repeating: nil, count: candidates.count)
        var fitsDone = 0

        func evaluate(_ tasks: [(candidate: Int, fold: Int)]) throws {
            let spec = self.spec, plan = self.plan, control = self.control, meter = self.meter
            let familyIndex = self.familyIndex, familyCount = self.familyCount
            let results = ParallelSlots<Result<[Double], Error>>.run(tasks.count) { t in
                let (c, f) = tasks[t]
                let result = Result { () throws -> [Double] in
                    try control.checkCancelled()
                    let fold = plan.folds[f]
                    let (training, validation) = fold.matrices(spec.view)
                    let fitSeed = SeededRandom.derivedSeed(familySeed, stream: UInt64(c * 64 + f + 1))
                    var model = spec.make(candidates[c], fitSeed, false)
                    try model.fit(training, labels: fold.trainingLabels, weights: fold.trainingWeights, control: control)
                    let p = model.predictProbabilities(validation)
                    if let bad = p.firstIndex(where: { !$0.isFinite }) {
                        throw TrainingError.nonFinite(feature: "\(spec.family.rawValue) probability", row: fold.validation[bad], value: p[bad])
                    }
                    return p
                }
                var message = "\(spec.family.rawValue) trial \(c + 1)/\(candidates.count) fold \(f + 1)/\(k)"
                if case .success(let p) = result {
                    message += String(format: ": AUC %.3f", Metrics.rocAUC(scores: p, labels: plan.folds[f].validationLabels))
                }
                meter.advance(1, TrainingEvent(stage: .searching, family: spec.family, modelIndex: familyIndex + 1,
                                               modelCount: familyCount, fold: f + 1, foldCount: k, trial: c + 1,
                                               trialCount: candidates.count, fraction: 0, elapsed: 0, message: message))
                return result
            }
            fitsDone += tasks.count
            if control.isCancelled { throw TrainingError.cancelled }
            for (t, task) in tasks.enumerated() {
                switch results[t] {
                case .success(let p): probabilities[task.candidate][task.fold] = p
                case .failure(let error):
                    if let e = error as? TrainingError, e == .cancelled { throw e }
                    if failed[task.candidate] == nil {
                        failed[task.candidate] = (error as? UserFacingError)?.message ?? "\(error)"
                    }
                case .none: break
                }
            }
        }

        func meanAUC(_ c: Int, folds: Range<Int>) -> Double {
            guard failed[c] == nil else { return -.infinity }
            var total = 0.0
            for f in folds {
                guard let p = probabilities[c][f] else { return -.infinity }
                let auc = Metrics.rocAUC(scores: p, labels: plan.folds[f].validationLabels)
                total += auc.isNaN ? 0.5 : auc
            }
            return total / Double(folds.count)
        }

        let firstRung = candidates.count > 1 ? min(2, k) : k
        try evaluate(candidates.indices.flatMap { c in (0..<firstRung).map { (c, $0) } })
        let ranked = candidates.indices.filter { failed[$0] == nil }
            .sorted { meanAUC($0, folds: 0..<firstRung) > meanAUC($1, folds: 0..<firstRung) || (meanAUC($0, folds: 0..<firstRung) == meanAUC($1, folds: 0..<firstRung) && $0 < $1) }
        let survivors = Array(ranked.prefix(max(1, (candidates.count + 1) / 2)))
        if firstRung < k {
            try evaluate(survivors.flatMap { c in (firstRung..<k).map { (c, $0) } })
        }
        var best: Int?
        for c in survivors where failed[c] == nil {
            if let b = best, meanAUC(c, folds: 0..<k) <= meanAUC(b, folds: 0..<k) { continue }
            best = c
        }
        let planned = Self.plannedFits(trials: trials, folds: k)
        // One event ends every family's search, with its best cross-validated AUC when a trial finished.
        let bestAUC = best.map { meanAUC($0, folds: 0..<k) }.flatMap { $0.isFinite ? $0 : nil }
        let done = "\(spec.family.rawValue) search done" + (bestAUC.map { String(format: ": best CV AUC %.3f", $0) } ?? "")
        meter.advance(Double(max(0, planned - fitsDone)), TrainingEvent(stage: .searching, family: spec.family, modelIndex: familyIndex + 1,
                                                                         modelCount: familyCount, foldCount: k, trialCount: candidates.count,
                                                                         fraction: 0, elapsed: 0, message: done, searchAUC: bestAUC))
        var notes: [String] = []
        for c in candidates.indices { if let why = failed[c] { notes.append("\(spec.family.rawValue) trial \(c + 1) (\(candidates[c])) failed: \(why)") } }
        guard let chosen = best else {
            throw FamilyFailure(family: spec.family, reason: failed.compactMap { $0 }.first ?? "no trial finished")
        }
        return FamilySearchResult(spec: spec, parameters: candidates[chosen],
                                  foldProbabilities: (0..<k).map { probabilities[chosen][$0] ?? [] },
                                  trialsEvaluated: candidates.count, notes: notes)
    }

    /// The family's position in `ModelFamily.allCases` (a stable seed stream, unlike string hashes).
    private var familyIndexInCatalogue: Int { ModelFamily.allCases.firstIndex(of: spec.family) ?? 0 }
}

/// Every trial of a family failed.
struct FamilyFailure: Error {
    var family: ModelFamily
    var reason: String
}
