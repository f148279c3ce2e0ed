import ChurnKit
import XCTest
@testable import ChurnTUI

/// The import preview rendered off-screen at several sizes, compared with reviewed snapshots.
final class ImportPreviewSnapshotTests: XCTestCase {
    private func state(_ size: TerminalSize) -> AppState { state(Fixtures.subscription, size) }

    private func state(_ profile: DataProfile, _ size: TerminalSize, glyphs: Glyphs = .unicode) -> AppState {
        AppState.importPreview(profile, size: size, user: "ann", glyphs: glyphs)
    }

    func testPreviewAt100x30() {
        let size = TerminalSize(width: 100, height: 30)
        assertSnapshot(render(state(size), size: size), named: "preview-100x30")
    }

    func testPreviewAt80x24() {
        let size = TerminalSize(width: 80, height: 24)
        assertSnapshot(render(state(size), size: size), named: "preview-80x24")
    }

    func testPreviewAt80x24ScrolledToTheChecks() {
        let size = TerminalSize(width: 80, height: 24)
        var s = state(size)
        for _ in 0..<2 { s = reduce(s, .key(.pageDown)) }
        assertSnapshot(render(s, size: size), named: "preview-80x24-page3")
    }

    func testPreviewAt80x24ScrolledRight() {
        let size = TerminalSize(width: 80, height: 24)
        var s = state(size)
        for _ in 0..<4 { s = reduce(s, .key(.right)) }
        assertSnapshot(render(s, size: size), named: "preview-80x24-right")
    }

    func testHelpAt80x24() {
        let size = TerminalSize(width: 80, height: 24)
        let s = reduce(state(size), .key(.char("?")))
        assertSnapshot(render(s, size: size), named: "preview-80x24-help")
    }

    func testTinyTerminalShowsWhatItNeeds() {
        let size = TerminalSize(width: 20, height: 6)
        assertSnapshot(render(state(size), size: size), named: "preview-20x6")
    }

    func testMessyTransactionsInASCII() {
        let size = TerminalSize(width: 80, height: 24)
        assertSnapshot(render(state(Fixtures.messyTransactions, size, glyphs: .ascii), size: size),
                       named: "messy-transactions-80x24-ascii")
    }

    func testMessyTransactionsUnicode() {
        let size = TerminalSize(width: 80, height: 24)
        assertSnapshot(render(state(Fixtures.messyTransactions, size), size: size), named: "messy-transactions-80x24")
    }
}
