import ChurnKit
import XCTest

final class ChurnConfigTests: XCTestCase {
    func testReadsKeysCommentsAndQuotedStrings() {
        var config = ChurnConfig(path: "/x/config.toml")
        config.read("""
        # churn settings
        workspace = "~/retention/ws.sqlite"   # the team's workspace
        theme = 'light'
        ascii = true
        color = false

        mouse = false
        """, home: "/home/ana")
        XCTAssertEqual(config.workspace, "/home/ana/retention/ws.sqlite")
        XCTAssertEqual(config.theme, "light")
        XCTAssertEqual(config.ascii, true)
        XCTAssertEqual(config.color, false)
        XCTAssertEqual(config.mouse, false)
        XCTAssertEqual(config.problems, [])
    }

    func testMistakesNameTheLineAndTheRestStillApplies() {
        var config = ChurnConfig(path: "/x/config.toml")
        config.read("""
        theme = dark
        themes = "light"
        ascii = yes
        [display]
        mouse
        color = true
        theme = "a#b"
        """, home: "/h")
        XCTAssertEqual(config.problems, [
            "config.toml line 1: theme expects a quoted string, e.g. theme = \"...\"",
            "config.toml line 2: unknown key themes; did you mean theme?",
            "config.toml line 3: ascii expects true or false, found yes",
            "config.toml line 4: tables ([...]) are not used by churn; write key = value lines",
            "config.toml line 5: expected key = value, found \"mouse\"",
        ])
        XCTAssertEqual(config.color, true)
        XCTAssertEqual(config.theme, "a#b", "a # inside quotes is not a comment")
        XCTAssertNil(config.ascii)
    }

    func testLocationFollowsXDG() throws {
        XCTAssertEqual(ChurnConfig.directory(environment: ["XDG_CONFIG_HOME": "/cfg", "HOME": "/h"]), "/cfg/churn")
        XCTAssertEqual(ChurnConfig.directory(environment: ["XDG_CONFIG_HOME": "relative", "HOME": "/h"]), "/h/.config/churn",
                       "a relative XDG_CONFIG_HOME is ignored, as the spec says")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cfg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("churn"), withIntermediateDirectories: true)
        try "theme = \"monochrome\"\n".write(to: dir.appendingPathComponent("churn/config.toml"), atomically: true, encoding: .utf8)
        let loaded = ChurnConfig.load(environment: ["XDG_CONFIG_HOME": dir.path, "HOME": "/h"])
        XCTAssertTrue(loaded.exists)
        XCTAssertEqual(loaded.theme, "monochrome")
        XCTAssertFalse(ChurnConfig.load(environment: ["XDG_CONFIG_HOME": "/nonexistent-\(UUID())", "HOME": "/h"]).exists)
    }
}
