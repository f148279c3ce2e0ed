import Foundation
import XCTest

/// `churn threshold`, `roi`, `segment`, `segments` and `export` run as a user runs them, on a workspace
/// trained and scored once (logreg, 1 trial, 3 folds) from sample-data/subscription.csv.
final class InsightCommandTests: TrainedWorkspaceTestCase {
    override class var workspacePrefix: String { "churn-insight" }

    /// The scores CSV written by `churn score`: id -> probability.
    private func scores() throws -> [(id: String, p: Double)] {
        let lines = try String(contentsOfFile: scoresPath, encoding: .utf8).split(separator: "\n").dropFirst()
        return lines.map { line in
            let cells = line.split(separator: ",")
            return (String(cells[0]), Double(cells[1]) ?? .nan)
        }
    }

    func testThresholdF1IsTheBestF1AndProfitArithmeticHolds() throws {
        let f1 = try json(try churn("threshold", "--db", db, "--objective", "f1", "--json").out)
        let chosen = try XCTUnwrap(f1["chosen"] as? [String: Any])
        let best = try XCTUnwrap(chosen["f1"] as? Double)
        let rows = try XCTUnwrap(f1["comparison"] as? [[String: Any]])
        XCTAssertTrue((5...10).contains(rows.count), "\(rows.count) comparison rows")
        for row in rows { XCTAssertLessThanOrEqual(try XCTUnwrap(row["f1"] as? Double), best + 1e-12) }
        XCTAssertEqual(f1["customers"] as? Int, 7000)
        // precision and recall agree with the confusion matrix.
        let c = try XCTUnwrap(chosen["confusion"] as? [String: Double])
        let tp = try XCTUnwrap(c["truePositives"]), fp = try XCTUnwrap(c["falsePositives"]), fn = try XCTUnwrap(c["falseNegatives"])
        XCTAssertEqual(chosen["precision"] as? Double ?? .nan, tp / (tp + fp), accuracy: 1e-12)
        XCTAssertEqual(chosen["recall"] as? Double ?? .nan, tp / (tp + fn), accuracy: 1e-12)
        XCTAssertEqual(Double(chosen["flagged"] as? Int ?? -1), tp + fp)

        let r = try churn("threshold", "--db", db, "--objective", "profit", "--cost", "8", "--value", "500", "--success", "0.3", "--json", "--save")
        XCTAssertEqual(r.status, 0, r.err)
        let profit = try json(r.out)
        let p = try XCTUnwrap(profit["chosen"] as? [String: Any])
        let pc = try XCTUnwrap(p["confusion"] as? [String: Double])
        let flagged = Double(try XCTUnwrap(p["flagged"] as? Int))
        // net = churners flagged x value x success - flagged x cost.
        XCTAssertEqual(try XCTUnwrap(p["netValue"] as? Double), (pc["truePositives"] ?? .nan) * 500 * 0.3 - flagged * 8, accuracy: 1e-6)
        for row in try XCTUnwrap(profit["comparison"] as? [[String: Any]]) {
            XCTAssertLessThanOrEqual(try XCTUnwrap(row["netValue"] as? Double), try XCTUnwrap(p["netValue"] as? Double) + 1e-9)
        }
        XCTAssertEqual(profit["saved"] as? Bool, true)

        let bad = try churn("threshold", "--db", db, "--objective", "recall=2")
        XCTAssertEqual(bad.status, 64, bad.err)
        XCTAssertTrue(bad.err.contains("recall"), bad.err)
    }

    func testROITop100ArithmeticMatchesItsInputs() throws {
        let r = try churn("roi", "--db", db, "--top", "100", "--cost", "8", "--success", "0.35", "--offer-cost", "20", "--json")
        XCTAssertEqual(r.status, 0, r.err)
        let doc = try json(r.out)
        let o = try XCTUnwrap(doc["outcome"] as? [String: Any])
        let a = try XCTUnwrap(doc["assumptions"] as? [String: Any])
        let success = try XCTUnwrap(a["successRate"] as? Double), cost = try XCTUnwrap(a["costPerContact"] as? Double)
        let value = try XCTUnwrap(a["defaultCustomerValue"] as? Double)
        XCTAssertEqual(success, 0.35); XCTAssertEqual(cost, 8); XCTAssertEqual(value, 500)
        XCTAssertEqual(o["contacted"] as? Int, 100)
        // Independent: the 100 highest probabilities in the scores CSV (6 decimals there).
        let top = try scores().map(\.p).sorted(by: >).prefix(100)
        let churners = top.reduce(0, +)
        XCTAssertEqual(try XCTUnwrap(o["expectedChurners"] as? Double), churners, accuracy: 100 * 1e-6)
        XCTAssertEqual(try XCTUnwrap(o["expectedSaves"] as? Double), churners * success, accuracy: 1e-3)
        XCTAssertEqual(try XCTUnwrap(o["contactCost"] as? Double), 100 * cost, accuracy: 1e-9)
        XCTAssertEqual(try XCTUnwrap(o["offerCost"] as? Double), 20 * churners * success, accuracy: 1e-2)
        let total = try XCTUnwrap(o["totalCost"] as? Double), protected = try XCTUnwrap(o["revenueProtected"] as? Double)
        XCTAssertEqual(protected, churners * success * value, accuracy: 1)
        XCTAssertEqual(total, 100 * cost + 20 * churners * success, accuracy: 1e-2)
        XCTAssertEqual(try XCTUnwrap(o["net"] as? Double), protected - total, accuracy: 1e-9)
        XCTAssertEqual(try XCTUnwrap(o["roiPercent"] as? Double), (protected - total) / total * 100, accuracy: 1e-9)
        XCTAssertEqual((doc["scenarios"] as? [Any])?.count, 3)

        let text = try churn("roi", "--db", db, "--tier", "high", "--cost", "8", "--success", "0.35")
        XCTAssertEqual(text.status, 0, text.err)
        XCTAssertTrue(text.out.contains("Scenarios"), text.out)
        let both = try churn("roi", "--db", db, "--top", "5", "--tier", "high")
        XCTAssertEqual(both.status, 64, both.err)
    }

    func testSegmentCountEqualsTheCountFromTheFiles() throws {
        // Independent count: contract from the data file, probability from the scores CSV.
        let data = try String(contentsOfFile: subscription, encoding: .utf8).split(separator: "\n").dropFirst()
        var contract: [String: String] = [:]
        for line in data { let cells = line.split(separator: ",", omittingEmptySubsequences: false); contract[String(cells[0])] = String(cells[2]) }
        let expected = try scores().filter { contract[$0.id] == "Month-to-month" && $0.p > 0.5 }.count
        XCTAssertGreaterThan(expected, 0)

        let out = folder.appendingPathComponent("segment.csv").path
        let r = try churn("segment", "contract == \"Month-to-month\" and risk > 0.5", "--db", db, "--json", "--out", out, "--save", "m2m risky")
        XCTAssertEqual(r.status, 0, r.err)
        let doc = try json(r.out)
        XCTAssertEqual((doc["profile"] as? [String: Any])?["customers"] as? Int, expected)
        let written = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\r\n")
        XCTAssertEqual(written.count, expected + 1)

        let listed = try churn("segments", "--db", db, "--json")
        XCTAssertEqual(listed.status, 0, listed.err)
        let segments = try XCTUnwrap(try json(listed.out)["segments"] as? [[String: Any]])
        XCTAssertEqual(segments.first?["name"] as? String, "m2m risky")
        XCTAssertEqual((segments.first?["profile"] as? [String: Any])?["customers"] as? Int, expected)
        // The logistic-regression champion gets driver segments from its exact contributions:
        // only customers with risk >= 0.4, each in at most one segment.
        let drivers = try XCTUnwrap(try json(listed.out)["driverSegments"] as? [[String: Any]])
        let inDrivers = drivers.compactMap { $0["customers"] as? Int }.reduce(0, +)
        XCTAssertGreaterThan(inDrivers, 0)
        XCTAssertLessThanOrEqual(inDrivers, try scores().filter { $0.p >= 0.4 - 1e-6 }.count)

        _ = try churn("segment", "tier == \"high\"", "--db", db, "--save", "high")
        let compared = try churn("segments", "--db", db, "--compare", "m2m risky", "high", "--json")
        XCTAssertEqual(compared.status, 0, compared.err)
        let comparison = try json(compared.out)
        let highCount = try scores().filter { $0.p > 0.7 }.count
        XCTAssertEqual((comparison["second"] as? [String: Any])?["customers"] as? Int, highCount)
        XCTAssertEqual(comparison["overlap"] as? Int, try scores().filter { contract[$0.id] == "Month-to-month" && $0.p > 0.7 }.count)

        let roi = try churn("roi", "--db", db, "--segment", "m2m risky", "--json")
        XCTAssertEqual(roi.status, 0, roi.err)
        XCTAssertEqual((try json(roi.out)["outcome"] as? [String: Any])?["contacted"] as? Int, expected)
    }

    func testInvalidExpressionGivesTheColumnAndACaret() throws {
        let r = try churn("segment", "risk > and tenure_months < 3", "--db", db)
        XCTAssertEqual(r.status, 64, r.err)
        XCTAssertTrue(r.err.contains("column 8"), r.err)
        XCTAssertTrue(r.err.contains("       ^"), r.err)
        XCTAssertEqual(r.out, "")
        let unknown = try churn("segment", "tenure_monts < 3", "--db", db, "--json")
        XCTAssertEqual(unknown.status, 64, unknown.err)
        XCTAssertTrue(unknown.err.contains("tenure_months"), unknown.err)
        XCTAssertEqual(unknown.out, "")
    }

    func testExportNeutralisesFormulaIDs() throws {
        // A small customer table whose ids begin with spreadsheet formula characters.
        var text = "customer_id,tenure_months,monthly_charges,churned\n"
        for i in 0..<150 {
            let id = i == 0 ? "=HYPERLINK(\"x\")" : i == 1 ? "-2+3" : i == 2 ? "@SUM(A1)" : "K\(i)"
            let churned = i % 3 == 0
            let quoted = id.contains("\"") ? "\"" + id.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : id
            text += "\(quoted),\(churned ? i % 7 + 1 : 20 + i % 30),\(churned ? 90 + i % 10 : 40 + i % 20),\(churned ? "Yes" : "No")\n"
        }
        let small = folder.appendingPathComponent("formula.csv").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: small))
        let smallDB = folder.appendingPathComponent("formula.sqlite").path
        let train = try churn("train", small, "--db", smallDB, "--models", "logreg", "--trials", "1", "--folds", "3")
        XCTAssertEqual(train.status, 0, train.err)
        let score = try churn("score", small, "--db", smallDB, "--out", folder.appendingPathComponent("formula-scores.csv").path)
        XCTAssertEqual(score.status, 0, score.err)
        let out = folder.appendingPathComponent("crm.csv").path
        let r = try churn("export", "--db", smallDB, "--out", out, "--json")
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertEqual(try json(r.out)["customers"] as? Int, 150)
        let lines = try String(contentsOfFile: out, encoding: .utf8).components(separatedBy: "\r\n").filter { !$0.isEmpty }
        XCTAssertEqual(lines.first, "customer_id,churn_probability,risk_tier,customer_value")
        XCTAssertEqual(lines.count, 151)
        XCTAssertTrue(lines.contains { $0.hasPrefix("\"'=HYPERLINK(\"\"x\"\")\",") }, lines.joined(separator: "\n"))
        XCTAssertTrue(lines.contains { $0.hasPrefix("'-2+3,") }, lines.joined(separator: "\n"))
        XCTAssertTrue(lines.contains { $0.hasPrefix("'@SUM(A1),") }, lines.joined(separator: "\n"))
        XCTAssertFalse(lines.dropFirst().contains { $0.first == "=" || $0.first == "+" || $0.first == "@" || $0.first == "-" })
        // Highest risk first.
        let probabilities = lines.dropFirst().map { line -> Double in
            let cells = line.components(separatedBy: ",")
            return Double(cells[cells.count - 3]) ?? .nan
        }
        XCTAssertEqual(probabilities, probabilities.sorted(by: >))

        let top = try churn("export", "--db", smallDB, "--out", out, "--top", "5", "--tier", "high")
        XCTAssertEqual(top.status, 0, top.err)
        let topLines = try String(contentsOfFile: out, encoding: .utf8).components(separatedBy: "\r\n").filter { !$0.isEmpty }
        XCTAssertLessThanOrEqual(topLines.count, 6)
        XCTAssertTrue(topLines.dropFirst().allSatisfy { $0.contains(",high,") }, topLines.joined(separator: "\n"))
    }

    func testMovedScoredFileIsAClearError() throws {
        let copy = folder.appendingPathComponent("moving.csv").path
        try FileManager.default.copyItem(atPath: subscription, toPath: copy)
        let movedDB = folder.appendingPathComponent("moved.sqlite").path
        XCTAssertEqual(try churn("train", copy, "--db", movedDB, "--models", "logreg", "--trials", "1", "--folds", "3").status, 0)
        XCTAssertEqual(try churn("score", copy, "--db", movedDB, "--out", folder.appendingPathComponent("m.csv").path).status, 0)
        try FileManager.default.removeItem(atPath: copy)
        let r = try churn("segment", "risk > 0.5", "--db", movedDB)
        XCTAssertEqual(r.status, 66, r.err)
        XCTAssertTrue(r.err.contains(copy) && r.err.contains("churn score"), r.err)
    }

    /// `churn segments --json` on a fresh workspace trained with one model family and scored, with one saved segment.
    private func segmentsDocument(models: String) throws -> [String: Any] {
        let own = FileManager.default.temporaryDirectory.appendingPathComponent("churn-drivers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: own, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: own) }
        let db = own.appendingPathComponent("w.sqlite").path
        for arguments in [["train", subscription, "--db", db, "--models", models, "--trials", "1", "--folds", "3"],
                          ["score", subscription, "--db", db, "--out", own.appendingPathComponent("scores.csv").path],
                          ["segment", "risk > 0.5", "--db", db, "--save", "risky"],
                          ["segments", "--db", db, "--json"]] {
            let run = try ChurnProcess.run(arguments, in: own)
            XCTAssertEqual(run.status, 0, "\(arguments): \(run.err)")
            if arguments[0] == "segments" { return try json(run.out) }
        }
        return [:]
    }

    func testTreeChampionGetsDriverSegmentsFromTreeSHAP() throws {
        let doc = try segmentsDocument(models: "gbdt")
        let drivers = try XCTUnwrap(doc["driverSegments"] as? [[String: Any]], "\(doc)")
        XCTAssertGreaterThan(drivers.compactMap { $0["customers"] as? Int }.reduce(0, +), 0)
        XCTAssertTrue(drivers.allSatisfy { ($0["meanRisk"] as? Double ?? 0) >= 0.4 }, "\(drivers)")
        XCTAssertNil(doc["driverNote"])
    }

    func testNaiveBayesChampionGetsANoteInsteadOfDriverSegments() throws {
        let doc = try segmentsDocument(models: "naive-bayes")
        XCTAssertNil(doc["driverSegments"])
        let note = try XCTUnwrap(doc["driverNote"] as? String)
        XCTAssertTrue(note.contains("naive"), note)
    }

    /// `--value-source clv` on a transaction log: ROI and export value customers by their expected future spend
    /// (BG/NBD + Gamma-Gamma) instead of their historical total spend, and say so.
    func testROIAndExportUseCLVValuesOnTransactionLogs() throws {
        let own = FileManager.default.temporaryDirectory.appendingPathComponent("churn-clv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: own, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: own) }
        let retail = TestPaths.packageRoot.appendingPathComponent("sample-data/retail.csv").path
        let db = own.appendingPathComponent("w.sqlite").path
        func run(_ arguments: String...) throws -> (status: Int32, out: String, err: String) { try ChurnProcess.run(arguments, in: own) }
        for setup in [try run("train", retail, "--db", db, "--models", "logreg", "--trials", "1", "--folds", "3"),
                      try run("score", retail, "--db", db, "--out", own.appendingPathComponent("scores.csv").path)] {
            XCTAssertEqual(setup.status, 0, setup.err)
        }

        let roi = try run("roi", "--db", db, "--top", "50", "--value-source", "clv", "--json")
        XCTAssertEqual(roi.status, 0, roi.err)
        let source = try XCTUnwrap(try json(roi.out)["valueSource"] as? String)
        XCTAssertTrue(source.hasPrefix("clv"), source)
        XCTAssertEqual((try json(roi.out)["outcome"] as? [String: Any])?["contacted"] as? Int, 50)

        // Every customer's value from both sources, via export (rows ordered the same way for both).
        func exported(_ extra: [String]) throws -> [(p: Double, value: Double)] {
            let out = own.appendingPathComponent("export-\(UUID().uuidString).csv").path
            let r = try ChurnProcess.run(["export", "--db", db, "--out", out, "--json"] + extra, in: own)
            XCTAssertEqual(r.status, 0, r.err)
            return try String(contentsOfFile: out, encoding: .utf8).split(separator: "\r\n").dropFirst().map { line in
                let cells = line.split(separator: ",", omittingEmptySubsequences: false)
                return (try XCTUnwrap(Double(String(cells[1]))), try XCTUnwrap(Double(String(cells[3]))))
            }
        }
        let clv = try exported(["--value-source", "clv"]), historical = try exported([])
        XCTAssertEqual(clv.count, historical.count)
        XCTAssertTrue(clv.allSatisfy { $0.value >= 0 })
        XCTAssertNotEqual(clv.map(\.value), historical.map(\.value))
        // ROI over everyone: value at risk = sum of risk x clv value. Export rounds risk to 4 and values to 2
        // decimals, so each product is off by at most 0.005 + 0.00005 x value.
        let all = try run("roi", "--db", db, "--top", String(clv.count), "--value-source", "clv", "--json")
        XCTAssertEqual(all.status, 0, all.err)
        let valueAtRisk = try XCTUnwrap((try json(all.out)["outcome"] as? [String: Any])?["valueAtRisk"] as? Double)
        let expected = clv.reduce(0) { $0 + $1.p * $1.value }
        XCTAssertEqual(valueAtRisk, expected, accuracy: 0.005 * Double(clv.count) + 5e-5 * clv.reduce(0) { $0 + $1.value } + 1e-6)

        let mixed = try run("roi", "--db", db, "--value-source", "clv", "--value-field", "total_spend")
        XCTAssertEqual(mixed.status, 64, mixed.err)
    }
}
