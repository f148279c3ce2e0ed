@testable import ChurnKit
import Dispatch
import Foundation
import XCTest
@testable import ChurnTUI

/// How long `churn` takes from a workspace with 1,000,000 scored customers to its first frame
/// (release build, opt-in): reading the scores from the store, the risk order and summary, the
/// first render. Run: `CHURN_TUI_BENCH=1 swift test -c release --filter FirstFrameBenchmarkTests`.
final class FirstFrameBenchmarkTests: XCTestCase {
    private func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    func testMillionCustomersFromTheStore() throws {
        guard ProcessInfo.processInfo.environment["CHURN_TUI_BENCH"] != nil else {
            throw XCTSkip("set CHURN_TUI_BENCH=1 to run the first-frame benchmark")
        }
        let n = 1_000_000
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("first-frame-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let store = try Workspace(path: path, user: "bench")
        let model = try store.saveModel(NewModel(family: "gradient-boosting", parametersJSON: "{}", metricsJSON: #"{"auc":0.84}"#,
                                                 featureSchemaJSON: "{}", dataHash: "x", seed: 1, blob: Data([0])), runID: nil)
        let c = ScoreFixtures.customers(n)
        let factors = c.ids.indices.map { i -> String in
            let reason = c.reason(i).map { #"{"feature":"f","text":"\#($0)","contribution":0.2}"# } ?? ""
            return #"{"factors":[\#(reason)],"value":\#(c.values?[i] ?? 0)}"#
        }
        let write = try seconds {
            _ = try store.recordScoring(modelID: model.id, importID: nil, cutoff: nil, customerIDs: c.ids, probabilities: c.probabilities,
                                        tiers: c.tiers.map(\.name), topFactors: factors)
        }
        print("bench: recording \(n) predictions with their snapshot: \(String(format: "%.2f s", write))")

        var loaded: (data: WorkspaceData, threshold: Double)?
        let size = TerminalSize(width: 100, height: 30)
        var frame: Frame?
        let total = try seconds {
            let reopened = try Workspace(path: path, user: "bench")
            loaded = try WorkspaceApp.load(workspace: reopened)
            let state = AppState.workspace(try XCTUnwrap(loaded).data, size: size, user: "bench")
            frame = render(state, size: size)
        }
        XCTAssertEqual(loaded?.data.customers.count, n)
        XCTAssertNotNil(frame)
        let read = try seconds { _ = try ScoreReader(workspace: store).latest() }
        let fromRows = try seconds {
            _ = try store.read { db in try ScoreReader.customersFromRows(db, scoringID: try XCTUnwrap(loaded).data.snapshot.scoringID) }
        }
        let snapshot = try XCTUnwrap(loaded).data.snapshot
        let prepare = seconds { _ = WorkspaceData(workspacePath: path, snapshot: snapshot) }
        print("bench: first frame from the store (open, read snapshot, risk order + summary, render): \(String(format: "%.0f ms", total * 1000))")
        print("bench:   read scores from the snapshot blob: \(String(format: "%.0f ms", read * 1000)); from prediction rows: \(String(format: "%.0f ms", fromRows * 1000))")
        print("bench:   risk order + summary: \(String(format: "%.0f ms", prepare * 1000))")
    }
}
