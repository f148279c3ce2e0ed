import Foundation

/// Test helper: runs the built `churn` executable as a user runs it, capturing stdout and stderr
/// through files in a folder (pipes can fill up and block on large outputs).
enum ChurnProcess {
    /// Runs `churn` with `arguments`, stdin closed; returns (exit status, stdout, stderr).
    static func run(_ arguments: [String], in folder: URL) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try TestPaths.churnBinary())
        process.arguments = arguments
        let outURL = folder.appendingPathComponent("out-\(UUID().uuidString)"), errURL = folder.appendingPathComponent("err-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let outHandle = try FileHandle(forWritingTo: outURL), errHandle = try FileHandle(forWritingTo: errURL)
        process.standardOutput = outHandle
        process.standardError = errHandle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try outHandle.close(); try errHandle.close()
        return (process.terminationStatus, String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }
}

/// Test fixture: a temporary folder with a workspace trained (logreg, 1 trial, 3 folds) and scored once
/// from sample-data/subscription.csv through the `churn` command line.
struct TrainedWorkspace {
    /// A `churn train` or `churn score` run that failed while building the fixture; carries its stderr.
    struct SetupFailure: Error, CustomStringConvertible {
        var description: String
    }

    /// The sample file the workspace was trained and scored on.
    static var subscription: String { TestPaths.packageRoot.appendingPathComponent("sample-data/subscription.csv").path }

    let folder: URL
    /// The workspace database.
    var db: String { folder.appendingPathComponent("w.sqlite").path }
    /// The scores CSV written by `churn score`.
    var scoresPath: String { folder.appendingPathComponent("scores.csv").path }

    /// Trains (`models`, 1 trial, 3 folds) and scores in a new temporary folder named `prefix-UUID`;
    /// removes the folder and throws `SetupFailure` when either run fails.
    init(prefix: String, models: String = "logreg") throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let runs = [["train", Self.subscription, "--db", db, "--models", models, "--trials", "1", "--folds", "3"],
                    ["score", Self.subscription, "--db", db, "--out", scoresPath]]
        for arguments in runs {
            let run = try ChurnProcess.run(arguments, in: folder)
            guard run.status == 0 else {
                remove()
                throw SetupFailure(description: run.err)
            }
        }
    }

    /// Deletes the folder and everything in it.
    func remove() { try? FileManager.default.removeItem(at: folder) }
}
