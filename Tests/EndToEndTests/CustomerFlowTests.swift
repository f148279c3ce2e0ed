import ChurnKit
import Foundation
import XCTest

/// Flow (b) of issue 5 in a real terminal (tmux) on a trained and scored workspace: find a customer by
/// id, read the reasons, add a note, quit; reopen and see the note, stored with the login name.
final class CustomerFlowTests: XCTestCase {
    private var fixture: TrainedWorkspace?

    override func setUpWithError() throws {
        guard TmuxSession.isAvailable else { throw XCTSkip("tmux is not installed") }
        fixture = try TrainedWorkspace(prefix: "churn-e2e-customer")
    }

    override func tearDown() {
        fixture?.remove()
    }

    /// Opens the Customer tab and finds S00042 through the id search.
    private func openCustomer(_ session: TmuxSession) throws {
        try session.waitFor("Churners", timeout: 30)
        try session.send("5")
        try session.waitFor("none open")
        try session.send("/")
        try session.waitFor("Find customer:")
        try session.sendLiteral("s0004")
        try session.waitFor("10 ids match")
        try session.send("Down", "Down")
        try session.send("Enter")
        try session.waitFor("Customer S00042")
    }

    func testFindACustomerReadTheReasonsAddANoteAndSeeItAfterReopening() throws {
        let db = try XCTUnwrap(fixture).db
        let note = "E2E: wants a cheaper plan, call back in June"

        let first = try TmuxSession([try TestPaths.churnBinary(), "--db", db], width: 80, height: 24)
        defer { first.kill() }
        try openCustomer(first)
        // The reasons in words arrive with the explainer (loaded in the background).
        let reasons = try first.waitUntil("the reasons", timeout: 60) { $0.contains("Reasons") && $0.contains(" risk by ") }
        XCTAssertTrue(reasons.contains("Churn risk"), reasons)
        XCTAssertTrue(reasons.contains("Prediction"), reasons)
        // The notes section: `}` jumps from section to section until it is on screen.
        var screen = try first.capture()
        for _ in 0..<10 where !screen.contains("No notes yet") {
            try first.send("}")
            Thread.sleep(forTimeInterval: 0.3)
            screen = try first.capture()
        }
        XCTAssertTrue(screen.contains("No notes yet"), screen)

        try first.send("n")
        try first.waitFor("New note:")
        try first.sendLiteral(note)
        try first.send("Enter")
        let saved = try first.waitFor("note saved")
        XCTAssertTrue(saved.contains(note), saved)
        try first.send("q")
        XCTAssertEqual(try first.exitStatus(), 0)

        // Stored at once, with the login name.
        let stored = try Workspace(path: db).notes(customerID: "S00042")
        XCTAssertEqual(stored.map(\.body), [note])
        let author = try XCTUnwrap(stored.first?.author)
        XCTAssertFalse(author.isEmpty)

        let second = try TmuxSession([try TestPaths.churnBinary(), "--db", db], width: 80, height: 24)
        defer { second.kill() }
        try openCustomer(second)
        let reopened = try second.waitUntil("the saved note", timeout: 30) { $0.contains("Last note") && $0.contains(note) }
        XCTAssertTrue(reopened.contains(author), reopened)
        try second.send("q")
        XCTAssertEqual(try second.exitStatus(), 0)
    }
}
