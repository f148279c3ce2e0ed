import Foundation

/// The kinds of sample data the generator writes.
public enum SampleKind: String, CaseIterable, Sendable {
    /// A retail transaction log (customer_id, date, amount, quantity, category).
    case retail
    /// A subscription customer table with a churned Yes/No outcome.
    case subscription

    /// The file name written into the output directory.
    public var fileName: String { "\(rawValue).csv" }
    /// The customer count used for the committed sample files.
    public var defaultCustomers: Int { self == .retail ? 5_000 : 7_000 }
}

/// Writes deterministic, realistic sample data: the same kind, size and seed always give the same bytes.
public enum SampleGenerator {
    /// The seed used for the committed sample files.
    public static let defaultSeed: UInt64 = 42
    /// The largest customer count accepted (about 200M retail rows).
    public static let maxCustomers = 10_000_000

    /// Writes `DIRECTORY/<kind>.csv` (creating the directory if needed) and returns the path written.
    public static func write(kind: SampleKind, customers: Int, seed: UInt64, to directory: String) throws -> String {
        guard customers >= 1, customers <= maxCustomers else {
            throw FeatureError("The number of customers must be from 1 to \(maxCustomers) (got \(customers)).", exitCode: ExitCode.usage)
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw FeatureError("Cannot write samples into \(directory): it is a file, not a directory.", exitCode: ExitCode.cannotCreate)
            }
        } else {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw FeatureError("Cannot create the directory \(directory): \(error.localizedDescription)", exitCode: ExitCode.cannotCreate)
            }
        }
        let path = (directory as NSString).appendingPathComponent(kind.fileName)
        switch kind {
        case .retail: try RetailSample.write(customers: customers, seed: seed, path: path)
        case .subscription: try SubscriptionSample.write(customers: customers, seed: seed, path: path)
        }
        return path
    }
}
