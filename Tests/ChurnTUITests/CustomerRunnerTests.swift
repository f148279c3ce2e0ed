import ChurnKit
import Foundation
import XCTest
@testable import ChurnTUI

/// The Customer tab's effects carried out against a real temporary workspace: notes saved with the
/// login name and time and read back as a history, errors posted as actions, and the notes API itself.
final class CustomerRunnerTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("churn-customer-notes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: folder)
    }

    private func workspace(user: String) throws -> Workspace {
        try Workspace(path: folder.appendingPathComponent("w.db").path, user: user)
    }

    /// Waits (polling, with a deadline) until the queue has posted at least one action.
    private func next(_ queue: ActionQueue, timeout: TimeInterval = 10) throws -> [Action] {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let actions = queue.drain()
            if !actions.isEmpty { return actions }
            Thread.sleep(forTimeInterval: 0.01)
        }
        throw XCTSkip("no action posted within \(timeout) s")
    }

    func testSaveAndLoadRoundTripThroughTheRunner() throws {
        let store = try workspace(user: "alice")
        let queue = ActionQueue()
        let runner = EffectRunner(workspace: store, queue: queue)
        let state = AppState.workspace(ScoreFixtures.data(), size: TerminalSize(width: 80, height: 24), user: "alice")

        let before = Date()
        runner.perform(.customer(.saveNote(customerID: "C00042", body: "  Called, wants a cheaper plan  ", supersedes: nil)), state: state)
        // Saving happens at once, on the calling thread.
        let saved = queue.drain()
        guard case .customer(.noteSaved(let note))? = saved.first, saved.count == 1 else {
            return XCTFail("expected noteSaved, got \(saved)")
        }
        XCTAssertEqual(note.customerID, "C00042")
        XCTAssertEqual(note.author, "alice", "the login name of the workspace's user")
        XCTAssertEqual(note.body, "Called, wants a cheaper plan", "surrounding spaces trimmed")
        XCTAssertNil(note.supersedesID)
        XCTAssertGreaterThanOrEqual(note.createdAt.timeIntervalSince1970, before.timeIntervalSince1970 - 1)

        runner.perform(.customer(.saveNote(customerID: "C00042", body: "Called twice", supersedes: note.id)), state: state)
        guard case .customer(.noteSaved(let edit))? = queue.drain().first else { return XCTFail("edit not saved") }
        XCTAssertEqual(edit.supersedesID, note.id)

        // Another person's workspace handle reads both versions back, in order.
        let other = EffectRunner(workspace: try workspace(user: "bob"), queue: queue)
        other.perform(.customer(.loadNotes(customerID: "C00042")), state: state)
        let loaded = try next(queue)
        guard case .customer(.notesLoaded(let id, let notes))? = loaded.first else { return XCTFail("got \(loaded)") }
        XCTAssertEqual(id, "C00042")
        XCTAssertEqual(notes.map(\.body), ["Called, wants a cheaper plan", "Called twice"])
        XCTAssertEqual(notes.map(\.author), ["alice", "alice"])
        XCTAssertEqual(notes[0].createdAt.timeIntervalSince1970, note.createdAt.timeIntervalSince1970, accuracy: 0.01)
        let threads = CustomerNoteThread.threads(notes)
        XCTAssertEqual(threads.count, 1)
        XCTAssertEqual(threads[0].current.body, "Called twice")
        XCTAssertEqual(threads[0].earlier.map(\.body), ["Called, wants a cheaper plan"])

        // Reduced into the app, the loaded notes show on the Customer tab.
        var app = reduce(state, .openCustomer("C00042"))
        app = loaded.reduce(app, reduce)
        let screen = render(app, size: app.size).textLines().joined(separator: "\n")
        XCTAssertTrue(screen.contains("Called twice"), screen)
        XCTAssertTrue(screen.contains("alice"), screen)
    }

    func testFailedSavesArePostedWithTheText() throws {
        let store = try workspace(user: "alice")
        let queue = ActionQueue()
        let runner = EffectRunner(workspace: store, queue: queue)
        let state = AppState.workspace(ScoreFixtures.data(), size: TerminalSize(width: 80, height: 24), user: "alice")
        runner.perform(.customer(.saveNote(customerID: "C00001", body: "edit of nothing", supersedes: 77)), state: state)
        XCTAssertEqual(queue.drain(), [.customer(.noteFailed(customerID: "C00001", body: "edit of nothing",
                                                             message: NoteError.unknownNote(id: 77, customerID: "C00001").message))])
        runner.perform(.customer(.saveNote(customerID: "C00001", body: "   ", supersedes: nil)), state: state)
        XCTAssertEqual(queue.drain(), [.customer(.noteFailed(customerID: "C00001", body: "   ", message: NoteError.emptyBody.message))])
        XCTAssertEqual(try store.notes(customerID: "C00001"), [])
    }

    func testNotesAreAppendOnlyAndEditsCheckTheirTarget() throws {
        let store = try workspace(user: "alice")
        let a = try store.addNote(customerID: "C1", body: "first")
        let b = try store.addNote(customerID: "C2", body: "other customer")
        // An edit must target a note of the same customer, and only the newest version.
        XCTAssertThrowsError(try store.addNote(customerID: "C1", body: "x", supersedes: b.id)) { error in
            XCTAssertEqual(error as? NoteError, .unknownNote(id: b.id, customerID: "C1"))
        }
        let a2 = try store.addNote(customerID: "C1", body: "second", supersedes: a.id)
        XCTAssertThrowsError(try store.addNote(customerID: "C1", body: "y", supersedes: a.id)) { error in
            XCTAssertEqual(error as? NoteError, .alreadyEdited(id: a.id, by: a2.id))
        }
        XCTAssertThrowsError(try store.addNote(customerID: "", body: "y")) { error in
            XCTAssertEqual(error as? NoteError, .emptyCustomer)
        }
        XCTAssertEqual(try store.notes(customerID: "C1").map(\.body), ["first", "second"], "the old text stays as history")
        XCTAssertEqual(try store.notes(customerID: "nobody"), [])
    }

    func testThreadsGroupVersionsNewestFirst() {
        let t = Date(timeIntervalSince1970: 0)
        func note(_ id: Int64, _ old: Int64?, _ minutes: Double) -> CustomerNote {
            CustomerNote(id: id, customerID: "C", author: "a", body: "\(id)", supersedesID: old, createdAt: t.addingTimeInterval(minutes * 60))
        }
        // 1 <- 3 <- 4 (edited twice), 2 alone, 5 edits a version not given (starts its own thread).
        let threads = CustomerNoteThread.threads([note(1, nil, 0), note(2, nil, 1), note(3, 1, 2), note(4, 3, 5), note(5, 99, 3)])
        XCTAssertEqual(threads.map(\.current.id), [4, 5, 2])
        XCTAssertEqual(threads[0].earlier.map(\.id), [3, 1])
        XCTAssertEqual(threads[1].earlier, [])
        XCTAssertEqual(CustomerNoteThread.threads([]), [])
    }

    func testTransactionHistoryIsBuiltInTheBackground() throws {
        let fixture = try AnalysisFixture.load(.retail)
        let queue = ActionQueue()
        let runner = EffectRunner(workspace: fixture.workspace, queue: queue)
        let state = fixture.state(TerminalSize(width: 100, height: 30), tab: .customer)
        runner.perform(.customer(.loadHistory), state: state)
        let posted = try next(queue, timeout: 120)
        guard case .customer(.historyLoaded(let history))? = posted.first else { return XCTFail("got \(posted)") }
        XCTAssertNotNil(history.value.outlook("C00022"))
        XCTAssertNotNil(history.value.monthlySpend("C00022"))
    }
}
