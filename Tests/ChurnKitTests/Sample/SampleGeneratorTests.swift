import Foundation
import XCTest
@testable import ChurnKit

final class SampleGeneratorTests: XCTestCase {
    private func temporaryDirectory() throws -> String {
        let dir = NSTemporaryDirectory() + "churn-sample-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        return dir
    }

    private func lines(_ path: String) throws -> [Substring] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertTrue(text.hasSuffix("\n"))
        return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    }

    func testSameSeedGivesIdenticalBytesAndOtherSeedDiffers() throws {
        for kind in SampleKind.allCases {
            let a = try SampleGenerator.write(kind: kind, customers: 300, seed: 7, to: try temporaryDirectory())
            let b = try SampleGenerator.write(kind: kind, customers: 300, seed: 7, to: try temporaryDirectory())
            let c = try SampleGenerator.write(kind: kind, customers: 300, seed: 8, to: try temporaryDirectory())
            XCTAssertEqual(URL(fileURLWithPath: a).lastPathComponent, "\(kind.rawValue).csv")
            let da = try Data(contentsOf: URL(fileURLWithPath: a))
            XCTAssertEqual(da, try Data(contentsOf: URL(fileURLWithPath: b)), "\(kind)")
            XCTAssertNotEqual(da, try Data(contentsOf: URL(fileURLWithPath: c)), "\(kind)")
        }
    }

    func testRetailHasEveryCustomerDateOrderAndPlausibleValues() throws {
        let path = try SampleGenerator.write(kind: .retail, customers: 2_500, seed: 3, to: try temporaryDirectory())
        let rows = try lines(path)
        XCTAssertEqual(rows.first, "customer_id,date,amount,quantity,category")
        var customers = Set<Substring>()
        var previousDate: Substring = ""
        var weekend = 0, december = 0
        for line in rows.dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            XCTAssertEqual(f.count, 5, String(line))
            customers.insert(f[0])
            XCTAssertGreaterThanOrEqual(f[1], previousDate, "rows are in date order")
            previousDate = f[1]
            XCTAssertTrue(f[1] >= "2023-01-01" && f[1] <= "2024-12-31")
            let amount = try XCTUnwrap(Double(f[2]))
            XCTAssertGreaterThanOrEqual(amount, 0.5)
            XCTAssertGreaterThanOrEqual(try XCTUnwrap(Int(f[3])), 1)
            XCTAssertTrue(RetailSample.categories.contains(String(f[4])))
            let day = try XCTUnwrap(CivilDate.parseISODate(String(f[1])))
            if CivilDate.weekday(days: day) >= 5 { weekend += 1 }
            if f[1].dropFirst(5).hasPrefix("12") { december += 1 }
        }
        XCTAssertEqual(customers.count, 2_500, "every customer has at least one purchase")
        XCTAssertEqual(customers.first.map { $0.count }, 6, "ids are C + 5 digits")
        let n = Double(rows.count - 1)
        XCTAssertGreaterThan(n / 2_500, 12, "about 20 line items per customer")
        XCTAssertLessThan(n / 2_500, 30)
        XCTAssertGreaterThan(Double(weekend) / n, 2.0 / 7 + 0.03, "weekends are busier than average")
        XCTAssertGreaterThan(Double(december) / n, 1.0 / 12 + 0.02, "December is the peak month")
    }

    func testSubscriptionOutcomeIsLearnableButNoisy() throws {
        let path = try SampleGenerator.write(kind: .subscription, customers: 7_000, seed: 42, to: try temporaryDirectory())
        let rows = try lines(path)
        XCTAssertEqual(rows.count, 7_001)
        XCTAssertEqual(rows.first.map(String.init), SubscriptionSample.header)
        var scores: [(Double, Bool)] = []
        var blanks = 0
        for line in rows.dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            XCTAssertEqual(f.count, 12)
            let tenure = try XCTUnwrap(Int(f[1]))
            if f[4].isEmpty { blanks += 1; XCTAssertEqual(tenure, 0, "only brand-new customers lack total charges") }
            else { XCTAssertNotNil(Double(f[4])) }
            let contract = try XCTUnwrap(SubscriptionSample.contracts.firstIndex(of: f[2]))
            let payment = try XCTUnwrap(SubscriptionSample.paymentMethods.firstIndex(of: f[5]))
            XCTAssertTrue(["Yes", "No"].contains(f[6]) && ["Yes", "No"].contains(f[11]))
            let score = SubscriptionSample.riskScore(
                tenure: tenure, contract: contract, monthlyCharges: try XCTUnwrap(Double(f[3])), paymentMethod: payment,
                paperless: f[6] == "Yes", latePayments: try XCTUnwrap(Int(f[7])), supportTickets: try XCTUnwrap(Int(f[8])),
                usageTrend: try XCTUnwrap(Double(f[9])), products: try XCTUnwrap(Int(f[10])))
            scores.append((score, f[11] == "Yes"))
        }
        XCTAssertGreaterThanOrEqual(blanks, 1)
        XCTAssertLessThanOrEqual(blanks, 40)
        let rate = Double(scores.filter { $0.1 }.count) / Double(scores.count)
        XCTAssertGreaterThan(rate, 0.20)
        XCTAssertLessThan(rate, 0.27)
        // The noise-free log-odds is the best any model can know; its AUC must be good but far from perfect.
        let auc = Self.auc(scores)
        XCTAssertGreaterThan(auc, 0.80)
        XCTAssertLessThan(auc, 0.90)
    }

    func testRejectsBadCustomerCountsAndFileAsDirectory() throws {
        let dir = try temporaryDirectory()
        XCTAssertThrowsError(try SampleGenerator.write(kind: .retail, customers: 0, seed: 1, to: dir)) { error in
            XCTAssertEqual((error as? FeatureError)?.exitCode, ExitCode.usage)
        }
        let file = dir + "/plain"
        XCTAssertTrue(FileManager.default.createFile(atPath: file, contents: Data("x".utf8)))
        XCTAssertThrowsError(try SampleGenerator.write(kind: .retail, customers: 5, seed: 1, to: file)) { error in
            XCTAssertTrue((error as? FeatureError)?.message.contains("not a directory") ?? false)
        }
    }

    /// The committed sample-data files are exactly what `churn sample --customers <default> --seed 42` writes.
    /// Set CHURN_WRITE_SAMPLES=1 to (re)write them instead.
    func testCommittedSamplesMatchTheGenerator() throws {
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let sampleDir = repo.appendingPathComponent("sample-data").path
        let regenerate = ProcessInfo.processInfo.environment["CHURN_WRITE_SAMPLES"] == "1"
        let dir = regenerate ? sampleDir : try temporaryDirectory()
        for kind in SampleKind.allCases {
            let written = try SampleGenerator.write(kind: kind, customers: kind.defaultCustomers, seed: SampleGenerator.defaultSeed, to: dir)
            let committed = sampleDir + "/" + kind.fileName
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: written)), try Data(contentsOf: URL(fileURLWithPath: committed)),
                           "\(committed) differs from the generator's output; regenerate with CHURN_WRITE_SAMPLES=1")
            let size = try FileManager.default.attributesOfItem(atPath: committed)[.size] as? Int ?? 0
            XCTAssertLessThan(size, 5_000_000)
        }
    }

    /// Rank AUC with ties counted half.
    static func auc(_ pairs: [(Double, Bool)]) -> Double {
        let sorted = pairs.sorted { $0.0 < $1.0 }
        var rankSum = 0.0, positives = 0.0
        var i = 0
        while i < sorted.count {
            var j = i
            while j < sorted.count && sorted[j].0 == sorted[i].0 { j += 1 }
            let rank = Double(i + j + 1) / 2
            for k in i..<j where sorted[k].1 { rankSum += rank; positives += 1 }
            i = j
        }
        let negatives = Double(sorted.count) - positives
        return (rankSum - positives * (positives + 1) / 2) / (positives * negatives)
    }
}
