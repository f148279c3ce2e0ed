@testable import ChurnKit
import XCTest

/// Fold assignments given from outside (the side-by-side benchmark's fold file) and the fixed-setting
/// family benchmark.
final class FoldBenchmarkTests: XCTestCase {
    /// Fold = row mod 3: unlike the seeded stratified folds, and easy to recompute.
    private func modThree(_ rows: Int) -> [Int] { (0..<rows).map { $0 % 3 } }

    func testTheEngineTrainsOnAGivenFoldAssignment() throws {
        let data = try TrainingTestData.data(rows: 300)
        let assignment = modThree(data.rows)
        let configuration = TrainingConfiguration(families: [.logreg, .tree], folds: 5, seed: 3, trials: 2)
        let result = try TrainingEngine.run(data, configuration: configuration, control: .none, foldAssignment: assignment)
        XCTAssertEqual(result.foldAssignment, assignment)
        XCTAssertEqual(result.configuration.folds, 3)  // k comes from the assignment, not the configuration
        for entry in result.leaderboard {
            XCTAssertEqual(entry.foldMetrics.count, 3)
            XCTAssertEqual(entry.foldMetrics.map(\.rows), [100, 100, 100])
        }
    }

    func testAnAssignmentThatDoesNotFitTheDataIsRefused() throws {
        let data = try TrainingTestData.data(rows: 300)
        let configuration = TrainingConfiguration(families: [.logreg], trials: 1)
        XCTAssertThrowsError(try TrainingEngine.run(data, configuration: configuration, control: .none,
                                                    foldAssignment: modThree(299))) { error in
            XCTAssertEqual(error as? TrainingError,
                           .shapeMismatch("the fold assignment lists 299 rows but the data has 300"))
        }
        var gap = modThree(data.rows).map { $0 == 1 ? 2 : $0 }  // fold 1 empty
        XCTAssertThrowsError(try FoldBenchmark.run(data, assignment: gap, families: [.logreg])) { error in
            XCTAssertEqual(error as? TrainingError, .shapeMismatch("fold 1 of the fold assignment has no rows"))
        }
        gap[5] = -1
        XCTAssertThrowsError(try FoldBenchmark.run(data, assignment: gap, families: [.logreg])) { error in
            XCTAssertEqual(error as? TrainingError, .shapeMismatch("row 6 is assigned to fold -1; folds are numbered 0 to 2"))
        }
    }

    /// Each fold's AUC equals that of a model fitted by hand on that fold's rows, with every feature
    /// kept (the correlated x4 and the constant `flat` included) and indicators for `gappy`.
    func testFamilyResultsAreThoseOfTheGivenFolds() throws {
        let data = try TrainingTestData.data(rows: 300)
        let assignment = modThree(data.rows)
        let results = try FoldBenchmark.run(data, assignment: assignment, families: [.logreg, .gbdt])
        XCTAssertEqual(results.map(\.family), ["logreg", "gbdt"])
        let logreg = results[0]
        XCTAssertEqual(logreg.foldAUC.count, 3)
        for f in 0..<3 {
            let training = (0..<data.rows).filter { assignment[$0] != f }
            let validation = (0..<data.rows).filter { assignment[$0] == f }
            let preprocessor = try Preprocessor(fitting: data.matrix, rows: training, screening: false)
            XCTAssertEqual(preprocessor.outputNames(.linear), ["x1", "x2", "x3", "x4", "flat", "gappy", "gappy (missing)"])
            var model = LogisticRegression(penalty: .l2, c: 1, tolerance: 1e-8, maxIterations: 1000)
            try model.fit(try preprocessor.transform(data.matrix, rows: training, view: .linear),
                          labels: training.map { data.labels[$0] }, weights: nil, control: .none)
            let p = model.predictProbabilities(try preprocessor.transform(data.matrix, rows: validation, view: .linear))
            XCTAssertEqual(logreg.foldAUC[f], Metrics.rocAUC(scores: p, labels: validation.map { data.labels[$0] }), accuracy: 1e-12)
        }
        XCTAssertEqual(logreg.rocAUC, logreg.foldAUC.reduce(0, +) / 3, accuracy: 1e-12)
        for r in results {
            XCTAssertGreaterThan(r.rocAUC, 0.75)  // the signal is strong
            XCTAssertTrue(r.brier > 0 && r.brier < 0.25)
            XCTAssertTrue(r.prAUC > 0 && r.prAUC <= 1)
            XCTAssertGreaterThan(r.fitSeconds, 0)
        }
    }

    func testScreeningCanBeTurnedOff() throws {
        let data = try TrainingTestData.data(rows: 200)
        let screened = try Preprocessor(fitting: data.matrix)
        XCTAssertEqual(screened.outputNames(.tree), ["x1", "x2", "x3", "gappy"])  // x4 correlated, flat constant
        let all = try Preprocessor(fitting: data.matrix, screening: false)
        XCTAssertEqual(all.outputNames(.tree), ["x1", "x2", "x3", "x4", "flat", "gappy"])
        XCTAssertTrue(all.dropped.isEmpty)
    }
}

/// Reading numeric feature tables back (the benchmark's input), with errors that name line and column.
final class FeatureTableReaderTests: IngestTestCase {
    func testAWrittenFeatureTableReadsBackAsTheSameRows() throws {
        let matrix = FeatureMatrix(customerIDs: ["a", "b", "c", "d"],
                                   features: [FeatureColumn(name: "spend", description: "", values: [1.5, .nan, 3, 4.25]),
                                              FeatureColumn(name: "plan=gold", description: "", values: [0, 1, 1, 0])],
                                   label: [0, 1, 0, 1], labelName: "churned", notes: [])
        let path = directory.appendingPathComponent("features.csv").path
        try FeatureTableWriter.writeCSV(matrix, to: path)
        let data = try FeatureTableReader.trainingData(load(path), minimumMinority: 1)
        XCTAssertEqual(data.matrix.names, ["spend", "plan=gold"])
        XCTAssertEqual(data.matrix.columns[0][0], 1.5)
        XCTAssertTrue(data.matrix.columns[0][1].isNaN)
        XCTAssertEqual(data.matrix.columns[0][3], 4.25)
        XCTAssertEqual(data.matrix.columns[1], [0, 1, 1, 0])
        XCTAssertEqual(data.labels, [0, 1, 0, 1])
        XCTAssertEqual(data.customerIDs, ["a", "b", "c", "d"])
    }

    private func readError(_ text: String, label: String = "churned") throws -> String? {
        let path = try write("t.csv", text)
        do {
            _ = try FeatureTableReader.trainingData(try DataLoader.load(path: path, options: IngestOptions(shape: .customerTable)),
                                                    label: label, minimumMinority: 1)
            XCTFail("expected an error")
            return nil
        } catch let e as UserFacingError {
            return e.message
        }
    }

    func testATextCellInAFeatureColumnNamesItsLineAndColumn() throws {
        let message = try readError("customer_id,spend,visits,churned\na,1,2,0\nb,2,3,1\nc,x3,4,0\nd,x4,5,1\n")
        XCTAssertTrue(message?.contains("t.csv line 4, column \"spend\": \"x3\" is not a number") ?? false, message ?? "")
    }

    func testALabelOtherThanZeroOrOneNamesItsLine() throws {
        // A third value is caught by the loader's own outcome check, also with line and column.
        let message = try readError("customer_id,spend,churned\na,1,0\nb,2,1\nc,3,2\nd,4,1\n")
        XCTAssertTrue(message?.contains("t.csv line 4, column \"churned\"") ?? false, message ?? "")
        let blank = try readError("customer_id,spend,churned\na,1,0\nb,2,1\nc,3,\nd,4,1\n")
        XCTAssertTrue(blank?.contains("line 4, column \"churned\": a blank is not a label") ?? false, blank ?? "")
    }

    /// Type inference may keep a 0/1 column as categories (it did for `num_products=1` of the
    /// subscription feature table): the levels are read as numbers.
    func testNumbersStoredAsCategoriesAreReadAsNumbers() throws {
        let column = DataColumn(name: "num_products=1", kind: .categorical, values: .strings(codes: [1, 0, -1, 1], levels: ["0", "1"]))
        let values = try FeatureTableReader.numbers(column, source: "f.csv")
        XCTAssertEqual(values[0], 1); XCTAssertEqual(values[1], 0); XCTAssertTrue(values[2].isNaN); XCTAssertEqual(values[3], 1)
        let label = DataColumn(name: "churned", kind: .categorical, values: .strings(codes: [1, 0, 1], levels: ["0", "1"]))
        XCTAssertEqual(try FeatureTableReader.labelValues(label, source: "f.csv"), [1, 0, 1])
        let text = DataColumn(name: "plan", kind: .categorical, values: .strings(codes: [0, 1, 0], levels: ["2.5", "gold"]))
        XCTAssertThrowsError(try FeatureTableReader.numbers(text, source: "f.csv")) { error in
            XCTAssertEqual((error as? FeatureError)?.message.hasPrefix("f.csv line 3, column \"plan\": \"gold\" is not a number"), true)
        }
        XCTAssertThrowsError(try FeatureTableReader.labelValues(text, source: "f.csv")) { error in
            XCTAssertEqual((error as? FeatureError)?.message, "f.csv line 2, column \"plan\": \"2.5\" is not a label; expected 1 (churned) or 0 (retained) on every row")
        }
    }

    func testAMissingLabelColumnListsTheColumns() throws {
        let message = try readError("customer_id,spend,target\na,1,0\nb,2,1\n")
        XCTAssertEqual(message?.hasSuffix("no label column \"churned\"; the columns are \"customer_id\", \"spend\", \"target\". Name it with --label."), true,
                       message ?? "")
    }
}
