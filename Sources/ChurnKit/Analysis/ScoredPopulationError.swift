/// Why the scored customers of a model cannot be loaded with their features.
public enum ScoredPopulationError: UserFacingError, Equatable {
    /// The fallback value is negative or not a number.
    case invalidFallback(Double)
    /// The model has not scored any customers.
    case notScored(version: Int)
    /// The scoring does not name the import it scored.
    case noImport(scoringID: Int64)
    /// The scored file is gone.
    case fileMissing(path: String)
    /// The scored file's bytes changed since scoring.
    case fileChanged(path: String)
    /// The scored file's customers no longer match the stored predictions.
    case customersChanged(path: String, scoringID: Int64)
    /// CLV values need a transaction log.
    case clvNeedsTransactions
    /// Both a value field and the CLV source were asked for.
    case fieldAndCLV(field: String)
    /// The value field does not exist.
    case unknownValueField(String, suggestion: String?)

    public var message: String {
        switch self {
        case .invalidFallback(let v):
            return "--value \(v): expected a number of at least 0"
        case .notScored(let version):
            return "model version \(version) has not scored any customers yet; run `churn score FILE --out scores.csv` first"
        case .noImport(let id):
            return "scoring \(id) does not say which file it scored; run `churn score FILE --out scores.csv` again"
        case .fileMissing(let path):
            return "the scored file \(path) is no longer there (it was moved or deleted); the customers' features are read from it. "
                + "Run `churn score NEW_PATH --out scores.csv` again"
        case .fileChanged(let path):
            return "the scored file \(path) has changed since it was scored; run `churn score \(path) --out scores.csv` again"
        case .customersChanged(let path, let id):
            return "the customers of \(path) no longer match scoring \(id); run `churn score \(path) --out scores.csv` again"
        case .clvNeedsTransactions:
            return "--value-source clv needs a transaction log (the purchase models learn from repeat purchases); "
                + "this scoring is of a customer table: use --value-field or --value"
        case .fieldAndCLV(let field):
            return "--value-field \(field) and --value-source clv both say where values come from; give one of them"
        case .unknownValueField(let field, let suggestion):
            return "--value-field \(field): no number field of that name in the scored customers" + (suggestion.map { "; did you mean \($0)?" } ?? "")
        }
    }

    public var exitCode: Int32 {
        switch self {
        case .invalidFallback, .notScored, .noImport, .clvNeedsTransactions, .fieldAndCLV, .unknownValueField: return ExitCode.usage
        case .fileMissing: return ExitCode.noInput
        case .fileChanged, .customersChanged: return ExitCode.dataError
        }
    }
}
