import Foundation
import XCTest
@testable import ChurnKit

/// Run progress in the `runs` table: events written as stage and share done, ended runs left alone,
/// and the recorder's throttle (driven by an injected clock, so no timing is involved).
final class RunProgressTests: XCTestCase {
    private var folder: URL!
    private var dbPath: String { folder.appendingPathComponent("workspace.sqlite").path }

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("churn-progress-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    private func startRun(_ store: Workspace) throws -> Int64 {
        let profile = DataProfile(file: "x.csv", encoding: "UTF-8", delimiter: ",", rows: 0, shape: .customerTable, shapeReason: "",
                                  roles: [:], customers: nil, dateSpan: nil, columns: [], classBalance: nil, counts: ProblemCounts(),
                                  checks: [], qualityScore: 10, usable: true, preview: [])
        let importID = try store.recordImport(profile, fileHash: "h", mapping: ColumnMapping())
        return try store.startRun(importID: importID, parametersJSON: "{}")
    }

    private func event(_ stage: TrainingStage, _ fraction: Double) -> TrainingEvent {
        TrainingEvent(stage: stage, fraction: fraction, elapsed: 0, message: "")
    }

    private func row(_ store: Workspace, _ id: Int64) throws -> RunRecord {
        try XCTUnwrap(try store.runs().first { $0.id == id })
    }

    func testProgressIsWrittenWhileRunningAndNotAfter() throws {
        let store = try Workspace(path: dbPath, user: "ann")
        let id = try startRun(store)
        XCTAssertEqual(try row(store, id).stage, "preparing")
        try store.recordRunProgress(id, event: event(.searching, 0.25))
        XCTAssertEqual(try row(store, id).stage, "searching")
        XCTAssertEqual(try row(store, id).progress, 0.25)
        // Out-of-range and non-finite shares are clamped, never stored as such.
        try store.recordRunProgress(id, event: event(.searching, 1.7))
        XCTAssertEqual(try row(store, id).progress, 1)
        try store.recordRunProgress(id, event: event(.searching, .nan))
        XCTAssertEqual(try row(store, id).progress, 0)
        try store.recordRunProgress(id, event: event(.calibrating, 0.9))
        try store.finishRun(id, status: .cancelled, error: "training was cancelled")
        // A late event of an ended run changes nothing.
        try store.recordRunProgress(id, event: event(.refitting, 0.95))
        let ended = try row(store, id)
        XCTAssertEqual(ended.status, .cancelled)
        XCTAssertEqual(ended.stage, "calibrating")
        XCTAssertEqual(ended.progress, 0.9)
    }

    func testRecorderWritesAtMostTwiceASecondPlusStageChangesAndFlushes() throws {
        let store = try Workspace(path: dbPath, user: "ann")
        let id = try startRun(store)
        final class Clock: @unchecked Sendable { var now = 100.0 }
        let clock = Clock()
        let recorder = RunProgressRecorder(workspace: store, runID: id, interval: 0.5, clock: { clock.now })

        recorder.record(event(.preparing, 0.0))        // first event: written
        XCTAssertEqual(recorder.writes, 1)
        clock.now = 100.1
        recorder.record(event(.searching, 0.1))        // stage changed: written at once
        XCTAssertEqual(recorder.writes, 2)
        clock.now = 100.2
        recorder.record(event(.searching, 0.2))        // 0.1 s after the last write: held
        clock.now = 100.5
        recorder.record(event(.searching, 0.3))        // 0.4 s: held (replaces 0.2)
        XCTAssertEqual(recorder.writes, 2)
        XCTAssertEqual(try row(store, id).progress, 0.1)
        clock.now = 100.6
        recorder.record(event(.searching, 0.4))        // 0.5 s: written
        XCTAssertEqual(recorder.writes, 3)
        XCTAssertEqual(try row(store, id).progress, 0.4)
        clock.now = 100.7
        recorder.record(event(.searching, 0.45))       // held
        recorder.flush()                               // the held event is written
        XCTAssertEqual(recorder.writes, 4)
        XCTAssertEqual(try row(store, id).progress, 0.45)
        recorder.flush()                               // nothing held: no write
        XCTAssertEqual(recorder.writes, 4)
        XCTAssertNil(recorder.lastError)
    }

    func testTrainCommandStepsLeaveAFinishedRow() throws {
        // The recorder against a run that ends: the final row says succeeded with progress 1 (saveModel).
        let store = try Workspace(path: dbPath, user: "ann")
        let id = try startRun(store)
        let recorder = store.runProgressRecorder(runID: id)
        recorder.record(event(.searching, 0.5))
        XCTAssertEqual(try row(store, id).progress, 0.5)
        _ = try store.saveModel(NewModel(family: "logreg", parametersJSON: "{}", metricsJSON: "{}", featureSchemaJSON: "{}",
                                         dataHash: "h", seed: 1, blob: Data([1])), runID: id)
        recorder.record(event(.finished, 1))
        recorder.flush()
        let finished = try row(store, id)
        XCTAssertEqual(finished.status, .succeeded)
        XCTAssertEqual(finished.progress, 1)
    }
}
