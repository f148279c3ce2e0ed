@testable import ChurnKit
import XCTest

final class PreprocessorTests: XCTestCase {
    func testDropsConstantAndCorrelatedAndAddsIndicators() throws {
        let t = TrainingTestData.table()
        let p = try Preprocessor(fitting: t.matrix)
        XCTAssertEqual(p.kept.map { t.matrix.names[$0] }, ["x1", "x2", "x3", "gappy"])
        XCTAssertEqual(Set(p.dropped.map(\.name)), ["x4", "flat"])
        XCTAssertTrue(p.dropped.first { $0.name == "x4" }!.reason.contains("'x1'"))
        XCTAssertEqual(p.outputNames(.linear), ["x1", "x2", "x3", "gappy", "gappy (missing)"])
        XCTAssertEqual(p.outputNames(.tree), ["x1", "x2", "x3", "gappy"])
    }

    func testImputesWithTrainingMeanAndMarksMissing() throws {
        let x = TrainingMatrix(names: ["a", "b"], columns: [[1, .nan, 3, 5], [0, 1, 0, 1]])
        let p = try Preprocessor(fitting: x)
        XCTAssertEqual(p.means[0], 3, accuracy: 1e-12)  // (1 + 3 + 5) / 3, by hand
        let linear = try p.transform(x, view: .linear)
        XCTAssertEqual(linear.columns[0], [1, 3, 3, 5])
        XCTAssertEqual(linear.columns[2], [0, 1, 0, 0])
        let tree = try p.transform(x, view: .tree)
        XCTAssertTrue(tree.columns[0][1].isNaN)
    }

    func testNearConstantFeatureIsDropped() throws {
        var values = [Double](repeating: 0, count: 1000)
        values[0] = 1  // 99.9% share one value
        let x = TrainingMatrix(names: ["rare", "ok"], columns: [values, (0..<1000).map { Double($0 % 7) }])
        let p = try Preprocessor(fitting: x)
        XCTAssertEqual(p.dropped.map(\.name), ["rare"])
    }

    func testAllConstantFeaturesThrow() {
        let x = TrainingMatrix(names: ["a", "b"], columns: [[1, 1, 1], [2, 2, 2]])
        XCTAssertThrowsError(try Preprocessor(fitting: x)) { XCTAssertEqual($0 as? TrainingError, .allFeaturesConstant) }
    }

    func testScoringMatchesFeaturesByNameAndNamesAMissingOne() throws {
        let x = TrainingMatrix(names: ["a", "b"], columns: [[1, 2, 3, 4], [4, 1, 3, 0]])
        let p = try Preprocessor(fitting: x)
        let swapped = TrainingMatrix(names: ["b", "a"], columns: [[4, 1, 3, 0], [1, 2, 3, 4]])
        XCTAssertEqual(try p.transform(swapped, view: .tree).columns, try p.transform(x, view: .tree).columns)
        let missing = TrainingMatrix(names: ["a"], columns: [[1, 2]])
        XCTAssertThrowsError(try p.transform(missing, view: .tree)) { error in
            XCTAssertTrue((error as? UserFacingError)?.message.contains("'b'") ?? false)
        }
    }

    /// Catches a statistic computed from a validation fold: the validation rows of every fold are given
    /// extreme values, so any statistic that saw them would differ from one computed on training rows.
    func testFoldPreprocessingSeesTrainingRowsOnly() throws {
        let t = TrainingTestData.table(rows: 300)
        let folds = try StratifiedKFold.folds(labels: t.labels, k: 5, seed: 3)
        // Make fold 0's validation rows extreme in x3 and in the gap pattern of `gappy`.
        var columns = t.matrix.columns
        for r in 0..<t.matrix.rows where folds[r] == 0 { columns[2][r] = 1e6; columns[5][r] = .nan }
        let data = try TrainingData(matrix: TrainingMatrix(names: t.matrix.names, columns: columns), labels: t.labels)
        let plan = try CrossValidationPlan(data: data, k: 5, seed: 3, views: [.linear], classWeights: true, control: .none)
        XCTAssertEqual(plan.assignment, folds)
        for fold in plan.folds {
            let expected = try Preprocessor(fitting: data.matrix, rows: fold.training)
            XCTAssertEqual(fold.preprocessor, expected)
            XCTAssertEqual(fold.preprocessor.fittedRows, fold.training.count)
            let trainingMean = fold.training.map { data.matrix.columns[2][$0] }.reduce(0, +) / Double(fold.training.count)
            let k3 = try XCTUnwrap(fold.preprocessor.kept.firstIndex(of: 2))
            XCTAssertEqual(fold.preprocessor.means[k3], trainingMean, accuracy: 1e-9)
            if fold.index == 0 { XCTAssertLessThan(abs(fold.preprocessor.means[k3]), 1) }  // never saw 1e6
            // Class weights come from the training labels only.
            let w = try XCTUnwrap(fold.trainingWeights)
            XCTAssertEqual(w, CrossValidationPlan.balancedWeights(fold.trainingLabels))
        }
        let all = try Preprocessor(fitting: data.matrix)
        XCTAssertNotEqual(plan.folds[0].preprocessor.means, all.means)
    }
}
