import Foundation
import ChurnKit
import GRDB
import XCTest

/// `churn explain` and `churn whatif` run as a user runs them, and the top factors `churn score` stores,
/// on a workspace trained (logreg, 1 trial, 3 folds) and scored once from sample-data/subscription.csv.
final class ExplainCommandTests: TrainedWorkspaceTestCase {
    override class var workspacePrefix: String { "churn-explain" }

    func testExplainContributionsAddUpToTheMargin() throws {
        let run = try churn("explain", "S00001", "--db", db, "--json")
        XCTAssertEqual(run.status, 0, run.err)
        let report = try json(run.out)
        XCTAssertEqual(report["customerID"] as? String, "S00001")
        let expected = try XCTUnwrap(report["expectedValue"] as? Double)
        let sum = try XCTUnwrap(report["contributionSum"] as? Double)
        let margin = try XCTUnwrap(report["margin"] as? Double)
        XCTAssertEqual(expected + sum, margin, accuracy: 1e-6)
        XCTAssertNotEqual(sum, 0)
        XCTAssertTrue((report["marginSpace"] as? String)?.contains("before calibration") ?? false)
        // The probability is the stored (calibrated) score, and the tier follows the default boundaries.
        let p = try XCTUnwrap(report["probability"] as? Double)
        let tier = try XCTUnwrap(report["tier"] as? String)
        XCTAssertEqual(tier, p > 0.7 ? "high" : p >= 0.4 ? "medium" : p >= 0.2 ? "low" : "safe")
        let factors = try XCTUnwrap(report["factors"] as? [[String: Any]])
        XCTAssertEqual(factors.count, 5)
        let sizes = factors.compactMap { ($0["contribution"] as? Double).map(abs) }
        XCTAssertEqual(sizes, sizes.sorted(by: >), "largest first")
        // S00001 has tenure_months = 67 in the file.
        let tenure = try XCTUnwrap(factors.first { $0["feature"] as? String == "tenure_months" })
        XCTAssertEqual(tenure["value"] as? Double, 67)
        XCTAssertNotNil(tenure["retainedMean"] as? Double)
        XCTAssertNotNil(tenure["churnedMean"] as? Double)
        XCTAssertFalse((tenure["sentence"] as? String ?? "").isEmpty)
    }

    func testWhatIfFollowsTheLatePaymentsCoefficient() throws {
        // The sign of the late_payments coefficient, read from the saved model itself.
        let store = try Workspace(path: db)
        let record = try XCTUnwrap(try store.models().first)
        let model = try TrainedModel.decode(try XCTUnwrap(try store.modelBlob(id: record.id)))
        let member = try XCTUnwrap(model.members.first)
        let logistic = try XCTUnwrap(member.model as? LogisticRegression)
        let index = try XCTUnwrap(member.preprocessor.outputNames(member.view).firstIndex(of: "late_payments"))
        let coefficient = logistic.coefficientsPerStd[index]
        XCTAssertNotEqual(coefficient, 0)

        let run = try churn("whatif", "S00001", "--set", "late_payments=4", "--db", db, "--json")
        XCTAssertEqual(run.status, 0, run.err)
        let report = try json(run.out)
        let old = try XCTUnwrap(report["oldProbability"] as? Double), new = try XCTUnwrap(report["newProbability"] as? Double)
        let changes = try XCTUnwrap(report["contributionChanges"] as? [[String: Any]])
        XCTAssertEqual(changes.count, 1)
        XCTAssertEqual(changes.first?["feature"] as? String, "late_payments")
        let delta = try XCTUnwrap(changes.first?["change"] as? Double)
        // S00001 has 0 late payments: going to 4 moves the margin by 4 × the slope, and the (increasing)
        // calibration moves the probability the same way.
        XCTAssertEqual(delta > 0, coefficient > 0)
        XCTAssertEqual(new > old, coefficient > 0)
        XCTAssertNotEqual(new, old)

        // Setting them back to 0 (S00001's own value) changes nothing.
        let same = try json(try churn("whatif", "S00001", "--set", "late_payments=0", "--db", db, "--json").out)
        XCTAssertEqual(same["oldProbability"] as? Double, same["newProbability"] as? Double)
        XCTAssertEqual((same["changes"] as? [Any])?.count, 0)
        // The best single change, when there is one, lowers the risk.
        if let best = same["bestSingleChange"] as? [String: Any] {
            XCTAssertLessThan(try XCTUnwrap(best["newProbability"] as? Double), try XCTUnwrap(same["oldProbability"] as? Double))
        }
    }

    func testUnknownCustomerAndFeatureAreClearErrors() throws {
        let run = try churn("explain", "S0001", "--db", db)
        XCTAssertEqual(run.status, 65)
        XCTAssertTrue(run.err.contains("unknown customer 'S0001'"), run.err)
        XCTAssertTrue(run.err.contains("did you mean 'S00001'"), run.err)
        XCTAssertTrue(run.out.isEmpty)
        let feature = try churn("whatif", "S00001", "--set", "late_paymnts=0", "--db", db)
        XCTAssertEqual(feature.status, 64)
        XCTAssertTrue(feature.err.contains("did you mean 'late_payments'"), feature.err)
    }

    func testScoredRowsCarryTheirTopFactors() throws {
        let queue = try DatabaseQueue(path: db)
        let documents = try queue.read { db in try String.fetchAll(db, sql: "SELECT top_factors_json FROM predictions") }
        XCTAssertEqual(documents.count, 7000)
        for document in documents.prefix(200) {
            let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(document.utf8)) as? [String: Any])
            let factors = try XCTUnwrap(object["factors"] as? [[String: Any]])
            XCTAssertFalse(factors.isEmpty)
            XCTAssertLessThanOrEqual(factors.count, 3)
            XCTAssertFalse((factors[0]["text"] as? String ?? "").isEmpty)
            XCTAssertNotNil(factors[0]["contribution"] as? Double)
            XCTAssertNil(object["value"], "a customer table has no historical value")
        }
        // The first stored factor of S00001 is the first factor `explain` shows.
        let stored = try queue.read { db in
            try String.fetchOne(db, sql: "SELECT top_factors_json FROM predictions WHERE customer_id = 'S00001'")
        }
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(try XCTUnwrap(stored).utf8)) as? [String: Any])
        let first = try XCTUnwrap((object["factors"] as? [[String: Any]])?.first)
        let explained = try json(try churn("explain", "S00001", "--db", db, "--json", "--top", "1").out)
        let shown = try XCTUnwrap((explained["factors"] as? [[String: Any]])?.first)
        XCTAssertEqual(first["feature"] as? String, shown["feature"] as? String)
        XCTAssertEqual(try XCTUnwrap(first["contribution"] as? Double), try XCTUnwrap(shown["contribution"] as? Double), accuracy: 1e-12)
    }
}
