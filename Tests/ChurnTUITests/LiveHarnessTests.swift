import ChurnKit
import Foundation
import XCTest
@testable import ChurnTUI

/// Runs the real preview screen on the real terminal, for looking at it by hand in tmux:
///
///     CHURN_TUI_LIVE=1 .build/debug/churnPackageTests.xctest ChurnTUITests.LiveHarnessTests
///
/// Skipped unless `CHURN_TUI_LIVE` is set (`swift test` has no terminal). `CHURN_TUI_LIVE=messy` shows
/// the transaction fixture with control characters and wide text.
final class LiveHarnessTests: XCTestCase {
    func testRunPreviewInTerminal() throws {
        let environment = ProcessInfo.processInfo.environment
        guard let mode = environment["CHURN_TUI_LIVE"] else { throw XCTSkip("set CHURN_TUI_LIVE to run on a terminal") }
        let profile = mode == "messy" ? Fixtures.messyTransactions : Fixtures.subscription
        let options = TerminalOptions.resolve(ascii: environment["CHURN_TUI_ASCII"] != nil, noColor: false,
                                              theme: environment["CHURN_TUI_THEME"])
        do {
            try ImportPreviewApp.run(profile: profile, options: options)
        } catch let error as UserFacingError {
            FileHandle.standardError.write(Data("churn: \(error.message)\n".utf8))
            exit(error.exitCode)
        }
        exit(0)
    }
}
