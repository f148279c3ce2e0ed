import Foundation

/// Runs a whole training job: cross-validated search per family, the blend, calibration, the champion
/// choice and the champion's refit on all rows.
///
/// `run` is synchronous and uses both cores (fits of a search rung run in parallel); `TrainingJob` runs
/// it on a background Dispatch queue. Progress goes through the one `onEvent` channel. Cancelling the
/// `TrainingControl` makes the run throw `TrainingError.cancelled` within about a second (every model
/// checks it between iterations). The same data, configuration and seed give the same leaderboard and
/// the same model.
public enum TrainingEngine {
    /// Trains, compares and refits. See the type's documentation.
    ///
    /// `foldAssignment`, when given (the fold 0..<k of every row, e.g. read from a fold file another
    /// tool also reads), replaces the seeded stratified folds; its k then overrides `configuration.folds`.
    ///
    /// - Throws: `TrainingError` (`.cancelled`, `.tooFewMinority` when a class has fewer rows than folds,
    ///   `.allFeaturesConstant`...), `UnknownModelError` for a family this build cannot train, or
    ///   `TrainingRunError.noModel` when every family failed.
    public static func run(_ data: TrainingData, configuration: TrainingConfiguration, control: TrainingControl,
                           foldAssignment: [Int]? = nil,
                           onEvent: @escaping @Sendable (TrainingEvent) -> Void = { _ in }) throws -> TrainingResult {
        let started = Date()
        var configuration = configuration
        if let foldAssignment { configuration.folds = (foldAssignment.max() ?? 0) + 1 }
        try control.checkCancelled()
        let specs = try configuration.families.map { family -> FamilySpec in
            guard let spec = FamilyRegistry.spec(for: family) else {
                throw UnknownModelError(name: family.rawValue, suggestion: nil, unavailable: true)
            }
            return spec
        }
        guard !specs.isEmpty else { throw UnknownModelError(name: "", suggestion: nil) }
        guard configuration.folds >= 2 else { throw FoldError.tooFewFolds(configuration.folds) }
        let k = configuration.folds
        var notes: [String] = []
        if data.unlabeledRows > 0 { notes.append("\(data.unlabeledRows) rows without a label were left out") }

        let minorityShare = min(data.positiveRate, 1 - data.positiveRate)
        let balancing = resolvedImbalance(configuration.imbalance, minorityShare: minorityShare)
        let weighted = balancing == .classWeights
        let smote: SMOTE? = balancing == .smote ? SMOTE() : nil
        let percent = String(format: "%.1f%%", minorityShare * 100)
        switch balancing {
        case .classWeights: notes.append("balanced class weights (the rarer class is \(percent) of rows)")
        case .smote: notes.append("SMOTE over-sampling of the rarer class in training folds only (the rarer class is \(percent) of rows)")
        case .none, .automatic: notes.append("no class weights (the rarer class is \(percent) of rows)")
        }

        let fitsPerFamily = HyperparameterSearch.plannedFits(trials: configuration.trials, folds: k)
        let total = Double(fitsPerFamily * specs.count) + 2 + Double(k)
        let meter = ProgressMeter(total: total, sink: onEvent)
        meter.advance(0, TrainingEvent(stage: .preparing, modelCount: specs.count, foldCount: k, fraction: 0, elapsed: 0,
                                       message: "preparing \(k) stratified folds of \(data.rows) rows"))
        let plan = try CrossValidationPlan(data: data, k: k, seed: configuration.seed, views: Set(specs.map(\.view)),
                                           classWeights: weighted, smote: smote, assignment: foldAssignment, control: control)
        meter.advance(1, TrainingEvent(stage: .preparing, modelCount: specs.count, foldCount: k, fraction: 0, elapsed: 0,
                                       message: "folds ready"))

        var searched: [FamilySearchResult] = []
        for (i, spec) in specs.enumerated() {
            let search = HyperparameterSearch(spec: spec, familyIndex: i, familyCount: specs.count, plan: plan,
                                              trials: configuration.trials, seed: configuration.seed, control: control, meter: meter)
            do {
                let result = try search.run()
                notes.append(contentsOf: result.notes)
                searched.append(result)
            } catch let failure as FamilyFailure {
                notes.append("\(failure.family.rawValue) left out: every trial failed (\(failure.reason))")
            }
        }
        try control.checkCancelled()
        guard !searched.isEmpty else { throw TrainingRunError.noModel(notes.last ?? "every model family failed") }

        var entries: [LeaderboardEntry] = []
        for result in searched {
            try control.checkCancelled()
            entries.append(try entry(name: result.spec.family.rawValue, family: result.spec.family, parameters: result.parameters,
                                     foldProbabilities: result.foldProbabilities, plan: plan, configuration: configuration,
                                     trials: result.trialsEvaluated, members: []))
        }
        if configuration.blend && searched.count >= 2 {
            meter.advance(0, TrainingEvent(stage: .blending, modelCount: specs.count, foldCount: k, fraction: 0, elapsed: 0,
                                           message: "fitting blend weights on out-of-fold probabilities"))
            entries.append(try blendEntry(searched: searched, entries: entries, plan: plan, configuration: configuration))
        }
        meter.advance(1, TrainingEvent(stage: .calibrating, modelCount: specs.count, foldCount: k, fraction: 0, elapsed: 0,
                                       message: "calibrated \(entries.count) models"))

        for i in entries.indices { entries[i].championScore = configuration.championWeights.score(entries[i].metrics) }
        let order = entries.indices.sorted { a, b in
            let x = entries[a], y = entries[b]
            if x.championScore != y.championScore { return x.championScore > y.championScore }
            if x.metrics.rocAUC.mean != y.metrics.rocAUC.mean { return x.metrics.rocAUC.mean > y.metrics.rocAUC.mean }
            return a < b
        }
        var leaderboard = order.map { entries[$0] }
        leaderboard[0].isChampion = true
        let champion = leaderboard[0]

        try control.checkCancelled()
        meter.advance(0, TrainingEvent(stage: .refitting, family: champion.family, modelCount: specs.count, foldCount: k,
                                       fraction: 0, elapsed: 0, message: "refitting the champion (\(champion.name)) on all \(data.rows) rows"))
        let model = try refit(champion, searched: searched, data: data, weighted: weighted, smote: smote, seed: configuration.seed,
                              control: control)
        if let smote {
            let synthetic = plan.folds.map(\.syntheticRows)
            let minority = Int((minorityShare * Double(data.rows)).rounded())
            let refitSynthetic = smote.syntheticCount(minority: minority, majority: data.rows - minority)
            notes.append("SMOTE added \(synthetic.map(String.init).joined(separator: "/")) synthetic rows to the training folds "
                         + "(\(refitSynthetic) for the final refit); validation rows were not over-sampled")
        }
        for member in model.members {
            for d in member.preprocessor.dropped { notes.append("\(member.family.rawValue): dropped '\(d.name)' (\(d.reason))") }
        }
        meter.advance(Double(k), TrainingEvent(stage: .finished, family: champion.family, modelCount: specs.count, foldCount: k,
                                               fraction: 0, elapsed: 0, message: "champion: \(champion.name)"))
        return TrainingResult(leaderboard: leaderboard, model: model, foldAssignment: plan.assignment,
                              classWeighting: balancing, notes: notes, configuration: configuration,
                              seconds: Date().timeIntervalSince(started))
    }

    /// What `.automatic` means for these data: class weights when the rarer class is under 30% of rows,
    /// nothing otherwise; the other choices stand as given.
    static func resolvedImbalance(_ choice: ImbalanceHandling, minorityShare: Double) -> ImbalanceHandling {
        switch choice {
        case .automatic: return minorityShare < 0.3 ? .classWeights : .none
        case .classWeights, .none, .smote: return choice
        }
    }

    /// A leaderboard row from per-fold validation probabilities.
    ///
    /// The metrics of fold f are measured the way the model is used, without looking at fold f's labels
    /// for any choice:
    /// - ranking metrics (ROC-AUC, PR-AUC, KS) read the fold model's own probabilities;
    /// - probabilities are then calibrated by a map of the chosen calibration method fitted on the
    ///   out-of-fold probabilities of the *other* folds (cross-fitted, as the blend's weights are); log
    ///   loss and Brier read those calibrated probabilities;
    /// - threshold metrics (accuracy, precision, recall, F1, confusion) and the business value are at
    ///   the F1-optimal threshold of the other folds' calibrated probabilities, applied to fold f.
    /// Threshold metrics at a fixed 0.5 on class-weighted, uncalibrated probabilities (the former rule)
    /// favoured models whose probabilities lean towards churn, i.e. recall over precision.
    ///
    /// The calibration method is chosen once on all out-of-fold probabilities (cross-validated Brier),
    /// and `businessThreshold` is the F1-optimal threshold of the calibrated out-of-fold probabilities:
    /// a threshold on the same scale as the calibrated scores users see.
    static func entry(name: String, family: ModelFamily, parameters: ParameterSet, foldProbabilities: [[Double]],
                      plan: CrossValidationPlan, configuration: TrainingConfiguration, trials: Int,
                      members: [LeaderboardEntry.BlendMember]) throws -> LeaderboardEntry {
        var oof = [Double](repeating: .nan, count: plan.labels.count)
        for (f, fold) in plan.folds.enumerated() {
            for (i, r) in fold.validation.enumerated() { oof[r] = foldProbabilities[f][i] }
        }
        let calibration = try Calibrator.choose(scores: oof, labels: plan.labels, scoreKind: .probability,
                                                folds: min(5, plan.k), seed: configuration.seed)
        let honest = HonestFoldMetrics.measure(foldProbabilities: foldProbabilities, outOfFold: oof, plan: plan,
                                               calibration: calibration, businessValue: configuration.businessValue)
        let threshold = BusinessValue.f1OptimalThreshold(scores: calibration.probabilities(oof), labels: plan.labels)
        return LeaderboardEntry(name: name, family: family, parameters: parameters,
                                metrics: LeaderboardMetrics(folds: honest.metrics, businessValues: honest.businessValues),
                                foldMetrics: honest.metrics, calibration: calibration, businessThreshold: threshold,
                                championScore: 0, isChampion: false, trialsEvaluated: trials, blendMembers: members, outOfFold: oof)
    }

    /// The blend: weights fitted on out-of-fold probabilities. Its fold metrics are honest: fold f is
    /// scored with weights fitted on the other folds' out-of-fold rows only.
    static func blendEntry(searched: [FamilySearchResult], entries: [LeaderboardEntry], plan: CrossValidationPlan,
                           configuration: TrainingConfiguration) throws -> LeaderboardEntry {
        let members = entries.map(\.outOfFold)
        let foldProbabilities = plan.folds.map { fold -> [Double] in
            let w = BlendWeights.fit(members, labels: plan.labels, rows: plan.folds.filter { $0.index != fold.index }.flatMap(\.validation))
            return fold.validation.map { r in min(max((0..<members.count).reduce(0.0) { $0 + w[$1] * members[$1][r] }, 0), 1) }
        }
        var weights = BlendWeights.fit(members, labels: plan.labels)
        weights = weights.map { $0 < 1e-3 ? 0 : $0 }
        let sum = weights.reduce(0, +)
        weights = weights.map { $0 / sum }
        let blendMembers = zip(searched, weights).filter { $0.1 > 0 }.map {
            LeaderboardEntry.BlendMember(family: $0.0.spec.family, weight: $0.1)
        }
        return try entry(name: "blend", family: .blend, parameters: ParameterSet(), foldProbabilities: foldProbabilities,
                         plan: plan, configuration: configuration, trials: 0, members: blendMembers)
    }

    /// Fits the champion's member models on every row, behind preprocessing fitted on every (original) row;
    /// with `smote`, the models train on every row plus SMOTE rows.
    static func refit(_ champion: LeaderboardEntry, searched: [FamilySearchResult], data: TrainingData, weighted: Bool,
                      smote: SMOTE? = nil, seed: UInt64, control: TrainingControl) throws -> TrainedModel {
        let parts: [(FamilySearchResult, Double)]
        if champion.family == .blend {
            parts = champion.blendMembers.compactMap { m in searched.first { $0.spec.family == m.family }.map { ($0, m.weight) } }
        } else {
            parts = searched.filter { $0.spec.family == champion.family }.map { ($0, 1.0) }
        }
        let weights = weighted ? CrossValidationPlan.balancedWeights(data.labels) : nil
        let preprocessor = try Preprocessor(fitting: data.matrix)
        var oversampled: SMOTE.Output?
        if let smote {
            var random = SeededRandom(seed: seed, stream: CrossValidationPlan.refitSMOTEStream)
            oversampled = try smote.oversample(data.matrix, labels: data.labels, random: &random)
        }
        let labels = oversampled?.labels ?? data.labels
        var members: [TrainedModel.Member] = []
        for (result, weight) in parts {
            try control.checkCancelled()
            let spec = result.spec
            let x = try preprocessor.transform(oversampled?.matrix ?? data.matrix, view: spec.view)
            let streamIndex = ModelFamily.allCases.firstIndex(of: spec.family) ?? 0
            var model = spec.make(result.parameters, SeededRandom.derivedSeed(seed, stream: 1000 + UInt64(streamIndex)), true)
            try model.fit(x, labels: labels, weights: weights, control: control)
            members.append(TrainedModel.Member(family: spec.family, parameters: result.parameters, preprocessor: preprocessor,
                                               view: spec.view, weight: weight, model: model))
        }
        return TrainedModel(family: champion.family, members: members, calibrator: champion.calibration,
                            inputFeatures: data.matrix.names)
    }
}

/// A training run that produced no model.
public enum TrainingRunError: UserFacingError, Equatable {
    case noModel(String)

    public var message: String {
        switch self {
        case .noModel(let why): return "no model could be trained: \(why)"
        }
    }

    public var exitCode: Int32 { ExitCode.dataError }
}

/// A training run on a background Dispatch queue, cancellable, reporting through one event callback.
public final class TrainingJob: @unchecked Sendable {
    /// Cancel through this (or `cancel()`).
    public let control: TrainingControl
    private let data: TrainingData
    private let configuration: TrainingConfiguration
    private let onEvent: @Sendable (TrainingEvent) -> Void
    private let finished = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var outcome: Result<TrainingResult, Error>?

    public init(data: TrainingData, configuration: TrainingConfiguration, control: TrainingControl = TrainingControl(),
                onEvent: @escaping @Sendable (TrainingEvent) -> Void) {
        self.data = data; self.configuration = configuration; self.control = control; self.onEvent = onEvent
    }

    /// Starts the run on a background queue; `completion` (optional) is called there when it ends.
    public func start(completion: (@Sendable (Result<TrainingResult, Error>) -> Void)? = nil) {
        DispatchQueue(label: "churn.training", qos: .userInitiated).async { [self] in
            let result = Result { try TrainingEngine.run(data, configuration: configuration, control: control, onEvent: onEvent) }
            lock.lock(); outcome = result; lock.unlock()
            completion?(result)
            finished.signal()
        }
    }

    /// Asks the run to stop; it ends with `TrainingError.cancelled` within about a second.
    public func cancel() { control.cancel() }

    /// Blocks until the run ends and returns its outcome.
    public func wait() -> Result<TrainingResult, Error> {
        finished.wait()
        finished.signal()
        lock.lock(); defer { lock.unlock() }
        return outcome ?? .failure(TrainingError.cancelled)
    }
}
