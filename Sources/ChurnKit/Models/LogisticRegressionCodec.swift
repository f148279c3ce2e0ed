import Foundation

extension LogisticRegression {
    /// The newest format version this build writes and reads.
    public static let formatVersion = 1

    /// Everything a fitted model needs to predict and to describe itself (format version 1).
    struct Payload: Codable {
        var penalty: Penalty
        var c: Double
        var classWeight: ClassWeight
        var tolerance: Double
        var maxIterations: Int
        var isFitted: Bool
        var featureNames: [String]
        var means: [Double]
        var scales: [Double]
        var coefficientsPerStd: [Double]
        var interceptStandardized: Double
        var iterations: Int
        var converged: Bool
        /// nil when not finite (JSON has no NaN).
        var optimality: Double?
        var objectiveValue: Double?
    }

    /// The model as a versioned JSON document (see `ModelCodec`); decoding it gives identical predictions.
    public func encoded() throws -> Data {
        let payload = Payload(penalty: penalty, c: c, classWeight: classWeight, tolerance: tolerance,
                              maxIterations: maxIterations, isFitted: isFitted, featureNames: featureNames,
                              means: standardizer.means, scales: standardizer.scales,
                              coefficientsPerStd: coefficientsPerStd, interceptStandardized: interceptStandardized,
                              iterations: iterations, converged: converged,
                              optimality: optimality.isFinite ? optimality : nil,
                              objectiveValue: objectiveValue.isFinite ? objectiveValue : nil)
        return try ModelCodec.encode(payload, family: .logreg, formatVersion: Self.formatVersion)
    }

    /// Reads a model written by `encoded()`. Throws `TrainingError.unsupportedFormat` for another
    /// family, a newer format version, or damaged or inconsistent contents.
    public static func decode(_ data: Data) throws -> LogisticRegression {
        let p = try ModelCodec.decode(Payload.self, from: data, family: .logreg, supportedVersion: formatVersion).payload
        func damaged(_ what: String) -> TrainingError { .unsupportedFormat("the logreg model file is damaged: \(what)") }
        let count = p.featureNames.count
        guard p.means.count == count, p.scales.count == count, p.coefficientsPerStd.count == count else {
            throw damaged("\(count) feature names but \(p.means.count) means, \(p.scales.count) scales and \(p.coefficientsPerStd.count) coefficients")
        }
        guard p.means.allSatisfy(\.isFinite), p.coefficientsPerStd.allSatisfy(\.isFinite), p.interceptStandardized.isFinite else {
            throw damaged("a coefficient or mean is not a finite number")
        }
        guard p.scales.allSatisfy({ $0 > 0 && $0.isFinite }) else { throw damaged("a feature scale is not a positive number") }
        var model = LogisticRegression(penalty: p.penalty, c: p.c, classWeight: p.classWeight,
                                       tolerance: p.tolerance, maxIterations: p.maxIterations)
        model.isFitted = p.isFitted
        model.featureNames = p.featureNames
        model.standardizer = Standardizer(means: p.means, scales: p.scales)
        model.coefficientsPerStd = p.coefficientsPerStd
        model.interceptStandardized = p.interceptStandardized
        model.iterations = p.iterations
        model.converged = p.converged
        model.optimality = p.optimality ?? .nan
        model.objectiveValue = p.objectiveValue ?? .nan
        return model
    }
}
