import XCTest
@testable import ChurnKit

/// GaussianNaiveBayes against scikit-learn's GaussianNB (Tests/Fixtures/sklearn_svm_nb_calibration.json)
/// and its missing-value, persistence and bad-input behaviour.
final class NaiveBayesTests: XCTestCase {
    var matrix = TrainingMatrix(names: [], columns: [])
    var labels: [Double] = []
    var weights: [Double] = []
    var fits: [String: Any] = [:]

    override func setUpWithError() throws {
        let csv = try FixtureFiles.numericCSV("logistic_data.csv")
        matrix = TrainingMatrix(names: Array(csv.names.prefix(5)), columns: Array(csv.columns.prefix(5)))
        labels = csv.columns[5]
        weights = csv.columns[6]
        fits = try FixtureFiles.json("sklearn_svm_nb_calibration.json").object("naiveBayes")
    }

    private func check(_ key: String, _ model: GaussianNaiveBayes, weighted: Bool = false,
                       file: StaticString = #filePath, line: UInt = #line) throws {
        let expected = try fits.object(key)
        var model = model
        try model.fit(matrix, labels: labels, weights: weighted ? weights : nil, control: .none)
        assertClose(model.predictProbabilities(matrix), try expected.numbers("probabilities"), accuracy: 1e-9, "\(key) probabilities", file: file, line: line)
        let means = try XCTUnwrap(expected["means"] as? [[Double]])
        let variances = try XCTUnwrap(expected["variances"] as? [[Double]])
        for c in 0..<2 {
            assertClose(model.means[c], means[c], accuracy: 1e-9, "\(key) means", file: file, line: line)
            for j in 0..<5 { XCTAssertEqual(model.variances[c][j], variances[c][j], accuracy: variances[c][j] * 1e-10, key, file: file, line: line) }
        }
        XCTAssertEqual(model.epsilon, try expected.number("epsilon"), accuracy: 1e-15, key, file: file, line: line)
        assertClose(model.classPriors, try expected.numbers("priors"), accuracy: 1e-12, "\(key) priors", file: file, line: line)
    }

    func testMatchesGaussianNB() throws {
        try check("plain", GaussianNaiveBayes())
    }

    func testSampleWeightsMatch() throws {
        try check("weighted", GaussianNaiveBayes(), weighted: true)
    }

    func testBalancedMatchesEqualPriors() throws {
        try check("equal_priors", GaussianNaiveBayes(classWeight: .balanced))
    }

    func testVarianceSmoothingMatches() throws {
        try check("smoothing", GaussianNaiveBayes(varianceSmoothing: 0.05))
    }

    /// A missing feature adds nothing to the log-odds: the margin equals the one computed by hand
    /// without that feature's term; and fitting ignores missing values in the statistics.
    func testMissingValuesAreIgnored() throws {
        var x = matrix
        x.columns[2][0] = .nan
        x.columns[2][1] = .nan
        var model = GaussianNaiveBayes()
        try model.fit(x, labels: labels, weights: nil, control: .none)
        // Class means of feature 2 over present values only.
        for c in 0..<2 {
            let rows = (2..<x.rows).filter { (labels[$0] > 0.5 ? 1 : 0) == c }
            let mean = rows.map { x.columns[2][$0] }.reduce(0, +) / Double(rows.count)
            XCTAssertEqual(model.means[c][2], mean, accuracy: 1e-12)
        }
        // Row 0 by hand: log prior ratio plus the Gaussian log-density ratio of every present feature.
        var expected = log(model.classPriors[1] / model.classPriors[0])
        for j in 0..<5 where j != 2 {
            let v = x.columns[j][0]
            func logDensity(_ c: Int) -> Double {
                let variance = model.variances[c][j], e = v - model.means[c][j]
                return -0.5 * log(2 * .pi * variance) - 0.5 * e * e / variance
            }
            expected += logDensity(1) - logDensity(0)
        }
        XCTAssertEqual(model.predictMargins(x)[0], expected, accuracy: 1e-10)
        XCTAssertEqual(model.predictProbabilities(x)[0], 1 / (1 + exp(-expected)), accuracy: 1e-12)
    }

    func testFeatureMissingInOneClassIsNotUsed() throws {
        let x = TrainingMatrix(names: ["a", "b"], columns: [[1, 2, 3, 4, 5, 6], [.nan, .nan, .nan, 1, 2, 3]])
        let y: [Double] = [0, 0, 0, 1, 1, 1]
        var model = GaussianNaiveBayes()
        try model.fit(x, labels: y, weights: nil, control: .none)
        XCTAssertEqual(model.usedFeatures, [true, false])
        let alone = TrainingMatrix(names: ["a"], columns: [[1, 2, 3, 4, 5, 6]])
        var reference = GaussianNaiveBayes()
        try reference.fit(alone, labels: y, weights: nil, control: .none)
        // Only epsilon differs (it uses the largest variance over both features): compare with a tolerance.
        assertClose(model.predictProbabilities(x), reference.predictProbabilities(alone), accuracy: 1e-6, "feature b ignored")
    }

    func testEncodeDecodeGivesIdenticalPredictions() throws {
        var model = GaussianNaiveBayes(classWeight: .balanced)
        try model.fit(matrix, labels: labels, weights: weights, control: .none)
        let decoded = try GaussianNaiveBayes.decode(model.encoded())
        XCTAssertEqual(decoded.predictProbabilities(matrix), model.predictProbabilities(matrix))
        XCTAssertEqual(decoded.predictMargins(matrix), model.predictMargins(matrix))
        XCTAssertEqual(decoded.classWeight, .balanced)
        XCTAssertEqual(decoded.featureNames, matrix.names)
        XCTAssertTrue(decoded.isFitted)
        XCTAssertEqual(decoded.family, .naiveBayes)
        let text = try XCTUnwrap(String(data: try model.encoded(), encoding: .utf8))
        let newer = Data(text.replacingOccurrences(of: "\"formatVersion\":1", with: "\"formatVersion\":7").utf8)
        XCTAssertThrowsError(try GaussianNaiveBayes.decode(newer)) {
            XCTAssertTrue(($0 as? TrainingError)?.message.contains("format version 7") ?? false, "\($0)")
        }
    }

    func testBadInputGivesClearErrors() {
        var model = GaussianNaiveBayes()
        let constant = TrainingMatrix(names: ["a"], columns: [[2, 2, 2, 2]])
        XCTAssertThrowsError(try model.fit(constant, labels: [0, 1, 0, 1], weights: nil, control: .none)) {
            XCTAssertEqual($0 as? TrainingError, .allFeaturesConstant)
        }
        let x = TrainingMatrix(names: ["a"], columns: [[1, 2, 3, 4]])
        XCTAssertThrowsError(try model.fit(x, labels: [0, 0, 0, 0], weights: nil, control: .none)) {
            XCTAssertEqual($0 as? TrainingError, .oneClass(label: 0))
        }
        XCTAssertThrowsError(try model.fit(x, labels: [0, 1, 0, 1], weights: [1, 1, -1, 1], control: .none)) {
            XCTAssertTrue(($0 as? TrainingError)?.message.contains("weight of row 3") ?? false)
        }
        var negative = GaussianNaiveBayes(varianceSmoothing: -1)
        XCTAssertThrowsError(try negative.fit(x, labels: [0, 1, 0, 1], weights: nil, control: .none))
        XCTAssertFalse(model.isFitted)
    }
}
