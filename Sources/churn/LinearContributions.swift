import ChurnKit
import Foundation

/// Exact per-customer contributions for a champion that is a single logistic regression: in log-odds,
/// coefficient × standardized value (missing values sit at the training mean and contribute 0), so the
/// contributions of a customer sum to its margin minus the margin of the average customer.
///
/// A stop-gap for driver segments on the command line until TreeSHAP explanations are stored with
/// the scores; other champions (trees, blends) return nil.
enum LinearContributions {
    /// Feature names (after preprocessing) and one row of contributions per customer, or nil when the
    /// model is not a single logistic regression.
    static func compute(model: TrainedModel, features: FeatureMatrix) throws -> (names: [String], rows: [[Double]])? {
        guard model.members.count == 1, let member = model.members.first, let logistic = member.model as? LogisticRegression else {
            return nil
        }
        let x = TrainingMatrix(names: features.features.map(\.name), columns: features.features.map(\.values))
        let input = try member.preprocessor.transform(x, view: member.view)
        let coefficients = logistic.coefficientsPerStd
        let means = logistic.standardizer.means, scales = logistic.standardizer.scales
        guard coefficients.count == input.featureCount, means.count == input.featureCount, scales.count == input.featureCount else {
            return nil
        }
        var rows = [[Double]](repeating: [Double](repeating: 0, count: input.featureCount), count: input.rows)
        for j in 0..<input.featureCount where coefficients[j] != 0 && scales[j] > 0 {
            let column = input.columns[j]
            let factor = coefficients[j] / scales[j]
            for i in 0..<input.rows where !column[i].isNaN {
                rows[i][j] = factor * (column[i] - means[j])
            }
        }
        return (input.names, rows)
    }
}
