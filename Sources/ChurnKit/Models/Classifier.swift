import Foundation

/// A binary classifier that predicts the probability of the positive class (churn = 1).
///
/// Every model family implements this one protocol so that training, evaluation, storage and
/// explanation code never depends on a concrete family.
public protocol Classifier: Sendable {
    /// The family this model belongs to.
    var family: ModelFamily { get }

    /// Fits the model. `labels` are 0 or 1; `weights` (optional, one per row, > 0) scale each row's
    /// loss. Throws `TrainingError` for unusable input (one class, non-finite values...) and
    /// `TrainingError.cancelled` when `control` is cancelled.
    mutating func fit(_ x: TrainingMatrix, labels: [Double], weights: [Double]?, control: TrainingControl) throws

    /// The probability of class 1 for every row of `x`.
    func predictProbabilities(_ x: TrainingMatrix) -> [Double]

    /// The model's raw output (log-odds / margin) for every row, in the space explanations add up in.
    func predictMargins(_ x: TrainingMatrix) -> [Double]

    /// The fitted model in a versioned binary/JSON format (see `ModelCodec`).
    func encoded() throws -> Data
}

/// The model families churn knows.
public enum ModelFamily: String, Codable, Sendable, CaseIterable {
    case logreg, tree, forest, gbdt, svm, naiveBayes = "naive-bayes", blend
}
