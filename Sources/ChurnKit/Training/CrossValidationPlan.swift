import Foundation

/// One fold of cross-validation with its preprocessing fitted on the fold's training rows only.
public struct FoldPlan: Sendable {
    /// The fold number (0-based).
    public var index: Int
    /// Rows the models of this fold train on (increasing).
    public var training: [Int]
    /// Rows they are evaluated on (increasing).
    public var validation: [Int]
    /// Preprocessing fitted on `training` rows only.
    public var preprocessor: Preprocessor
    /// Labels of the training rows.
    public var trainingLabels: [Double]
    /// Labels of the validation rows.
    public var validationLabels: [Double]
    /// Sample weights of the training rows (balanced class weights), nil when classes are not weighted.
    public var trainingWeights: [Double]?
    /// The preprocessed training and validation matrices per view.
    var views: [Preprocessor.View: (training: TrainingMatrix, validation: TrainingMatrix)]

    /// The preprocessed matrices for `view`.
    func matrices(_ view: Preprocessor.View) -> (training: TrainingMatrix, validation: TrainingMatrix) {
        guard let pair = views[view] else { preconditionFailure("fold view \(view) was not prepared") }
        return pair
    }
}

/// Stratified k-fold cross-validation, prepared once per run and shared by every family and trial.
public struct CrossValidationPlan: Sendable {
    /// The fold of every row.
    public var assignment: [Int]
    /// The folds, with their preprocessing.
    public var folds: [FoldPlan]
    /// Labels of every row.
    public var labels: [Double]

    /// Number of folds.
    public var k: Int { folds.count }

    /// Assigns rows to `k` stratified folds with `seed` and fits each fold's preprocessing on its
    /// training rows (folds prepared in parallel). `classWeights` adds balanced sample weights computed
    /// from each fold's training labels.
    public init(data: TrainingData, k: Int, seed: UInt64, views: Set<Preprocessor.View>, classWeights: Bool,
                control: TrainingControl) throws {
        let assignment = try StratifiedKFold.folds(labels: data.labels, k: k, seed: seed)
        let splits = StratifiedKFold.splits(folds: assignment, k: k)
        let prepared = ParallelSlots<Result<FoldPlan, Error>>.run(k) { f in
            Result { () throws -> FoldPlan in
                try control.checkCancelled()
                let split = splits[f]
                let preprocessor = try Preprocessor(fitting: data.matrix, rows: split.training)
                var made: [Preprocessor.View: (training: TrainingMatrix, validation: TrainingMatrix)] = [:]
                for view in views {
                    made[view] = (try preprocessor.transform(data.matrix, rows: split.training, view: view),
                                  try preprocessor.transform(data.matrix, rows: split.validation, view: view))
                }
                let trainingLabels = split.training.map { data.labels[$0] }
                return FoldPlan(index: f, training: split.training, validation: split.validation, preprocessor: preprocessor,
                                trainingLabels: trainingLabels, validationLabels: split.validation.map { data.labels[$0] },
                                trainingWeights: classWeights ? Self.balancedWeights(trainingLabels) : nil, views: made)
            }
        }
        self.assignment = assignment
        self.labels = data.labels
        self.folds = try prepared.map { slot in
            guard let slot else { throw TrainingError.cancelled }
            return try slot.get()
        }
    }

    /// Weights that give both classes the same total: n / (2·n_class) per row (scikit-learn's "balanced").
    public static func balancedWeights(_ labels: [Double]) -> [Double] {
        var positives = 0.0
        for y in labels where y > 0.5 { positives += 1 }
        let n = Double(labels.count)
        let negatives = n - positives
        guard positives > 0, negatives > 0 else { return [Double](repeating: 1, count: labels.count) }
        let wp = n / (2 * positives), wn = n / (2 * negatives)
        return labels.map { $0 > 0.5 ? wp : wn }
    }
}
