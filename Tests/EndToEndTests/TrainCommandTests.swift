import Foundation
import XCTest

/// `churn train`, `churn models` and `churn score` run as a user runs them.
final class TrainCommandTests: XCTestCase {
    private var temp: URL!
    private var subscription: String { TestPaths.packageRoot.appendingPathComponent("sample-data/subscription.csv").path }

    override func setUpWithError() throws {
        temp = FileManager.default.temporaryDirectory.appendingPathComponent("churn-train-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: temp, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: temp) }

    private func churn(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        try ChurnProcess.run(arguments, in: temp)
    }

    func testTrainWithSMOTEReportsIt() throws {
        let db = temp.appendingPathComponent("w.sqlite").path
        let train = try churn(["train", subscription, "--models", "logreg", "--trials", "1", "--folds", "3",
                               "--imbalance", "smote", "--json", "--db", db])
        XCTAssertEqual(train.status, 0, train.err)
        let doc = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(train.out.utf8)) as? [String: Any], "stdout must be only JSON:\n\(train.out)")
        XCTAssertEqual(doc["classWeighting"] as? String, "smote")
        let notes = try XCTUnwrap(doc["notes"] as? [String])
        XCTAssertTrue(notes.contains { $0.hasPrefix("SMOTE added") }, "\(notes)")
        let bad = try churn(["train", subscription, "--imbalance", "sometimes", "--db", db])
        XCTAssertEqual(bad.status, 64)
        XCTAssertTrue(bad.err.contains("--imbalance sometimes: expected auto, weights, smote or none"), bad.err)
    }

    func testTrainListScoreRoundTrip() throws {
        let db = temp.appendingPathComponent("w.sqlite").path
        // A reduced search keeps the debug-build test quick; the CLI path is the same as the default run.
        let train = try churn(["train", subscription, "--db", db, "--json", "--trials", "2", "--models", "logreg,gbdt,naive-bayes"])
        XCTAssertEqual(train.status, 0, train.err)
        let doc = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(train.out.utf8)) as? [String: Any], "stdout must be only JSON:\n\(train.out)")
        XCTAssertEqual(doc["modelVersion"] as? Int, 1)
        let board = try XCTUnwrap(doc["leaderboard"] as? [[String: Any]])
        XCTAssertEqual(Set(board.compactMap { $0["name"] as? String }), ["logreg", "gbdt", "naive-bayes", "blend"])
        let champion = try XCTUnwrap(board.first { $0["champion"] as? Bool == true })
        XCTAssertEqual(champion["name"] as? String, doc["champion"] as? String)
        let metrics = try XCTUnwrap(champion["metrics"] as? [String: [String: Any]])
        for name in ["auc", "pr_auc", "f1", "recall", "precision", "accuracy", "log_loss", "brier", "ks", "business_value"] {
            XCTAssertNotNil(metrics[name]?["mean"] as? Double, name)
            XCTAssertNotNil(metrics[name]?["std"] as? Double, name)
        }
        XCTAssertGreaterThan(try XCTUnwrap(metrics["auc"]?["mean"] as? Double), 0.75)
        XCTAssertTrue(train.err.contains("%"), "progress goes to stderr:\n\(train.err)")

        let models = try churn(["models", "--db", db])
        XCTAssertEqual(models.status, 0, models.err)
        XCTAssertTrue(models.out.contains("* 1"), models.out)
        XCTAssertTrue(models.out.contains(champion["name"] as? String ?? "?"), models.out)

        let out = temp.appendingPathComponent("scores.csv").path
        for _ in 0..<2 {
            let score = try churn(["score", subscription, "--db", db, "--out", out])
            XCTAssertEqual(score.status, 0, score.err)
        }
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.first, "customer_id,churn_probability,tier")
        XCTAssertEqual(lines.count, 7001)
        let ids = Set(lines.dropFirst().map { $0.split(separator: ",")[0] })
        XCTAssertEqual(ids.count, 7000)
        for line in lines.dropFirst() {
            let parts = line.split(separator: ",")
            let p = try XCTUnwrap(Double(parts[1]))
            let expected = p > 0.7 ? "high" : p >= 0.4 ? "medium" : p >= 0.2 ? "low" : "safe"
            XCTAssertEqual(String(parts[2]), expected, line.description)
        }
    }

    func testUnknownModelSuggestsAndExits64() throws {
        let r = try churn(["train", subscription, "--models", "logreg,gbdtt", "--db", temp.appendingPathComponent("w.sqlite").path])
        XCTAssertEqual(r.status, 64)
        XCTAssertTrue(r.err.contains("did you mean 'gbdt'"), r.err)
    }

    func testScoreWithoutModelsSaysToTrainFirst() throws {
        let r = try churn(["score", subscription, "--out", temp.appendingPathComponent("s.csv").path,
                           "--db", temp.appendingPathComponent("w.sqlite").path])
        XCTAssertEqual(r.status, 64)
        XCTAssertTrue(r.err.contains("churn train"), r.err)
    }
}
