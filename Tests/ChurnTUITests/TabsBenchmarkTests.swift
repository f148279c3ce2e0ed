import ChurnKit
import Dispatch
import Foundation
import XCTest
@testable import ChurnTUI

/// Key press to finished frame on every tab with a real trained workspace loaded (release build,
/// opt-in): `CHURN_TUI_BENCH=1 swift test -c release --filter TabsBenchmarkTests`. Background work the
/// keys request (SHAP importance, driver segments) is not included: it runs off the UI thread.
final class TabsBenchmarkTests: XCTestCase {
    func testKeyToFrameOnEveryTab() throws {
        guard ProcessInfo.processInfo.environment["CHURN_TUI_BENCH"] != nil else {
            throw XCTSkip("set CHURN_TUI_BENCH=1 to run the tab benchmark")
        }
        let fixture = try AnalysisFixture.load(.subscription, families: [.gbdt])
        let size = TerminalSize(width: 100, height: 30)
        var state = fixture.state(size)
        var frame = render(state, size: size)

        func run(_ name: String, _ keys: [Key]) {
            var total = 0.0, worst = 0.0, cells = 0
            for key in keys {
                let start = DispatchTime.now().uptimeNanoseconds
                state = reduce(state, .key(key))
                state.effects.removeAll()
                let next = render(state, size: size)
                let t = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
                total += t
                worst = max(worst, t)
                cells += next.changedCells(since: frame)
                frame = next
            }
            print(String(format: "bench: %@: %.2f ms per key (max %.2f ms), %.0f cells changed per key", name, total / Double(keys.count),
                         worst, Double(cells) / Double(keys.count)))
        }
        run("tab switches 1-7", Array(repeating: (1...7).map { Key.char(Character(String($0))) }, count: 10).flatMap { $0 })
        run("High-risk scroll j", [.char("2")] + Array(repeating: .char("j"), count: 100))
        run("Model view cycle v", [.char("4")] + Array(repeating: .char("v"), count: 20))
        run("Model threshold ]/[", Array(repeating: [Key.char("]"), .char("[")], count: 20).flatMap { $0 })
        run("Customer tab", [.char("5")])
        run("What-if slider ←/→", [.char("6")] + Array(repeating: [Key.right, .left], count: 20).flatMap { $0 })
        run("What-if next slider j", Array(repeating: .char("j"), count: 9))
        run("Settings threshold →/←", [.char("7")] + Array(repeating: [Key.right, .left], count: 20).flatMap { $0 })
        run("Overview threshold +/-", [.char("1")] + Array(repeating: [Key.char("+"), .char("-")], count: 20).flatMap { $0 })
    }
}
