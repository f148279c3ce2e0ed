import Foundation

/// Explains a saved `TrainedModel` (a champion as `churn train` stores it) from raw features by name.
///
/// - **Single model**: the member's preprocessing is applied and its classifier explained with
///   `ModelExplainer`; the explanation's features are the member's inputs (kept features, plus
///   `name (missing)` indicators for linear models) and the margin is the member's own margin
///   (log-odds, or the SVM decision value) **before calibration**.
/// - **Blend** of linear and tree members: each member is explained in its own space, and the
///   contributions are mapped back to the raw input features (an indicator `x (missing)` counts
///   towards `x`) and summed with the blend weights. The margin is then Σ weightₖ · marginₖ, the
///   weighted sum of the members' margins before calibration (the blend itself averages
///   probabilities, so this margin is a summary of the members, not the blend's output).
///
/// In both cases `expectedValue + Σ contributions` equals `margins(_:)` for every row.
public struct TrainedModelExplainer: Sendable {
    /// One explained member.
    public struct Part: Sendable {
        public var preprocessor: Preprocessor
        public var view: Preprocessor.View
        public var weight: Double
        public var model: any Classifier
        public var explainer: ModelExplainer
        /// For each member feature, its position in `TrainedModelExplainer.featureNames`.
        public var target: [Int]
    }

    /// The explained members.
    public let parts: [Part]
    /// The features explanations are given for (member inputs for a single model, raw inputs for a blend).
    public let featureNames: [String]
    /// The raw feature names the model reads.
    public let inputFeatures: [String]
    /// The expected margin.
    public let expectedValue: Double
    /// Whether the model is a blend.
    public var isBlend: Bool { parts.count > 1 }

    /// Which margin the contributions add up to, in words.
    public var marginDescription: String {
        isBlend
            ? "weighted sum of the blend members' margins (log-odds / decision values) before calibration"
            : "the model's margin (\(Self.marginName(parts[0].explainer.link))) before calibration"
    }

    /// The name of the margin space a link maps to a probability.
    static func marginName(_ link: MarginLink) -> String {
        switch link {
        case .logistic: return "log-odds"
        case .platt: return "SVM decision value"
        case .identity: return "average tree probability"
        }
    }

    /// The explainer for `model`. Throws `ExplainError` when a member has no exact explanation (naive Bayes).
    public init(_ model: TrainedModel) throws {
        guard !model.members.isEmpty else { throw ExplainError("the model holds no fitted member to explain.") }
        var parts: [Part] = []
        for member in model.members {
            let explainer: ModelExplainer
            do {
                explainer = try ModelExplainer(model: member.model)
            } catch {
                throw ExplainError("explanations are not available for this model kind (\(model.family.rawValue)"
                    + (model.members.count > 1 ? ", member \(member.family.rawValue)" : "")
                    + "); train a logistic regression, linear SVM, decision tree or gradient-boosting model to explain scores.")
            }
            if model.members.count > 1, explainer.link == .identity {
                // A forest is explained in probability space; adding it to log-odds members would mix scales.
                throw ExplainError("explanations are not available for a blend that contains a random forest "
                    + "(its contributions are probabilities, the other members' are log-odds); "
                    + "train with --models excluding forest or choose a single-model version to explain.")
            }
            parts.append(Part(preprocessor: member.preprocessor, view: member.view, weight: member.weight, model: member.model,
                              explainer: explainer, target: []))
        }
        inputFeatures = model.inputFeatures
        if parts.count == 1 {
            featureNames = parts[0].explainer.featureNames
            parts[0].target = Array(featureNames.indices)
            expectedValue = parts[0].explainer.expectedValue
        } else {
            featureNames = model.inputFeatures
            var position: [String: Int] = [:]
            for (i, name) in featureNames.enumerated() { position[name] = i }
            var expected = 0.0
            for k in parts.indices {
                let p = parts[k].preprocessor
                // outputNames: kept features in order, then indicators of the kept features that have one.
                var target = p.kept.map { position[p.inputNames[$0]] ?? -1 }
                if parts[k].view == .linear {
                    for (i, j) in p.kept.enumerated() where p.indicators[i] { target.append(position[p.inputNames[j]] ?? -1) }
                }
                guard target.count == parts[k].explainer.featureNames.count, !target.contains(-1) else {
                    throw ExplainError("a blend member's features do not match the model's input features; train the model again.")
                }
                parts[k].target = target
                expected += parts[k].weight * parts[k].explainer.expectedValue
            }
            expectedValue = expected
        }
        self.parts = parts
    }

    /// The values explanations refer to, for every row of the raw features `x`: the single member's
    /// preprocessed inputs, or the raw inputs (in `featureNames` order) for a blend.
    public func explanationInputs(_ x: TrainingMatrix) throws -> TrainingMatrix {
        if !isBlend { return try parts[0].preprocessor.transform(x, view: parts[0].view) }
        var position: [String: Int] = [:]
        for (i, name) in x.names.enumerated() { position[name] = i }
        return TrainingMatrix(names: featureNames, columns: try featureNames.map { name in
            guard let i = position[name] else { throw ExplainError("the feature '\(name)' the model was trained on is missing.") }
            return x.columns[i]
        })
    }

    /// Contributions for every row of the raw features `x`, in `featureNames` order (parallel over rows for trees).
    public func shapValues(_ x: TrainingMatrix, parallel: Bool = true, control: TrainingControl = .none) throws -> ShapValues {
        if !isBlend {
            let input = try parts[0].preprocessor.transform(x, view: parts[0].view)
            return try parts[0].explainer.shapValues(input, parallel: parallel, control: control)
        }
        let n = featureNames.count
        var values = [Double](repeating: 0, count: x.rows * n)
        for part in parts {
            let input = try part.preprocessor.transform(x, view: part.view)
            let phi = try part.explainer.shapValues(input, parallel: parallel, control: control)
            let m = phi.featureCount
            for r in 0..<x.rows {
                for f in 0..<m { values[r * n + part.target[f]] += part.weight * phi.values[r * m + f] }
            }
        }
        return ShapValues(featureNames: featureNames, expectedValue: expectedValue, rows: x.rows, values: values)
    }

    /// Contributions for every row of a feature matrix.
    public func shapValues(_ features: FeatureMatrix, parallel: Bool = true) throws -> ShapValues {
        try shapValues(Self.matrix(features), parallel: parallel)
    }

    /// The margins the contributions add up to, computed by the members themselves.
    public func margins(_ x: TrainingMatrix) throws -> [Double] {
        var out = [Double](repeating: 0, count: x.rows)
        for part in parts {
            let input = try part.preprocessor.transform(x, view: part.view)
            // Forests are explained as the average of their trees' probabilities, not their clipped logit.
            let m = (part.model as? RandomForest)?.predictRawAverage(input) ?? part.model.predictMargins(input)
            for i in out.indices { out[i] += (isBlend ? part.weight : 1) * m[i] }
        }
        return out
    }

    /// One customer's explanation from their raw feature row (values of `x`'s columns at `row`).
    /// `reference` describes `featureNames` (see `explanationInputs`). The probability in the result
    /// is the link of the explained margin (uncalibrated); callers show the calibrated score beside it.
    public func explain(_ x: TrainingMatrix, row: Int, reference: ReferenceProfile, customerID: String? = nil,
                        top: Int = 5) throws -> CustomerExplanation {
        guard row >= 0, row < x.rows else { throw ExplainError("row \(row) is outside the data (\(x.rows) rows).") }
        let one = TrainingMatrix(names: x.names, columns: x.columns.map { [$0[row]] })
        let input = try explanationInputs(one)
        let values = input.columns.map { $0[0] }
        if !isBlend {
            return try CustomerExplanation.explain(row: values, explainer: parts[0].explainer, reference: reference,
                                                   customerID: customerID, top: top)
        }
        guard reference.featureNames == featureNames else {
            throw ExplainError("the reference data has different features from the model; rebuild it from the model's training table.")
        }
        let phi = try shapValues(one, parallel: false).contributions(row: 0)
        let m0 = expectedValue
        let margin = m0 + phi.reduce(0, +)
        let link = MarginLink.logistic
        let p = link.probability(margin), p0 = link.probability(m0)
        let slope = abs(margin - m0) > 1e-9 ? (p - p0) / (margin - m0) : p * (1 - p)
        let changes = phi.map { $0 * slope }
        let order = phi.indices.sorted { abs(phi[$0]) != abs(phi[$1]) ? abs(phi[$0]) > abs(phi[$1]) : $0 < $1 }
        let factors = order.prefix(max(0, top)).filter { phi[$0] != 0 }.map { f in
            ExplanationFactor(feature: featureNames[f], index: f, value: values[f], retainedMean: reference.retainedMean[f],
                              churnedMean: reference.churnedMean[f], zScore: reference.zScore(values[f], feature: f),
                              contribution: phi[f], probabilityChange: changes[f],
                              sentence: ReasonText.sentence(feature: f, row: values, reference: reference, probabilityChange: changes[f]))
        }
        return CustomerExplanation(customerID: customerID, margin: margin, probability: p, expectedValue: m0, baseProbability: p0,
                                   contributions: phi, probabilityChanges: changes, factors: factors)
    }

    /// A feature matrix's columns as a training matrix.
    public static func matrix(_ features: FeatureMatrix) -> TrainingMatrix {
        TrainingMatrix(names: features.features.map(\.name), columns: features.features.map(\.values))
    }
}

extension TrainedModelExplainer {
    /// The link that turns the explained margin into a probability (the single member's; logistic for a blend).
    public var link: MarginLink { isBlend ? .logistic : parts[0].explainer.link }

    /// The `top` largest factors of every row of the raw features `x`, largest |contribution| first,
    /// from one parallel batch of contributions. Probability changes are scaled as in `CustomerExplanation`.
    public func topFactors(_ x: TrainingMatrix, reference: ReferenceProfile, top: Int = 3) throws -> [[ExplanationFactor]] {
        guard reference.featureNames == featureNames else {
            throw ExplainError("the reference data has different features from the model; rebuild it from the model's training table.")
        }
        let input = try explanationInputs(x)
        let phi = try shapValues(x)
        let n = featureNames.count, m0 = expectedValue, link = self.link
        let p0 = link.probability(m0)
        var out: [[ExplanationFactor]] = []
        out.reserveCapacity(x.rows)
        var row = [Double](repeating: 0, count: n)
        for r in 0..<x.rows {
            var margin = m0
            var best: [Int] = []
            for f in 0..<n {
                let c = phi.values[r * n + f]
                margin += c
                guard c != 0 else { continue }
                // Keep the `top` largest |c| (ties: lower index first), insertion into a short list.
                var at = best.count
                while at > 0 && abs(phi.values[r * n + best[at - 1]]) < abs(c) { at -= 1 }
                if at < top { best.insert(f, at: at); if best.count > top { best.removeLast() } }
            }
            let p = link.probability(margin)
            let slope: Double
            if abs(margin - m0) > 1e-9 { slope = (p - p0) / (margin - m0) } else {
                let h = 1e-5
                slope = (link.probability(margin + h) - link.probability(margin - h)) / (2 * h)
            }
            for f in 0..<n { row[f] = input.columns[f][r] }
            out.append(best.map { f in
                let c = phi.values[r * n + f]
                return ExplanationFactor(feature: featureNames[f], index: f, value: row[f], retainedMean: reference.retainedMean[f],
                                         churnedMean: reference.churnedMean[f], zScore: reference.zScore(row[f], feature: f),
                                         contribution: c, probabilityChange: c * slope,
                                         sentence: ReasonText.sentence(feature: f, row: row, reference: reference, probabilityChange: c * slope))
            })
        }
        return out
    }
}
