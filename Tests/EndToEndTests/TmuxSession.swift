import Foundation
import XCTest

/// Runs a program in a detached tmux session on a private socket, to drive it like a person would:
/// send keys, read the screen, resize, and read the exit status.
///
/// Waiting is done by polling `capture-pane` every 50 ms against a deadline, never by fixed sleeps.
final class TmuxSession {
    /// Why a step of the session failed.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let socket: String
    let name = "churn-e2e"
    /// The program's exit status is written here by the wrapping shell.
    let statusFile: String
    private var killed = false

    /// Whether tmux can be run here.
    static var isAvailable: Bool { (try? run(["-V"])) != nil }

    /// Starts `command` (program and arguments) in a new session of `width` x `height`.
    init(_ command: [String], width: Int = 100, height: Int = 30, environment: [String: String] = [:]) throws {
        let id = UUID().uuidString
        socket = FileManager.default.temporaryDirectory.appendingPathComponent("churn-tmux-\(id).sock").path
        statusFile = FileManager.default.temporaryDirectory.appendingPathComponent("churn-tmux-\(id).status").path
        var arguments = ["-S", socket, "-f", "/dev/null", "set-option", "-g", "remain-on-exit", "on", ";",
                         "new-session", "-d", "-s", name, "-x", String(width), "-y", String(height)]
        var env = ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"]
        env.merge(environment) { $1 }
        for (key, value) in env.sorted(by: { $0.key < $1.key }) { arguments += ["-e", "\(key)=\(value)"] }
        // A shell runs the program and writes its exit status to a file: tmux 3.3 here does not always
        // reap a program that exits right after closing the terminal, which leaves #{pane_dead_status}
        // empty. The program stays in the foreground process group, so it gets SIGWINCH and keys.
        let inner = command.map(Self.shellQuote).joined(separator: " ") + "; echo $? > " + Self.shellQuote(statusFile)
        arguments.append("exec sh -c " + Self.shellQuote(inner))
        try Self.run(arguments)
    }

    deinit { kill() }

    /// The visible screen as text, one line per row.
    func capture() throws -> String {
        try tmux(["capture-pane", "-p", "-t", name])
    }

    /// The screen and up to 200 lines of scrollback, with wrapped lines joined.
    func captureWithHistory() throws -> String {
        try tmux(["capture-pane", "-p", "-J", "-S", "-200", "-t", name])
    }

    /// Polls the screen until `predicate` holds on a settled screen (two captures alike); fails with the
    /// last screen after `timeout` seconds.
    @discardableResult
    func waitUntil(_ what: String, timeout: TimeInterval = 10, _ predicate: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        while true {
            screen = (try? capture()) ?? ""
            if predicate(screen) {
                // The frame may still be arriving: return once two captures agree (the screen is settled).
                for _ in 0..<20 {
                    usleep(30_000)
                    let again = (try? capture()) ?? ""
                    if again == screen { break }
                    screen = again
                }
                if predicate(screen) { return screen }
            }
            if Date() > deadline { throw Failure(description: "timed out waiting for \(what); screen was:\n\(screen)") }
            usleep(50_000)
        }
    }

    /// Polls until the screen contains `text`.
    @discardableResult
    func waitFor(_ text: String, timeout: TimeInterval = 10) throws -> String {
        try waitUntil("\"\(text)\"", timeout: timeout) { $0.contains(text) }
    }

    /// Sends keys by tmux name (`Up`, `PageDown`, `Escape`, `C-c`) or as plain characters.
    func send(_ keys: String...) throws {
        try tmux(["send-keys", "-t", name] + keys)
    }

    /// Sends text literally (UTF-8 included).
    func sendLiteral(_ text: String) throws {
        try tmux(["send-keys", "-t", name, "-l", text])
    }

    /// Resizes the window (the program gets SIGWINCH).
    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", name, "-x", String(width), "-y", String(height)])
    }

    /// The exit status once the program has exited, polling until `timeout`; nil if it is still running.
    func exitStatus(timeout: TimeInterval = 10) throws -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let text = try? String(contentsOfFile: statusFile, encoding: .utf8),
               let status = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                return status
            }
            let fields = try tmux(["display-message", "-p", "-t", name, "#{pane_dead} #{pane_dead_status}"])
                .trimmingCharacters(in: .whitespacesAndNewlines).split(separator: " ")
            if fields.count == 2, fields[0] == "1", let status = Int32(fields[1]) { return status }
            if Date() > deadline { return nil }
            usleep(50_000)
        }
    }

    /// Stops the tmux server of this session (and the program, if it still runs).
    func kill() {
        guard !killed else { return }
        killed = true
        _ = try? tmux(["kill-server"])
        try? FileManager.default.removeItem(atPath: socket)
        try? FileManager.default.removeItem(atPath: statusFile)
    }

    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        try Self.run(["-S", socket] + arguments)
    }

    /// Runs tmux and returns its output. Output goes through temporary files, not pipes: the tmux
    /// server started by `new-session` inherits the client's descriptors and would keep a pipe open.
    @discardableResult
    private static func run(_ arguments: [String]) throws -> String {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("churn-tmux-out-\(UUID().uuidString)")
        let outURL = base.appendingPathExtension("out"), errURL = base.appendingPathExtension("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        // posix_spawn + waitpid rather than Foundation's Process: Process waits on a descriptor that the
        // tmux server (forked by the client) inherits, so it never sees the client exit.
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outURL.path, O_WRONLY | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errURL.path, O_WRONLY | O_TRUNC, 0o600)
        let argv = (["tmux"] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, "tmux", &actions, nil, argv, environ)
        guard spawned == 0 else { throw Failure(description: "cannot run tmux: \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exited = (status & 0x7f) == 0
        let code = (status >> 8) & 0xff
        let output = (try? String(contentsOf: outURL, encoding: .utf8)) ?? ""
        guard exited, code == 0 else {
            let errors = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
            throw Failure(description: "tmux \(arguments.joined(separator: " ")) failed (status \(code)): \(errors)")
        }
        return output
    }

    /// Quotes a word for the shell tmux runs the command with.
    static func shellQuote(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// Finds the files the end-to-end tests need.
enum TestPaths {
    /// The package root (three levels above this file: Tests/EndToEndTests/).
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// The built `churn` executable: next to the test bundle in the products folder.
    static func churnBinary(file: StaticString = #filePath, line: UInt = #line) throws -> String {
        // On Linux the bundle URL is the products folder itself; elsewhere the .xctest bundle inside it.
        var folder = Bundle(for: TmuxSession.self).bundleURL
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("churn").path
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isFolder), !isFolder.boolValue,
               FileManager.default.isExecutableFile(atPath: candidate) {
                return candidate
            }
            folder = folder.deletingLastPathComponent()
        }
        throw TmuxSession.Failure(description: "the churn executable was not found next to the test bundle \(Bundle(for: TmuxSession.self).bundleURL.path); run `swift build` first")
    }
}
