import ChurnKit
import Foundation
import XCTest
@testable import ChurnTUI

/// Off-screen render benchmark of the High-risk tab with 1,000,000 customers: time per key press
/// (reduce + render) for scrolling, sort toggling and tab switches, and the cells (and their UTF-8
/// bytes) that change between consecutive frames per scroll step — what ncurses would send.
///
///     CHURN_TUI_BENCH=1 swift test -c release --filter HighRiskBenchmarkTests
///
/// Skipped unless CHURN_TUI_BENCH is set. Prints figures; asserts no timings.
final class HighRiskBenchmarkTests: XCTestCase {
    private func seconds(_ body: () -> Void) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    private func ms(_ s: Double) -> String { String(format: "%.3f ms", s * 1000) }

    func testMillionCustomers() throws {
        guard ProcessInfo.processInfo.environment["CHURN_TUI_BENCH"] != nil else {
            throw XCTSkip("set CHURN_TUI_BENCH=1 to run the TUI render benchmark")
        }
        let n = 1_000_000
        let size = TerminalSize(width: 100, height: 30)
        var data: WorkspaceData?
        let build = seconds { data = ScoreFixtures.data(n) }
        var state = AppState.workspace(try XCTUnwrap(data), size: size, user: "bench")
        var frame = render(state, size: size)
        print("bench: \(n) customers, scores + risk order + summary: \(ms(build))")

        /// Presses keys one at a time, rendering after each; returns mean and max time per key and
        /// mean changed cells/bytes between consecutive frames.
        func run(_ keys: [Key]) -> (mean: Double, max: Double, cells: Double, bytes: Double) {
            var total = 0.0, worst = 0.0, cells = 0, bytes = 0
            for key in keys {
                var next = frame
                let t = seconds {
                    state = reduce(state, .key(key))
                    next = render(state, size: size)
                }
                total += t
                worst = max(worst, t)
                for i in next.cells.indices where next.cells[i] != frame.cells[i] {
                    cells += 1
                    bytes += next.cells[i].character.utf8.count
                }
                frame = next
            }
            let k = Double(keys.count)
            return (total / k, worst, Double(cells) / k, Double(bytes) / k)
        }
        func report(_ name: String, _ r: (mean: Double, max: Double, cells: Double, bytes: Double)) {
            print("bench: \(name): \(ms(r.mean)) per key (max \(ms(r.max))), \(String(format: "%.0f", r.cells)) cells / \(String(format: "%.0f", r.bytes)) bytes changed per step")
        }

        report("tab switch 1<->2", run(Array(repeating: [Key.char("2"), .char("1")], count: 50).flatMap { $0 }))
        _ = run([.char("2")])
        report("scroll j (cursor moves)", run(Array(repeating: .char("j"), count: 200)))
        report("scroll j at page edge (view scrolls)", run(Array(repeating: .char("j"), count: 200)))
        report("page down", run(Array(repeating: .pageDown, count: 200)))
        report("ctrl+d", run(Array(repeating: .ctrl("d"), count: 200)))
        report("G / g", run(Array(repeating: [Key.char("G"), .char("g")], count: 50).flatMap { $0 }))
        report("sort toggle s (already sorted column)", run(Array(repeating: .char("s"), count: 100)))
        report("sort new column > (first time: computes the order)", run([.char(">")]))
        report("sort new column > again (cached order)", run([.char("<"), .char(">")]))
        report("tier filter H (filters 1M rows)", run([.char("H")]))
        report("sort toggle s with a filter", run(Array(repeating: .char("s"), count: 100)))
        report("search n (next match)", run([.char("/"), .char("9"), .char("9"), .char("9"), .enter]
                                            + Array(repeating: .char("n"), count: 50)))
    }
}
