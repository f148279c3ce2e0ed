import ArgumentParser
import ChurnKit
import Foundation

/// `churn profile FILE`: the validation and profile report.
struct ProfileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile",
        abstract: "Validate a data file and print its profile.",
        discussion: "Exits 0 when the data can be used for training, 65 (with the reasons) when it cannot."
    )

    @OptionGroup var data: DataOptions

    @Flag(help: "Print the profile as JSON on stdout (documented in the README).")
    var json = false

    mutating func run() throws {
        let data = self.data
        let json = self.json
        try CommandLineErrors.guarded {
            let options = try data.ingestOptions()
            let loaded = try DataLoader.load(path: data.file, options: options)
            let profile = DataProfiler.profile(loaded, options: options)
            if json {
                Console.out(try JSONOutput.encode(profile))
            } else {
                Console.out(ProfileReportText.render(profile, notes: loaded.notes))
            }
            if !profile.usable {
                let reasons = profile.checks.filter { $0.severity == .error }.map { "  - " + $0.message }
                Console.error("churn: \(data.file) cannot be used for training:\n" + reasons.joined(separator: "\n"))
                throw CommandLineFailure(exitCode: ExitCode.dataError)
            }
        }
    }
}

/// Stable JSON encoding for `--json` output.
enum JSONOutput {
    /// Encodes a value with sorted keys and indentation.
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
