import Foundation
import XCTest

/// The `churn` subcommands run as a user runs them: exit codes, stdout/stderr discipline, messages.
final class CommandLineTests: XCTestCase {
    private var root: URL { TestPaths.packageRoot }
    private var subscription: String { root.appendingPathComponent("sample-data/subscription.csv").path }
    private var retail: String { root.appendingPathComponent("sample-data/retail.csv").path }
    private var temp: URL!

    override func setUpWithError() throws {
        temp = FileManager.default.temporaryDirectory.appendingPathComponent("churn-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: temp, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: temp)
    }

    /// Runs churn with arguments; returns (status, stdout, stderr).
    private func churn(_ arguments: String...) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try TestPaths.churnBinary())
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["XDG_DATA_HOME"] = temp.appendingPathComponent("data").path
        process.environment = env
        let outURL = temp.appendingPathComponent("stdout-\(UUID().uuidString)")
        let errURL = temp.appendingPathComponent("stderr-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let outHandle = try FileHandle(forWritingTo: outURL)
        let errHandle = try FileHandle(forWritingTo: errURL)
        process.standardOutput = outHandle
        process.standardError = errHandle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try outHandle.close(); try errHandle.close()
        let out = String(decoding: try Data(contentsOf: outURL), as: UTF8.self)
        let err = String(decoding: try Data(contentsOf: errURL), as: UTF8.self)
        return (process.terminationStatus, out, err)
    }

    private func write(_ name: String, _ text: String) throws -> String {
        let url = temp.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    func testHelpListsTheSubcommands() throws {
        let r = try churn("--help")
        XCTAssertEqual(r.status, 0)
        for name in ["open", "profile", "features", "sample", "info"] {
            XCTAssertTrue(r.out.contains(name), "help lacks \(name):\n\(r.out)")
        }
    }

    func testProfileJSONIsTheOnlyThingOnStdout() throws {
        let r = try churn("profile", subscription, "--json")
        XCTAssertEqual(r.status, 0, r.err)
        let json = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any]
        XCTAssertEqual(json?["shape"] as? String, "customer-table")
        XCTAssertEqual(json?["rows"] as? Int, 7000)
        XCTAssertEqual((json?["roles"] as? [String: String])?["target"], "churned")
        XCTAssertEqual(json?["usable"] as? Bool, true)
    }

    func testProfileOfTheRetailLogSaysTransactionLog() throws {
        let r = try churn("profile", retail)
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("transaction log"), r.out)
        XCTAssertTrue(r.out.contains("customer=customer_id"), r.out)
        XCTAssertTrue(r.out.contains("Customers   5000"), r.out)
    }

    func testMissingFileExits66WithTheName() throws {
        let r = try churn("profile", "/no/such/file.csv")
        XCTAssertEqual(r.status, 66)
        XCTAssertTrue(r.err.contains("/no/such/file.csv"), r.err)
        XCTAssertTrue(r.out.isEmpty)
    }

    func testBadMapRoleIsAUsageErrorWithASuggestion() throws {
        let r = try churn("profile", subscription, "--map", "targt=churned")
        XCTAssertEqual(r.status, 64)
        XCTAssertTrue(r.err.contains("did you mean 'target'?"), r.err)
    }

    func testTooFewCustomersIsUnusableWithExit65() throws {
        var rows = ["customer_id,date,amount"]
        for c in 0..<20 { for d in 1...3 { rows.append("C\(c),2024-0\(d)-1\(c % 10),\(10 + c)") } }
        let file = try write("small.csv", rows.joined(separator: "\n") + "\n")
        let r = try churn("profile", file)
        XCTAssertEqual(r.status, 65)
        XCTAssertTrue(r.err.contains("cannot be used for training"), r.err)
        XCTAssertTrue(r.err.contains("100"), r.err)
    }

    func testNonNumericAmountNamesLineAndColumn() throws {
        var rows = ["customer_id,date,amount"]
        for i in 0..<300 { rows.append("C\(i % 150),2024-01-\(String(format: "%02d", i % 28 + 1)),\(i).50") }
        rows[201] = "C7,2024-02-01,twelve"
        let file = try write("bad-amount.csv", rows.joined(separator: "\n") + "\n")
        let r = try churn("profile", file)
        XCTAssertEqual(r.status, 65, r.err)
        XCTAssertTrue(r.err.contains("line 202"), r.err)
        XCTAssertTrue(r.err.contains("amount"), r.err)
        XCTAssertFalse(r.err.contains("Fatal error"), r.err)
    }

    func testFeaturesForTheRetailLogWriteALabelledTable() throws {
        let out = temp.appendingPathComponent("features.csv").path
        let r = try churn("features", retail, "--horizon", "90", "--out", out, "--json")
        XCTAssertEqual(r.status, 0, r.err)
        let json = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any]
        XCTAssertEqual(json?["horizonDays"] as? Int, 90)
        XCTAssertEqual(json?["cutoff"] as? String, "2024-10-02") // 2024-12-31 - 90 days
        let text = try String(contentsOfFile: out, encoding: .utf8)
        let lines = text.split(separator: "\n")
        XCTAssertTrue(lines[0].hasPrefix("customer_id,"), String(lines[0]))
        XCTAssertTrue(lines[0].hasSuffix(",churned"), String(lines[0]))
        XCTAssertEqual(lines.count - 1, json?["customers"] as? Int)
    }

    func testFeaturesForTheSubscriptionTable() throws {
        let out = temp.appendingPathComponent("sub.csv").path
        let r = try churn("features", subscription, "--out", out)
        XCTAssertEqual(r.status, 0, r.err)
        let header = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")[0]
        XCTAssertTrue(header.contains("contract=Month-to-month"), String(header))
        XCTAssertFalse(header.contains("customer_id,customer_id"))
    }

    func testFeaturesRejectCutoffOnACustomerTable() throws {
        let r = try churn("features", subscription, "--cutoff", "2024-01-01", "--out", temp.appendingPathComponent("x.csv").path)
        XCTAssertEqual(r.status, 64)
        XCTAssertTrue(r.err.contains("customer table"), r.err)
    }

    func testSampleIsDeterministic() throws {
        let a = temp.appendingPathComponent("a").path
        let b = temp.appendingPathComponent("b").path
        XCTAssertEqual(try churn("sample", "--kind", "subscription", "--customers", "300", "--seed", "9", "--out", a).status, 0)
        XCTAssertEqual(try churn("sample", "--kind", "subscription", "--customers", "300", "--seed", "9", "--out", b).status, 0)
        let fa = try Data(contentsOf: URL(fileURLWithPath: a + "/subscription.csv"))
        let fb = try Data(contentsOf: URL(fileURLWithPath: b + "/subscription.csv"))
        XCTAssertEqual(fa, fb)
        let bad = try churn("sample", "--kind", "retial")
        XCTAssertEqual(bad.status, 64)
        XCTAssertTrue(bad.err.contains("did you mean 'retail'?"), bad.err)
    }
}
