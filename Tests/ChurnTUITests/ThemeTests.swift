import ChurnKit
import Foundation
import XCTest
@testable import ChurnTUI

/// Theme files: the shipped ones parse and match the built-in copies; user themes win; errors name the line.
final class ThemeTests: XCTestCase {
    private var repoThemes: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("themes")
    }

    func testShippedThemeFilesMatchTheBuiltInCopiesAndParse() throws {
        for name in BuiltinThemes.names {
            let file = try String(contentsOf: repoThemes.appendingPathComponent(name + ".theme"), encoding: .utf8)
            XCTAssertEqual(file.trimmingCharacters(in: .newlines), BuiltinThemes.files[name],
                           "themes/\(name).theme and BuiltinThemes differ; copy the file into BuiltinThemes.swift")
            let theme = try ThemeLoader.parse(file, name: name, path: name)
            XCTAssertEqual(Set(theme.styles.keys), Set(ColorRole.allCases), "\(name) sets every role")
        }
    }

    func testParsesColoursAndAttributes() throws {
        let theme = try ThemeLoader.parse("""
            # comment
            title = black cyan bold, underline
            error = bright-red default
            muted = 245 -
            """, name: "t", path: "t.theme")
        XCTAssertEqual(theme.style(for: .title), ThemeStyle(.index(0), .index(6), [.bold, .underline]))
        XCTAssertEqual(theme.style(for: .error), ThemeStyle(.index(9), .terminalDefault))
        XCTAssertEqual(theme.style(for: .muted), ThemeStyle(.index(245), .terminalDefault))
        XCTAssertEqual(theme.style(for: .heading), ThemeStyle(), "unset roles fall back to text / default")
        XCTAssertTrue(theme.usesColor)
        XCTAssertFalse(ThemeLoader.monochrome.usesColor)
    }

    func testBadLinesNameTheFileAndLine() {
        let cases: [(String, String)] = [
            ("text = default default\ntitel = red blue", "unknown role \"titel\""),
            ("title = purple blue", "unknown colour \"purple\""),
            ("title = 256 blue", "unknown colour \"256\""),
            ("title = red", "a foreground and a background"),
            ("title red blue", "no `=`"),
            ("title = red blue blink", "unknown attribute \"blink\""),
        ]
        for (text, problem) in cases {
            XCTAssertThrowsError(try ThemeLoader.parse(text, name: "x", path: "/tmp/x.theme")) { error in
                let message = (error as? UserFacingError)?.message ?? ""
                XCTAssertTrue(message.contains("/tmp/x.theme line"), message)
                XCTAssertTrue(message.contains(problem), message)
            }
        }
        XCTAssertThrowsError(try ThemeLoader.parse("a\ntitle = red", name: "x", path: "p")) { error in
            XCTAssertTrue((error as? UserFacingError)?.message.contains("p line 1") == true)
        }
    }

    func testUserFolderThemesOverrideBuiltInsAndUnknownNamesListWhatExists() throws {
        let config = FileManager.default.temporaryDirectory.appendingPathComponent("churn-theme-\(UUID().uuidString)")
        let folder = config.appendingPathComponent("churn/themes")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: config) }
        try "text = red black\n".write(to: folder.appendingPathComponent("default.theme"), atomically: true, encoding: .utf8)
        try "text = green black\n".write(to: folder.appendingPathComponent("forest.theme"), atomically: true, encoding: .utf8)
        let env = ["XDG_CONFIG_HOME": config.path, "HOME": "/nonexistent"]

        XCTAssertEqual(ThemeLoader.userThemeFolder(environment: env), folder.path)
        XCTAssertEqual(ThemeLoader.userThemeFolder(environment: ["HOME": "/home/ann"]), "/home/ann/.config/churn/themes")
        XCTAssertEqual(try ThemeLoader.load("default", environment: env).style(for: .text).foreground, .index(1))
        XCTAssertEqual(try ThemeLoader.load("forest", environment: env).style(for: .text).foreground, .index(2))
        XCTAssertEqual(try ThemeLoader.load("light", environment: env).name, "light")
        XCTAssertEqual(ThemeLoader.available(environment: env), ["default", "light", "high-contrast", "monochrome", "forest"])
        XCTAssertEqual(try ThemeLoader.load(folder.appendingPathComponent("forest.theme").path, environment: env).name, "forest")
        XCTAssertThrowsError(try ThemeLoader.load("nope", environment: env)) { error in
            let message = (error as? UserFacingError)?.message ?? ""
            XCTAssertTrue(message.contains("no theme named \"nope\""), message)
            XCTAssertTrue(message.contains("forest"), message)
        }
    }

    func testTerminalOptionsHonourNoColor() {
        XCTAssertTrue(TerminalOptions.resolve(ascii: false, noColor: false, theme: nil, environment: [:]).color)
        XCTAssertFalse(TerminalOptions.resolve(ascii: false, noColor: true, theme: nil, environment: [:]).color)
        XCTAssertFalse(TerminalOptions.resolve(ascii: false, noColor: false, theme: nil, environment: ["NO_COLOR": "1"]).color)
        XCTAssertTrue(TerminalOptions.resolve(ascii: false, noColor: false, theme: nil, environment: ["NO_COLOR": ""]).color,
                      "an empty NO_COLOR does not count (no-color.org)")
        XCTAssertEqual(TerminalOptions.resolve(ascii: true, noColor: false, theme: "light", environment: [:]),
                       TerminalOptions(ascii: true, color: true, theme: "light"))
    }

    func testPaletteFallbackForEightColourTerminals() {
        XCTAssertEqual(CursesTerminal.basicColor(3), 3)
        XCTAssertEqual(CursesTerminal.basicColor(9), 1, "bright red -> red")
        XCTAssertEqual(CursesTerminal.basicColor(8), 7, "bright black stays visible on black")
        XCTAssertEqual(CursesTerminal.basicColor(196), 1, "pure red in the cube")
        XCTAssertEqual(CursesTerminal.basicColor(21), 4, "pure blue in the cube")
        XCTAssertEqual(CursesTerminal.basicColor(250), 7)
        XCTAssertEqual(CursesTerminal.curses(.terminalDefault, 256), -1)
        XCTAssertEqual(CursesTerminal.curses(.index(245), 256), 245)
        XCTAssertEqual(CursesTerminal.curses(.index(245), 8), 7)
    }
}
