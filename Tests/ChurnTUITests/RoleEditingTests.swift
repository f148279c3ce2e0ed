import ChurnKit
import Foundation
import XCTest
@testable import ChurnTUI

/// `m` on the import preview edits the column roles: the file is read again with them and training
/// uses them.
final class RoleEditingTests: XCTestCase {
    private var file: String!

    override func setUpWithError() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("roles-\(UUID().uuidString).csv")
        // Two outcome-like columns: the name picks `churned`; the user means `cancelled`.
        var text = "customer_id,months,plan,churned,cancelled\n"
        for i in 0..<60 {
            text += "A\(100 + i),\(i % 30 + 1),\(i % 3 == 0 ? "basic" : "pro"),\(i % 4 == 0 ? "yes" : "no"),\(i % 5 == 0 ? "yes" : "no")\n"
        }
        try text.write(to: url, atomically: true, encoding: .utf8)
        file = url.path
    }

    override func tearDown() {
        if let file { try? FileManager.default.removeItem(atPath: file) }
    }

    private func start() throws -> AppState {
        let first = try PreviewReprofile.load(file: file, ingest: IngestOptions())
        let plan = TrainingPlan(file: file, ingest: first.ingest)
        let preview = ImportPreviewState(profile: first.profile, layoutWidth: 100, glyphs: .unicode, plan: plan, horizon: first.advice)
        return reduce(AppState(preview: preview, size: TerminalSize(width: 100, height: 30), user: "ann"), .resize(TerminalSize(width: 100, height: 30)))
    }

    private func press(_ keys: [Key], _ state: AppState) -> AppState { keys.reduce(state) { reduce($0, .key($1)) } }
    private func chars(_ text: String) -> [Key] { text.map { .char($0) } }

    func testTypedRolesAreReadAgainAndTrainedWith() throws {
        var state = try start()
        XCTAssertEqual(state.preview?.profile.roles["target"], "churned", "detected by name")
        state = press([.char("m")] + chars("target=cancelled customer=customer_id"), state)
        let line = render(state, size: state.size).textLines()[2]
        XCTAssertTrue(line.contains("role=column: target=cancelled customer=customer_id"), line)
        state = press([.enter], state)
        XCTAssertNil(state.preview?.roleInput)
        guard case .reprofile(let plan)? = state.effects.last else { return XCTFail("expected a reprofile effect, got \(state.effects)") }
        XCTAssertEqual(plan.value.ingest.mapping[.target], "cancelled")
        XCTAssertEqual(plan.value.ingest.mapping[.customer], "customer_id")
        // What the runner does in the background, then its result.
        let result = try PreviewReprofile.load(file: plan.value.file, ingest: plan.value.ingest)
        state.effects.removeAll()
        state = reduce(state, .preview(.reprofiled(Shared(result))))
        XCTAssertEqual(state.preview?.profile.roles["target"], "cancelled")
        XCTAssertEqual(state.preview?.trainingPlan?.request.ingest.mapping[.target], "cancelled", "t trains with the new roles")
        XCTAssertTrue(state.message?.contains("target=cancelled") == true, state.message ?? "")
    }

    func testMistakesSayWhatIsWrongAndDigitsAreText() throws {
        var state = try start()
        state = press([.char("m")] + chars("targt=cancelled") + [.enter], state)
        XCTAssertTrue(state.message?.contains("did you mean 'target'") == true, state.message ?? "")
        XCTAssertTrue(state.effects.isEmpty)
        state = press([.char("m"), .char("q"), .char("1"), .escape], state)
        XCTAssertFalse(state.shouldQuit, "q is text while typing roles")
        XCTAssertNil(state.preview?.roleInput)
        // A column that is not in the file: the runner's error names it.
        var plan = try XCTUnwrap(state.preview?.plan)
        plan.ingest.mapping[.target] = "canceled"
        XCTAssertThrowsError(try PreviewReprofile.load(file: plan.file, ingest: plan.ingest)) { error in
            let message = (error as? UserFacingError)?.message ?? ""
            XCTAssertTrue(message.contains("canceled"), message)
        }
    }
}
