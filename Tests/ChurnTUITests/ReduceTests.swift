import ChurnKit
import XCTest
@testable import ChurnTUI

/// Key handling as action sequences on the pure reducer.
final class ReduceTests: XCTestCase {
    private let size = TerminalSize(width: 80, height: 24)

    private func start() -> AppState {
        AppState.importPreview(Fixtures.subscription, size: size, user: "ann")
    }

    private func preview(_ state: AppState) -> ImportPreviewState {
        guard let preview = state.preview else { fatalError("the preview state must have a preview") }
        return preview
    }

    private func press(_ keys: [Key], from state: AppState) -> AppState {
        keys.reduce(state) { reduce($0, .key($1)) }
    }

    func testScrollingStaysWithinTheDocument() {
        var state = start()
        let lines = preview(state).document.lines.count
        let visible = size.height - 3  // title, summary, status bar
        XCTAssertGreaterThan(lines, visible, "the fixture must need scrolling")
        let maxTop = lines - visible

        state = press([.up, .char("k"), .pageUp], from: state)
        XCTAssertEqual(preview(state).scroll.top, 0, "cannot scroll above the top")
        state = press([.down, .char("j")], from: state)
        XCTAssertEqual(preview(state).scroll.top, 2)
        state = press([.pageDown], from: state)
        XCTAssertEqual(preview(state).scroll.top, min(maxTop, 2 + visible - 1), "a page keeps one line of context")
        state = press(Array(repeating: .pageDown, count: 10), from: state)
        XCTAssertEqual(preview(state).scroll.top, maxTop, "cannot scroll past the last page")
        state = press([.char("j")], from: state)
        XCTAssertEqual(preview(state).scroll.top, maxTop)
        state = press([.char("g")], from: state)
        XCTAssertEqual(preview(state).scroll.top, 0)
        state = press([.end], from: state)
        XCTAssertEqual(preview(state).scroll.top, maxTop)
        state = press([.home], from: state)
        XCTAssertEqual(preview(state).scroll.top, 0)
        state = press([.char("G"), .ctrl("u")], from: state)
        XCTAssertEqual(preview(state).scroll.top, maxTop - visible / 2)
    }

    func testHorizontalScrollingStopsAtTheWidestLine() {
        var state = start()
        let widest = preview(state).document.width
        XCTAssertGreaterThan(widest, size.width)
        state = press([.left], from: state)
        XCTAssertEqual(preview(state).scroll.left, 0)
        state = press([.right, .char("l")], from: state)
        XCTAssertEqual(preview(state).scroll.left, 16)
        state = press(Array(repeating: .right, count: 100), from: state)
        XCTAssertEqual(preview(state).scroll.left, widest - size.width)
        state = press([.char("0")], from: state)
        XCTAssertEqual(preview(state).scroll.left, 0)
    }

    func testHelpTogglesAndOtherKeysCloseIt() {
        var state = start()
        XCTAssertNil(state.overlay)
        state = press([.char("?")], from: state)
        XCTAssertEqual(state.overlay, .help)
        state = press([.char("?")], from: state)
        XCTAssertNil(state.overlay)
        state = press([.function(1)], from: state)
        XCTAssertEqual(state.overlay, .help)
        state = press([.escape], from: state)
        XCTAssertNil(state.overlay)
        // A scrolling key while the help is open closes the help and does not scroll.
        state = press([.char("?"), .down], from: state)
        XCTAssertNil(state.overlay)
        XCTAssertEqual(preview(state).scroll.top, 0)
    }

    func testQuitKeysAndSignals() {
        XCTAssertFalse(start().shouldQuit)
        XCTAssertTrue(press([.char("q")], from: start()).shouldQuit)
        XCTAssertTrue(press([.char("?"), .char("q")], from: start()).shouldQuit, "q quits even with the help open")
        XCTAssertTrue(press([.ctrl("c")], from: start()).shouldQuit)
        XCTAssertTrue(reduce(start(), .terminate).shouldQuit)
        XCTAssertTrue(reduce(start(), .interrupt).shouldQuit)
        XCTAssertFalse(press([.char("x"), .char("Z"), .tab], from: start()).shouldQuit, "unbound keys do nothing")
    }

    func testResizeKeepsTheViewInsideAndRewrapsText() {
        var state = press([.char("G")], from: start())
        let bottomAt80 = preview(state).scroll.top
        state = reduce(state, .resize(TerminalSize(width: 120, height: 60)))
        let doc = preview(state).document
        XCTAssertEqual(doc.layoutWidth, 120)
        XCTAssertEqual(preview(state).scroll.top, max(0, doc.lines.count - 57))
        XCTAssertLessThan(preview(state).scroll.top, bottomAt80)
        // Back to a small size: still inside the document.
        state = reduce(state, .resize(TerminalSize(width: 40, height: 10)))
        let small = preview(state)
        XCTAssertLessThanOrEqual(small.scroll.top, small.document.lines.count - 7)
    }

    func testMessagesShowUntilTheNextKey() {
        var state = reduce(start(), .showMessage("model trained"))
        XCTAssertEqual(state.message, "model trained")
        XCTAssertTrue(render(state, size: size).textLines().last?.contains("model trained") == true)
        state = press([.down], from: state)
        XCTAssertNil(state.message)
    }

    func testEveryHelpLineMatchesABinding() {
        // The help is generated from the key map, so each listed key must do what the line says.
        for binding in ImportPreviewState.keyMap.bindings {
            for key in binding.keys {
                XCTAssertEqual(ImportPreviewState.keyMap.action(for: key), binding.action, "\(key)")
            }
        }
        let help = render(press([.char("?")], from: AppState.importPreview(Fixtures.subscription,
                                size: TerminalSize(width: 100, height: 30), user: "ann")),
                          size: TerminalSize(width: 100, height: 30)).textLines().joined(separator: "\n")
        for binding in ImportPreviewState.keyMap.bindings {
            XCTAssertTrue(help.contains(binding.help), "help lists \(binding.help)")
        }
    }

    func testRenderingDoesNotCrashAtAnySmallSize() {
        let state = press([.char("G"), .char("?")], from: start())
        for width in 0...45 {
            for height in 0...12 {
                let frame = render(state, size: TerminalSize(width: width, height: height))
                XCTAssertEqual(frame.textLines().count, height)
            }
        }
    }
}
