import XCTest
@testable import ChurnKit

/// StratifiedKFold: balance, coverage and reproducibility properties, errors and the fold file.
final class StratifiedKFoldTests: XCTestCase {
    static func labels(rows: Int, positives: Int, seed: UInt64) -> [Double] {
        var y = [Double](repeating: 0, count: rows)
        for i in 0..<positives { y[i] = 1 }
        var random = SeededRandom(seed: seed)
        random.shuffle(&y)
        return y
    }

    func testFoldsAreStratifiedCompleteAndBalanced() throws {
        for (rows, positives, k) in [(100, 13, 5), (1000, 97, 10), (37, 12, 3), (10, 5, 5), (523, 260, 2), (64, 7, 7)] {
            let y = Self.labels(rows: rows, positives: positives, seed: UInt64(rows))
            let folds = try StratifiedKFold.folds(labels: y, k: k, seed: 42)
            XCTAssertEqual(folds.count, rows)
            XCTAssertTrue(folds.allSatisfy { (0..<k).contains($0) })
            let negatives = rows - positives
            var sizes = [Int](repeating: 0, count: k), pos = [Int](repeating: 0, count: k)
            for i in 0..<rows { sizes[folds[i]] += 1; if y[i] == 1 { pos[folds[i]] += 1 } }
            for f in 0..<k {
                XCTAssertTrue([positives / k, (positives + k - 1) / k].contains(pos[f]), "positives \(pos) for \(positives)/\(k)")
                let neg = sizes[f] - pos[f]
                XCTAssertTrue([negatives / k, (negatives + k - 1) / k].contains(neg), "negatives in fold \(f)")
                // The fold's positive count is within one example of its share of the overall rate.
                XCTAssertLessThanOrEqual(abs(Double(pos[f]) - Double(sizes[f]) * Double(positives) / Double(rows)), 1.0 + 1e-9)
            }
            XCTAssertLessThanOrEqual(sizes.max()! - sizes.min()!, 1, "\(sizes)")
            // Every row in exactly one validation fold, and the training lists are the complements.
            let splits = StratifiedKFold.splits(folds: folds, k: k)
            XCTAssertEqual(splits.flatMap(\.validation).sorted(), Array(0..<rows))
            for (f, split) in splits.enumerated() {
                XCTAssertEqual(split.validation, StratifiedKFold.validationIndices(folds: folds, fold: f))
                XCTAssertEqual(split.training, StratifiedKFold.trainingIndices(folds: folds, fold: f))
                XCTAssertEqual(Set(split.training).union(split.validation).count, rows)
                XCTAssertTrue(Set(split.training).isDisjoint(with: split.validation))
            }
        }
    }

    func testSameSeedSameFoldsOtherSeedOtherFolds() throws {
        let y = Self.labels(rows: 200, positives: 40, seed: 1)
        let a = try StratifiedKFold.folds(labels: y, k: 5, seed: 11)
        XCTAssertEqual(a, try StratifiedKFold.folds(labels: y, k: 5, seed: 11))
        XCTAssertNotEqual(a, try StratifiedKFold.folds(labels: y, k: 5, seed: 12))
    }

    /// Known answer: with two rows per class and k = 2, each fold gets one of each class.
    func testSmallestCaseByHand() throws {
        let folds = try StratifiedKFold.folds(labels: [0, 1, 0, 1], k: 2, seed: 0)
        XCTAssertNotEqual(folds[0], folds[2])
        XCTAssertNotEqual(folds[1], folds[3])
        XCTAssertEqual(Set(folds), [0, 1])
    }

    func testErrors() {
        XCTAssertThrowsError(try StratifiedKFold.folds(labels: [0, 1, 0, 1], k: 1, seed: 0)) {
            XCTAssertEqual($0 as? FoldError, .tooFewFolds(1))
            XCTAssertTrue(($0 as? UserFacingError)?.message.contains("at least 2 folds") ?? false)
        }
        let y = Self.labels(rows: 50, positives: 3, seed: 2)
        XCTAssertThrowsError(try StratifiedKFold.folds(labels: y, k: 5, seed: 0)) {
            XCTAssertEqual($0 as? TrainingError, .tooFewMinority(count: 3, needed: 5))
        }
        XCTAssertThrowsError(try StratifiedKFold.folds(labels: [1, 1, 1], k: 2, seed: 0)) {
            XCTAssertEqual($0 as? TrainingError, .oneClass(label: 1))
        }
    }

    func testFoldFileRoundTrip() throws {
        let y = Self.labels(rows: 30, positives: 10, seed: 3)
        let folds = try StratifiedKFold.folds(labels: y, k: 3, seed: 5)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("folds-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        try StratifiedKFold.write(folds: folds, to: url)
        let text = try String(contentsOf: url, encoding: .utf8)
        XCTAssertTrue(text.hasPrefix("row,fold\n0,\(folds[0])\n1,\(folds[1])\n"))
        let read = try StratifiedKFold.read(from: url, expectedRows: 30)
        XCTAssertEqual(read.folds, folds)
        XCTAssertEqual(read.k, 3)
        // Rows in another order and CRLF line ends are accepted.
        let shuffled = "row,fold\r\n2,1\r\n0,0\r\n1,1\r\n3,0\r\n"
        XCTAssertEqual(try StratifiedKFold.parse(shuffled, path: "f.csv").folds, [0, 1, 1, 0])
    }

    func testBadFoldFilesNameLineAndField() {
        func problem(_ text: String, expectedRows: Int? = nil) -> FoldError? {
            do { _ = try StratifiedKFold.parse(text, path: "folds.csv", expectedRows: expectedRows); return nil } catch {
                return error as? FoldError
            }
        }
        guard case .badFile(_, 1, "header", _)? = problem("id,fold\n0,1\n") else { return XCTFail("header") }
        guard case .badFile(_, 3, "fold", let message)? = problem("row,fold\n0,0\n1,x\n") else { return XCTFail("fold") }
        XCTAssertTrue(message.contains("\"x\""))
        guard case .badFile(_, 3, "row", _)? = problem("row,fold\n0,0\n0,1\n") else { return XCTFail("duplicate") }
        guard case .badFile(_, 3, "row", _)? = problem("row,fold\n0,0\n5,1\n") else { return XCTFail("gap") }
        guard case .badFile(_, 2, "row,fold", _)? = problem("row,fold\n0,0,1\n") else { return XCTFail("fields") }
        guard case .badFile(_, _, "row", _)? = problem("row,fold\n0,0\n1,1\n", expectedRows: 3) else { return XCTFail("count") }
        guard case .badFile(_, _, "fold", _)? = problem("row,fold\n0,0\n1,2\n") else { return XCTFail("empty fold") }
        XCTAssertEqual(problem("row,fold\n0,0\n1,0\n"), .tooFewFolds(1))
        XCTAssertEqual(FoldError.badFile(path: "folds.csv", line: 3, field: "fold", problem: "bad").message, "folds.csv line 3, field \"fold\": bad")
    }
}
