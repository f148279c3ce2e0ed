import Foundation

/// Cancellation and progress reporting shared between a training run and whoever watches it.
///
/// Thread-safe: a model checks `isCancelled` between iterations (often enough to stop within a
/// second) and may call `report` from any thread.
public final class TrainingControl: @unchecked Sendable {
    private let lock = NSLock()
    private var cancelled = false
    private let onProgress: (@Sendable (String) -> Void)?

    /// A control that reports short log lines to `onProgress` (may be nil).
    public init(onProgress: (@Sendable (String) -> Void)? = nil) {
        self.onProgress = onProgress
    }

    /// A control that is never cancelled and reports nothing.
    public static var none: TrainingControl { TrainingControl() }

    /// Asks the work to stop; it throws `TrainingError.cancelled` at its next check.
    public func cancel() {
        lock.lock(); cancelled = true; lock.unlock()
    }

    /// Whether cancel() was called.
    public var isCancelled: Bool {
        lock.lock(); defer { lock.unlock() }
        return cancelled
    }

    /// Throws `TrainingError.cancelled` if cancel() was called.
    public func checkCancelled() throws {
        if isCancelled { throw TrainingError.cancelled }
    }

    /// Passes a short log line to the watcher.
    public func report(_ line: String) { onProgress?(line) }
}

/// Why training could not produce a model.
public enum TrainingError: UserFacingError, Equatable {
    case cancelled
    case oneClass(label: Double)
    case tooFewMinority(count: Int, needed: Int)
    case nonFinite(feature: String, row: Int, value: Double)
    case allFeaturesConstant
    case shapeMismatch(String)
    case unsupportedFormat(String)

    public var message: String {
        switch self {
        case .cancelled: return "training was cancelled"
        case .oneClass(let label):
            return "every row has the label \(Int(label)); training needs both churned and retained customers"
        case .tooFewMinority(let count, let needed):
            return "only \(count) examples of the rarer class; at least \(needed) are needed to train and validate"
        case .nonFinite(let feature, let row, let value):
            return "feature '\(feature)' row \(row + 1) is \(value); features must be finite numbers or missing"
        case .allFeaturesConstant: return "every feature has the same value for all customers; there is nothing to learn from"
        case .shapeMismatch(let what): return "the data does not match the model: \(what)"
        case .unsupportedFormat(let what): return "cannot read the model: \(what)"
        }
    }

    public var exitCode: Int32 {
        switch self {
        case .cancelled: return 130
        case .shapeMismatch, .unsupportedFormat: return ExitCode.dataError
        default: return ExitCode.dataError
        }
    }
}
