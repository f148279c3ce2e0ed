import XCTest
@testable import ChurnTUI

final class TextInputTests: XCTestCase {
    private func type(_ keys: [Key], into input: inout TextInput) -> TextInput.Outcome {
        var last = TextInput.Outcome.editing
        for key in keys { last = input.edit(key) }
        return last
    }

    func testTypingMovingAndDeleting() {
        var input = TextInput()
        _ = type("risk > 0.7".map { .char($0) }, into: &input)
        XCTAssertEqual(input.text, "risk > 0.7")
        _ = type([.home, .delete, .char("R"), .end, .backspace, .char("5")], into: &input)
        XCTAssertEqual(input.text, "Risk > 0.5")
        XCTAssertEqual(input.cursor, 10)
        _ = type([.ctrl("w")], into: &input)
        XCTAssertEqual(input.text, "Risk > ")
        _ = type([.left, .left, .ctrl("k")], into: &input)
        XCTAssertEqual(input.text, "Risk ")
        _ = type([.ctrl("a"), .right, .ctrl("u")], into: &input)
        XCTAssertEqual(input.text, "isk ")
        XCTAssertEqual(input.cursor, 0)
        XCTAssertEqual(type([.enter], into: &input), .submitted("isk "))
        XCTAssertEqual(type([.escape], into: &input), .cancelled)
    }

    func testDrawKeepsTheCursorVisible() {
        var frame = Frame(size: TerminalSize(width: 12, height: 1), asciiOnly: false)
        let input = TextInput("abcdefghijklmnop")
        input.draw(into: &frame, x: 0, y: 0, width: 12, prompt: "f ")
        XCTAssertEqual(frame.textLines()[0], "f hijklmnop", "the last nine characters and the cursor cell after them")
    }
}
