import ArgumentParser
import ChurnKit
import Foundation

/// `churn sample`: writes a deterministic sample data set.
struct SampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Generate a deterministic sample data set (the same seed gives the same file).",
        discussion: "retail: a transaction log (customer_id,date,amount,quantity,category). subscription: a customer table with a churned column."
    )

    @Option(help: ArgumentHelp("What to generate.", valueName: "retail|subscription"))
    var kind: String = "retail"

    @Option(help: "Number of customers.")
    var customers: Int = 5000

    @Option(help: "Random seed.")
    var seed: UInt64 = 42

    @Option(help: ArgumentHelp("Directory to write into (created if missing).", valueName: "dir"))
    var out: String = "."

    mutating func run() throws {
        let command = self
        try CommandLineErrors.guarded {
            guard let kind = SampleKind(rawValue: command.kind.lowercased()) else {
                let names = SampleKind.allCases.map(\.rawValue)
                var message = "--kind \(command.kind): expected one of \(names.joined(separator: ", "))"
                if let guess = Suggestion.closest(to: command.kind, in: names) { message += " (did you mean '\(guess)'?)" }
                throw UsageError(message: message)
            }
            guard command.customers >= 1, command.customers <= 50_000_000 else {
                throw UsageError(message: "--customers \(command.customers): expected 1 to 50000000")
            }
            let path = try SampleGenerator.write(kind: kind, customers: command.customers, seed: command.seed, to: command.out)
            Console.error("Wrote \(path)")
        }
    }
}
