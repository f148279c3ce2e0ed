import Foundation

extension LinearSVM {
    /// The newest format version this build writes and reads.
    public static let formatVersion = 1

    /// Everything a fitted model needs to predict and to describe itself (format version 1).
    struct Payload: Codable {
        var loss: Loss
        var c: Double
        var classWeight: ClassWeight
        var fitIntercept: Bool
        var interceptScaling: Double
        var solver: Solver
        var solverUsed: Solver
        var tolerance: Double
        var maxIterations: Int
        var shrinking: Bool
        var seed: UInt64
        var probabilityFolds: Int
        var isFitted: Bool
        var featureNames: [String]
        var means: [Double]
        var scales: [Double]
        var coefficientsPerStd: [Double]
        var interceptStandardized: Double
        var plattA: Double
        var plattB: Double
        var probabilitySource: ProbabilitySource
        var iterations: Int
        var converged: Bool
        var probabilityFitsConverged: Bool
        var supportVectors: Int
        /// nil when not finite (JSON has no NaN).
        var optimality: Double?
        var objectiveValue: Double?
        var dualityGap: Double?
    }

    /// The model as a versioned JSON document (see `ModelCodec`); decoding it gives identical predictions.
    public func encoded() throws -> Data {
        func finite(_ v: Double) -> Double? { v.isFinite ? v : nil }
        let payload = Payload(loss: loss, c: c, classWeight: classWeight, fitIntercept: fitIntercept,
                              interceptScaling: interceptScaling, solver: solver, solverUsed: solverUsed, tolerance: tolerance, maxIterations: maxIterations,
                              shrinking: shrinking, seed: seed, probabilityFolds: probabilityFolds, isFitted: isFitted,
                              featureNames: featureNames, means: standardizer.means, scales: standardizer.scales,
                              coefficientsPerStd: coefficientsPerStd, interceptStandardized: interceptStandardized,
                              plattA: platt.a, plattB: platt.b, probabilitySource: probabilitySource,
                              iterations: iterations, converged: converged, probabilityFitsConverged: probabilityFitsConverged,
                              supportVectors: supportVectors, optimality: finite(optimality),
                              objectiveValue: finite(objectiveValue), dualityGap: finite(dualityGap))
        return try ModelCodec.encode(payload, family: .svm, formatVersion: Self.formatVersion)
    }

    /// Reads a model written by `encoded()`. Throws `TrainingError.unsupportedFormat` for another
    /// family, a newer format version, or damaged or inconsistent contents.
    public static func decode(_ data: Data) throws -> LinearSVM {
        let p = try ModelCodec.decode(Payload.self, from: data, family: .svm, supportedVersion: formatVersion).payload
        func damaged(_ what: String) -> TrainingError { .unsupportedFormat("the svm model file is damaged: \(what)") }
        let count = p.featureNames.count
        guard p.means.count == count, p.scales.count == count, p.coefficientsPerStd.count == count else {
            throw damaged("\(count) feature names but \(p.means.count) means, \(p.scales.count) scales and \(p.coefficientsPerStd.count) coefficients")
        }
        guard p.means.allSatisfy(\.isFinite), p.coefficientsPerStd.allSatisfy(\.isFinite), p.interceptStandardized.isFinite,
              p.plattA.isFinite, p.plattB.isFinite else {
            throw damaged("a coefficient, mean or sigmoid parameter is not a finite number")
        }
        guard p.scales.allSatisfy({ $0 > 0 && $0.isFinite }) else { throw damaged("a feature scale is not a positive number") }
        var model = LinearSVM(loss: p.loss, c: p.c, classWeight: p.classWeight, fitIntercept: p.fitIntercept,
                              interceptScaling: p.interceptScaling, solver: p.solver, tolerance: p.tolerance, maxIterations: p.maxIterations,
                              shrinking: p.shrinking, seed: p.seed, probabilityFolds: p.probabilityFolds)
        model.isFitted = p.isFitted
        model.featureNames = p.featureNames
        model.standardizer = Standardizer(means: p.means, scales: p.scales)
        model.coefficientsPerStd = p.coefficientsPerStd
        model.interceptStandardized = p.interceptStandardized
        model.platt = PlattScaling(a: p.plattA, b: p.plattB)
        model.probabilitySource = p.probabilitySource
        model.iterations = p.iterations
        model.converged = p.converged
        model.probabilityFitsConverged = p.probabilityFitsConverged
        model.supportVectors = p.supportVectors
        model.optimality = p.optimality ?? .nan
        model.solverUsed = p.solverUsed
        model.objectiveValue = p.objectiveValue ?? .nan
        model.dualityGap = p.dualityGap ?? .nan
        return model
    }
}
