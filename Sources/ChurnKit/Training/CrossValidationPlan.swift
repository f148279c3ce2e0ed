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
    /// Labels of the rows the models train on: `training` in order, then `syntheticRows` SMOTE rows.
    public var trainingLabels: [Double]
    /// SMOTE rows appended after the `training` rows in the training matrices (0 without SMOTE).
    public var syntheticRows: Int
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
    /// from each fold's training labels. `smote` over-samples the rarer class of each fold's training rows
    /// (stream `2000 + fold` of `seed`) after the preprocessing is fitted on the original training rows;
    /// validation rows are never touched. `assignment`, when given, is used instead of drawing folds
    /// (the fold of every row, 0..<k, as read from a fold file); it must have one entry per row and
    /// leave no fold empty.
    public init(data: TrainingData, k: Int, seed: UInt64, views: Set<Preprocessor.View>, classWeights: Bool,
                smote: SMOTE? = nil, assignment given: [Int]? = nil, control: TrainingControl) throws {
        let assignment: [Int]
        if let given {
            try Self.check(given, rows: data.rows, k: k)
            assignment = given
        } else {
            assignment = try StratifiedKFold.folds(labels: data.labels, k: k, seed: seed)
        }
        let splits = StratifiedKFold.splits(folds: assignment, k: k)
        let prepared = ParallelSlots<Result<FoldPlan, Error>>.run(k) { f in
            Result { () throws -> FoldPlan in
                try control.checkCancelled()
                let split = splits[f]
                let preprocessor = try Preprocessor(fitting: data.matrix, rows: split.training)
                var made: [Preprocessor.View: (training: TrainingMatrix, validation: TrainingMatrix)] = [:]
                var trainingLabels = split.training.map { data.labels[$0] }
                var synthetic = 0
                var oversampled: SMOTE.Output?
                if let smote {
                    var random = SeededRandom(seed: seed, stream: Self.smoteStream(fold: f))
                    let out = try smote.oversample(data.matrix, labels: data.labels, rows: split.training, random: &random)
                    trainingLabels = out.labels
                    synthetic = out.syntheticCount
                    oversampled = out
                }
                for view in views {
                    let training = try oversampled.map { try preprocessor.transform($0.matrix, view: view) }
                        ?? preprocessor.transform(data.matrix, rows: split.training, view: view)
                    made[view] = (training, try preprocessor.transform(data.matrix, rows: split.validation, view: view))
                }
                return FoldPlan(index: f, training: split.training, validation: split.validation, preprocessor: preprocessor,
                                trainingLabels: trainingLabels, syntheticRows: synthetic,
                                validationLabels: split.validation.map { data.labels[$0] },
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

    /// Checks a given fold assignment: one fold in 0..<k per row, every fold with at least one row.
    /// Throws `FoldError.tooFewFolds` or `TrainingError.shapeMismatch` saying what is wrong.
    static func check(_ assignment: [Int], rows: Int, k: Int) throws {
        guard k >= 2 else { throw FoldError.tooFewFolds(k) }
        guard assignment.count == rows else {
            throw TrainingError.shapeMismatch("the fold assignment lists \(assignment.count) rows but the data has \(rows)")
        }
        var counts = [Int](repeating: 0, count: k)
        for (row, f) in assignment.enumerated() {
            guard f >= 0 && f < k else {
                throw TrainingError.shapeMismatch("row \(row + 1) is assigned to fold \(f); folds are numbered 0 to \(k - 1)")
            }
            counts[f] += 1
        }
        if let empty = counts.firstIndex(of: 0) {
            throw TrainingError.shapeMismatch("fold \(empty) of the fold assignment has no rows")
        }
    }

    /// The random stream of fold `fold`'s SMOTE rows.
    static func smoteStream(fold: Int) -> UInt64 { 2000 + UInt64(fold) }
    /// The random stream of the final refit's SMOTE rows.
    static let refitSMOTEStream: UInt64 = 2999

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
