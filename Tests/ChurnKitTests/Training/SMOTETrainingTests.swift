@testable import ChurnKit
import XCTest

/// SMOTE inside training: only training folds grow, validation folds and out-of-fold predictions stay
/// exactly the original rows, and a run says it used SMOTE.
final class SMOTETrainingTests: XCTestCase {
    func testOnlyTrainingFoldsAreOversampled() throws {
        let data = try TrainingTestData.data()
        let plan = try CrossValidationPlan(data: data, k: 4, seed: 3, views: [.linear, .tree], classWeights: false,
                                           smote: SMOTE(), control: .none)
        var validated: [Int] = []
        for fold in plan.folds {
            let positives = fold.training.filter { data.labels[$0] == 1 }.count
            let negatives = fold.training.count - positives
            // Known answer: the rarer class (churners, about a quarter) grows to the other's size.
            XCTAssertLessThan(positives, negatives)
            XCTAssertEqual(fold.syntheticRows, negatives - positives)
            XCTAssertEqual(fold.trainingLabels.count, fold.training.count + fold.syntheticRows)
            XCTAssertEqual(fold.trainingLabels.filter { $0 == 1 }.count, negatives)
            XCTAssertNil(fold.trainingWeights)
            // The preprocessing statistics come from the original training rows only.
            XCTAssertEqual(fold.preprocessor.fittedRows, fold.training.count)
            for view in [Preprocessor.View.linear, .tree] {
                let (training, validation) = fold.matrices(view)
                XCTAssertEqual(training.rows, fold.training.count + fold.syntheticRows)
                XCTAssertEqual(validation.rows, fold.validation.count)
                // Validation rows are the original rows, untouched.
                let expected = try fold.preprocessor.transform(data.matrix, rows: fold.validation, view: view)
                XCTAssertEqual(validation.columns.map { $0.map { $0.isNaN ? -999 : $0 } },
                               expected.columns.map { $0.map { $0.isNaN ? -999 : $0 } })
            }
            XCTAssertEqual(fold.validationLabels, fold.validation.map { data.labels[$0] })
            validated += fold.validation
        }
        XCTAssertEqual(validated.sorted(), Array(0..<data.rows))
        // Same seed, same synthetic rows.
        let again = try CrossValidationPlan(data: data, k: 4, seed: 3, views: [.tree], classWeights: false,
                                            smote: SMOTE(), control: .none)
        for (a, b) in zip(plan.folds, again.folds) {
            XCTAssertEqual(a.matrices(.tree).training.columns.map { $0.map { $0.isNaN ? -999 : $0 } },
                           b.matrices(.tree).training.columns.map { $0.map { $0.isNaN ? -999 : $0 } })
        }
    }

    func testRunWithSMOTEReportsItAndScoresExactlyTheOriginalRows() throws {
        let data = try TrainingTestData.data()
        let config = TrainingConfiguration(families: [.logreg, .tree], folds: 3, seed: 5, trials: 1, imbalance: .smote)
        let result = try TrainingEngine.run(data, configuration: config, control: .none)
        XCTAssertEqual(result.classWeighting, .smote)
        XCTAssertTrue(result.notes.contains { $0.hasPrefix("SMOTE over-sampling") }, "\(result.notes)")
        XCTAssertTrue(result.notes.contains { $0.hasPrefix("SMOTE added") }, "\(result.notes)")
        for entry in result.leaderboard {
            XCTAssertEqual(entry.outOfFold.count, data.rows)
            XCTAssertFalse(entry.outOfFold.contains { $0.isNaN })
        }
        XCTAssertEqual(try result.model.probabilities(data.matrix).count, data.rows)
        let again = try TrainingEngine.run(data, configuration: config, control: .none)
        XCTAssertEqual(result.leaderboard.map(\.outOfFold), again.leaderboard.map(\.outOfFold))
        XCTAssertEqual(try result.model.probabilities(data.matrix), try again.model.probabilities(data.matrix))
    }

    func testAutomaticKeepsClassWeightsUnderThirtyPercent() {
        XCTAssertEqual(TrainingEngine.resolvedImbalance(.automatic, minorityShare: 0.29), .classWeights)
        XCTAssertEqual(TrainingEngine.resolvedImbalance(.automatic, minorityShare: 0.3), ImbalanceHandling.none)
        XCTAssertEqual(TrainingEngine.resolvedImbalance(.smote, minorityShare: 0.1), .smote)
        XCTAssertEqual(TrainingConfiguration().imbalance, .automatic)
    }
}
