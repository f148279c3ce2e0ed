import Foundation
import XCTest

/// A test case whose tests share one workspace trained and scored from sample-data/subscription.csv
/// (`TrainedWorkspace`), built before the first test of the subclass and removed after its last.
/// A failed build skips the remaining tests with its error.
class TrainedWorkspaceTestCase: XCTestCase {
    /// The prefix of the workspace's temporary folder.
    class var workspacePrefix: String { "churn-e2e" }
    /// The model families `churn train --models` gets.
    class var workspaceModels: String { "logreg" }

    nonisolated(unsafe) private static var fixtures: [String: TrainedWorkspace] = [:]
    nonisolated(unsafe) private static var failures: [String: String] = [:]
    private class var key: String { String(describing: self) }

    /// The shared workspace (nil only when building it failed).
    var workspace: TrainedWorkspace? { Self.fixtures[Self.key] }
    var folder: URL { workspace?.folder ?? FileManager.default.temporaryDirectory }
    var db: String { folder.appendingPathComponent("w.sqlite").path }
    var scoresPath: String { folder.appendingPathComponent("scores.csv").path }
    var subscription: String { TrainedWorkspace.subscription }

    override class func tearDown() {
        fixtures.removeValue(forKey: key)?.remove()
        super.tearDown()
    }

    override func setUpWithError() throws {
        try super.setUpWithError()
        if let error = Self.failures[Self.key] { throw XCTSkip("setup failed: \(error)") }
        guard Self.fixtures[Self.key] == nil else { return }
        do {
            Self.fixtures[Self.key] = try TrainedWorkspace(prefix: Self.workspacePrefix, models: Self.workspaceModels)
        } catch {
            Self.failures[Self.key] = "\(error)"
            throw error
        }
    }

    /// Runs the real binary in the workspace's folder.
    func churn(_ arguments: String...) throws -> (status: Int32, out: String, err: String) {
        try ChurnProcess.run(arguments, in: folder)
    }

    /// Standard output parsed as one JSON object (it must be nothing else).
    func json(_ text: String) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "stdout must be only JSON:\n\(text)")
    }
}
