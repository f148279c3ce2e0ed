import ArgumentParser
import ChurnKit
import Foundation

/// A failure whose message has already been printed; only the exit code remains to be given.
struct CommandLineFailure: Error {
    var exitCode: Int32
}

/// The one place where errors become messages on stderr and exit codes.
enum CommandLineErrors {
    /// Runs `body`, printing any error as `churn: message` and exiting with its sysexits code.
    static func guarded(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let failure as CommandLineFailure {
            throw ArgumentParser.ExitCode(failure.exitCode)
        } catch let error as UserFacingError {
            Console.error("churn: " + error.message)
            throw ArgumentParser.ExitCode(error.exitCode)
        } catch let exit as ArgumentParser.ExitCode {
            throw exit
        } catch let error as CocoaError {
            Console.error("churn: " + (error.localizedDescription))
            throw ArgumentParser.ExitCode(ExitCode.ioError)
        } catch {
            Console.error("churn: unexpected error: \(error)")
            throw ArgumentParser.ExitCode(ExitCode.software)
        }
    }
}

/// Writing to the terminal's streams.
enum Console {
    /// Writes a line to stderr.
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Writes a line to stdout.
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    /// Whether stderr is a terminal (progress bars are drawn only then).
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }
}
