import Foundation

/// Feature tables for training and scoring from a loaded data set, the same way `churn features` builds them.
///
/// Transaction logs: training features at cutoff C with the label over the horizon H (H defaults to
/// the `HorizonAdvisor` suggestion, C to the last date − H); scoring features at the last date.
/// Customer tables: the table's own features (and label when it has one) for both.
public enum DatasetFeatures {
    /// A training table and, for transaction logs, the horizon advice it used.
    public static func training(_ loaded: LoadedDataset, cutoffDay: Int64? = nil, horizonDays: Int? = nil) throws
        -> (matrix: FeatureMatrix, advice: HorizonAdvice?) {
        switch loaded.shape {
        case .transactions:
            let log = try TransactionLog(table: loaded.table, mapping: loaded.mapping)
            let advice = HorizonAdvisor.advise(log)
            let h = horizonDays ?? advice.suggestedDays
            guard h > 0 else { throw FeatureOptionError(message: "--horizon \(h): expected a positive number of days") }
            let c = cutoffDay ?? (Int64(log.lastDay) - Int64(h))
            return (try TransactionFeatures.training(log, cutoffDay: c, horizonDays: h), advice)
        case .customerTable:
            if cutoffDay != nil || horizonDays != nil {
                throw FeatureOptionError(message: "--cutoff and --horizon apply to transaction logs, not customer tables")
            }
            return (try CustomerTableFeatures.build(table: loaded.table, mapping: loaded.mapping), nil)
        }
    }

    /// A scoring table: features at the last date for transaction logs, the table itself for customer tables.
    public static func scoring(_ loaded: LoadedDataset) throws -> FeatureMatrix {
        switch loaded.shape {
        case .transactions: return TransactionFeatures.scoring(try TransactionLog(table: loaded.table, mapping: loaded.mapping))
        case .customerTable: return try CustomerTableFeatures.build(table: loaded.table, mapping: loaded.mapping)
        }
    }
}

/// A cutoff/horizon option that does not fit the data.
public struct FeatureOptionError: UserFacingError, Equatable {
    public var message: String
    public var exitCode: Int32 { ExitCode.usage }
}
