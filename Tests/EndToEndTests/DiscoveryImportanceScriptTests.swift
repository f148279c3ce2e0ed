import ChurnKit
import Foundation
import XCTest

/// `churn segments --discover`, `churn importance` and `churn script` run as a user runs them, on a workspace
/// trained (logreg, 1 trial, 3 folds) and scored once from sample-data/subscription.csv, plus small
/// workspaces built from data with a known answer.
final class DiscoveryImportanceScriptTests: TrainedWorkspaceTestCase {
    override class var workspacePrefix: String { "churn-discover" }

    /// The scores CSV written by `churn score`: id -> probability (6 decimals).
    private func scores() throws -> [String: Double] {
        let path = try XCTUnwrap(workspace).scoresPath
        var out: [String: Double] = [:]
        for line in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").dropFirst() {
            let cells = line.split(separator: ",")
            out[String(cells[0])] = Double(cells[1]) ?? .nan
        }
        return out
    }

    func testDiscoveredSegmentsPartitionTheAtRiskCustomers() throws {
        let r = try churn("segments", "--discover", "--db", db, "--json")
        XCTAssertEqual(r.status, 0, r.err)
        let doc = try json(r.out)
        let all = try scores()
        // Independent: at-risk customers and their summed risk from the scores CSV (customers within the
        // CSV's rounding of the cut-off are uncertain).
        let atRisk = all.values.filter { $0 >= 0.4 + 1e-6 }
        let borderline = all.values.filter { abs($0 - 0.4) <= 1e-6 }.count
        let clustered = try XCTUnwrap(doc["atRiskCustomers"] as? Int)
        XCTAssertTrue((atRisk.count...(atRisk.count + borderline)).contains(clustered), "\(clustered) vs \(atRisk.count)")
        let segments = try XCTUnwrap(doc["segments"] as? [[String: Any]])
        let k = try XCTUnwrap(doc["k"] as? Int)
        XCTAssertEqual(segments.count, k)
        XCTAssertEqual(segments.compactMap { $0["customers"] as? Int }.reduce(0, +), clustered)
        // k is the candidate with the largest silhouette.
        let candidates = try XCTUnwrap(doc["candidates"] as? [[String: Any]])
        let best = candidates.max { ($0["silhouette"] as? Double ?? -2) < ($1["silhouette"] as? Double ?? -2) }
        XCTAssertEqual(best?["k"] as? Int, k)
        XCTAssertEqual(doc["kChosenBy"] as? String, "silhouette")
        // Customer tables have no value field: every customer is worth the fallback 500, so the value at
        // risk of all segments is 500 x the summed risk, and the size-weighted mean risk is the at-risk mean.
        let riskSum = atRisk.reduce(0, +)
        let valueAtRisk = segments.compactMap { $0["valueAtRisk"] as? Double }.reduce(0, +)
        XCTAssertEqual(valueAtRisk, 500 * riskSum, accuracy: 500 * (Double(all.count) * 1e-6 + Double(borderline) * 0.41))
        let weighted = segments.reduce(0.0) { $0 + ($1["meanRisk"] as? Double ?? .nan) * Double($1["customers"] as? Int ?? 0) }
        XCTAssertEqual(weighted / Double(clustered), riskSum / Double(atRisk.count), accuracy: 1e-3)
        for s in segments {
            XCTAssertGreaterThanOrEqual(s["meanRisk"] as? Double ?? 0, 0.4)
            let traits = try XCTUnwrap(s["traits"] as? [[String: Any]])
            let sizes = traits.compactMap { ($0["difference"] as? Double).map(abs) }
            XCTAssertEqual(sizes, sizes.sorted(by: >), "most distinctive first")
            XCTAssertTrue(sizes.allSatisfy { $0 >= 0.2 })
            for id in try XCTUnwrap(s["exampleCustomers"] as? [String]) {
                XCTAssertGreaterThanOrEqual(try XCTUnwrap(all[id]), 0.4 - 1e-6, id)
            }
        }

        let fixed = try churn("segments", "--discover", "--k", "3", "--db", db, "--json")
        XCTAssertEqual(fixed.status, 0, fixed.err)
        XCTAssertEqual((try json(fixed.out)["segments"] as? [Any])?.count, 3)
        let text = try churn("segments", "--discover", "--k", "3", "--db", db)
        XCTAssertEqual(text.status, 0, text.err)
        XCTAssertTrue(text.out.contains("Segment 3:") && text.out.contains("value at risk"), text.out)
        let bad = try churn("segments", "--discover", "--k", "1", "--db", db)
        XCTAssertEqual(bad.status, 64, bad.err)
        let none = try churn("segments", "--discover", "--min-risk", "1", "--db", db)
        XCTAssertEqual(none.status, 65, none.err)
        XCTAssertTrue(none.err.contains("risk"), none.err)
    }

    /// A customer table where churn follows `signal` and `noise` is independent of everything.
    private func knownAnswerWorkspace(models: String) throws -> (db: String, folder: URL) {
        let own = FileManager.default.temporaryDirectory.appendingPathComponent("churn-importance-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: own, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: own) }
        var text = "customer_id,signal,noise,churned\n"
        var state: UInt64 = 12345
        func uniform() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        for i in 0..<800 {
            let signal = uniform() * 10, noise = uniform() * 10
            let churned = uniform() < 1 / (1 + exp(-(signal - 5) * 1.5))
            text += "C\(i),\(String(format: "%.3f", signal)),\(String(format: "%.3f", noise)),\(churned ? "Yes" : "No")\n"
        }
        let file = own.appendingPathComponent("known.csv").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        let db = own.appendingPathComponent("w.sqlite").path
        let train = try ChurnProcess.run(["train", file, "--db", db, "--models", models, "--trials", "1", "--folds", "3"], in: own)
        XCTAssertEqual(train.status, 0, train.err)
        return (db, own)
    }

    private func rows(_ doc: [String: Any]) throws -> [String: [String: Any]] {
        let features = try XCTUnwrap(doc["features"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: features.map { ($0["feature"] as? String ?? "", $0) })
    }

    func testImportanceFindsTheSignalAndNotTheNoise() throws {
        let (db, own) = try knownAnswerWorkspace(models: "gbdt")
        let r = try ChurnProcess.run(["importance", "--db", db, "--json"], in: own)
        XCTAssertEqual(r.status, 0, r.err)
        let doc = try json(r.out)
        let byName = try rows(doc)
        let signal = try XCTUnwrap(byName["signal"]), noise = try XCTUnwrap(byName["noise"])
        XCTAssertEqual((doc["features"] as? [[String: Any]])?.first?["feature"] as? String, "signal")
        XCTAssertGreaterThan(try XCTUnwrap(signal["meanAbsSHAP"] as? Double), 3 * (try XCTUnwrap(noise["meanAbsSHAP"] as? Double)))
        let signalGain = try XCTUnwrap(signal["gainShare"] as? Double), noiseGain = try XCTUnwrap(noise["gainShare"] as? Double)
        XCTAssertEqual(signalGain + noiseGain, 1, accuracy: 1e-9)
        XCTAssertGreaterThan(signalGain, noiseGain)
        // Shuffling the signal destroys most of the out-of-fold AUC; shuffling the noise barely moves it.
        let auc = try XCTUnwrap(doc["outOfFoldAUC"] as? Double)
        XCTAssertGreaterThan(auc, 0.75)
        XCTAssertGreaterThan(try XCTUnwrap(signal["permutationDrop"] as? Double), 0.15)
        XCTAssertLessThan(abs(try XCTUnwrap(noise["permutationDrop"] as? Double)), 0.03)
        XCTAssertEqual(doc["repeats"] as? Int, 3)
        XCTAssertEqual(doc["rows"] as? Int, 800)

        let text = try ChurnProcess.run(["importance", "--db", db, "--repeats", "0"], in: own)
        XCTAssertEqual(text.status, 0, text.err)
        XCTAssertTrue(text.out.contains("signal") && text.out.contains("not computed"), text.out)
    }

    func testImportanceOutOfFoldAUCMatchesTheStoredOutOfFoldScores() throws {
        // Logistic regression is deterministic, so refitting on the run's folds reproduces the out-of-fold
        // scores `churn train` stored; their ROC-AUC is computed here by counting pairs.
        let r = try churn("importance", "--db", db, "--json", "--repeats", "1")
        XCTAssertEqual(r.status, 0, r.err)
        let doc = try json(r.out)
        let auc = try XCTUnwrap(doc["outOfFoldAUC"] as? Double)
        let store = try Workspace(path: db)
        let record = try XCTUnwrap(try store.models().first)
        let oof = try XCTUnwrap(try store.outOfFold(modelID: record.id))
        let positives = oof.labels.indices.filter { oof.labels[$0] == 1 }.map { oof.probabilities[$0] }.sorted()
        let negatives = oof.labels.indices.filter { oof.labels[$0] == 0 }.map { oof.probabilities[$0] }.sorted()
        var wins = 0.0, j = 0, k = 0
        for p in positives {
            while j < negatives.count && negatives[j] < p { j += 1 }
            while k < negatives.count && negatives[k] <= p { k += 1 }
            wins += Double(j) + 0.5 * Double(k - j)
        }
        let stored = wins / Double(positives.count * negatives.count)
        XCTAssertEqual(auc, stored, accuracy: 0.01)
        XCTAssertNil((try rows(doc))["tenure_months"]?["gainShare"] as? Double, "logistic regression has no gain")
        XCTAssertEqual(doc["gainNote"] as? String != nil, true)
    }

    func testImportanceOfNaiveBayesHasPermutationOnly() throws {
        let (db, own) = try knownAnswerWorkspace(models: "naive-bayes")
        let r = try ChurnProcess.run(["importance", "--db", db, "--json"], in: own)
        XCTAssertEqual(r.status, 0, r.err)
        let doc = try json(r.out)
        XCTAssertNotNil(doc["shapNote"] as? String)
        let signal = try XCTUnwrap(try rows(doc)["signal"])
        XCTAssertNil(signal["meanAbsSHAP"] as? Double)
        XCTAssertGreaterThan(try XCTUnwrap(signal["permutationDrop"] as? Double), 0.15)
    }

    func testScriptFillsInTheCustomersOwnFacts() throws {
        // A template file that quotes facts for every driver, so the check does not depend on which driver wins.
        var toml = ""
        for driver in ["long_absence", "declining_frequency", "falling_spend", "payment_issues", "support_burden", "short_tenure",
                       "usage_decline", "price", "other", "none"] {
            toml += "[\(driver)]\ncall_script = \"{customer_id}|{tenure_months}|{late_payments}|{agent_name}|{risk_percent}|{first_name}|{driver}\"\n"
            toml += "email_subject = \"For {first_name}\"\nemail_body = \"Tenure {tenure_months}, {unknown_fact}\"\n"
        }
        let templates = folder.appendingPathComponent("templates.toml").path
        try Data(toml.utf8).write(to: URL(fileURLWithPath: templates))
        // The riskiest customer in the scores CSV, and their row in the data file.
        let all = try scores()
        let id = try XCTUnwrap(all.max { $0.value < $1.value }?.key)
        let line = try XCTUnwrap(try String(contentsOfFile: TrainedWorkspace.subscription, encoding: .utf8).split(separator: "\n")
            .first { $0.hasPrefix(id + ",") })
        let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let r = try churn("script", id, "--db", db, "--agent", "Ada", "--fact", "first_name=Grace", "--templates", templates, "--json")
        XCTAssertEqual(r.status, 0, r.err)
        let doc = try json(r.out)
        let script = try XCTUnwrap(doc["script"] as? [String: Any])
        let driver = try XCTUnwrap(doc["driverTitle"] as? String)
        let percent = Int((try XCTUnwrap(all[id]) * 100).rounded())
        XCTAssertEqual(script["body"] as? String, "\(id)|\(cells[1])|\(cells[7])|Ada|\(percent)%|Grace|\(driver.lowercased())")
        XCTAssertEqual(script["missing"] as? [String], [])
        XCTAssertNotEqual(doc["driver"] as? String, "none", "the riskiest customer has a driver")

        let email = try churn("script", id, "--db", db, "--kind", "email", "--fact", "first_name=Grace", "--templates", templates)
        XCTAssertEqual(email.status, 0, email.err)
        XCTAssertTrue(email.out.contains("Subject: For Grace"), email.out)
        XCTAssertTrue(email.out.contains("Tenure \(cells[1]), {unknown_fact}"), email.out)
        XCTAssertTrue(email.err.contains("{unknown_fact}"), email.err)

        // The built-in templates fill the customer id and leave no known placeholder unfilled.
        let builtIn = try churn("script", id, "--db", db, "--agent", "Ada")
        XCTAssertEqual(builtIn.status, 0, builtIn.err)
        XCTAssertTrue(builtIn.out.contains("Recommended action:") && builtIn.out.contains("Ada"), builtIn.out)
        XCTAssertFalse(builtIn.out.contains("{customer_id}") || builtIn.out.contains("{agent_name}"), builtIn.out)

        let unknown = try churn("script", "NOPE1", "--db", db)
        XCTAssertEqual(unknown.status, 65, unknown.err)
        let badFact = try churn("script", id, "--db", db, "--fact", "oops")
        XCTAssertEqual(badFact.status, 64, badFact.err)
    }
}
