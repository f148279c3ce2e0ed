import Foundation

/// A model ready to score: preprocessing, one fitted classifier (or several for a blend) and the
/// calibration map, saved and loaded as one versioned document.
///
/// Scoring takes raw features by name (as `FeatureMatrix` builds them), applies each member's
/// preprocessing, averages the members' probabilities with the blend weights and calibrates.
public struct TrainedModel: Sendable {
    /// One fitted classifier with the preprocessing it was trained behind.
    public struct Member: Sendable {
        public var family: ModelFamily
        public var parameters: ParameterSet
        public var preprocessor: Preprocessor
        public var view: Preprocessor.View
        public var weight: Double
        public var model: any Classifier
    }

    /// The document's format version; readers refuse newer versions.
    public static let formatVersion = 1

    /// The family (`blend` for a blend).
    public var family: ModelFamily
    public var members: [Member]
    public var calibrator: Calibrator
    /// The raw feature names the model reads.
    public var inputFeatures: [String]

    public init(family: ModelFamily, members: [Member], calibrator: Calibrator, inputFeatures: [String]) {
        self.family = family; self.members = members; self.calibrator = calibrator; self.inputFeatures = inputFeatures
    }

    /// Blended probabilities before calibration.
    public func rawProbabilities(_ x: TrainingMatrix) throws -> [Double] {
        try TrainingData.checkFinite(x)
        var out = [Double](repeating: 0, count: x.rows)
        for member in members {
            let input = try member.preprocessor.transform(x, view: member.view)
            let p = member.model.predictProbabilities(input)
            for i in out.indices { out[i] += member.weight * p[i] }
        }
        // Weights sum to 1, but rounding can put a sum of probabilities a hair outside [0, 1].
        return out.map { min(max($0, 0), 1) }
    }

    /// Calibrated churn probabilities, one per row of `x` (features matched by name).
    public func probabilities(_ x: TrainingMatrix) throws -> [Double] {
        calibrator.probabilities(try rawProbabilities(x))
    }

    /// Calibrated probabilities for a feature matrix.
    public func probabilities(_ features: FeatureMatrix) throws -> [Double] {
        try probabilities(TrainingMatrix(names: features.features.map(\.name), columns: features.features.map(\.values)))
    }

    private struct Payload: Codable {
        struct StoredMember: Codable {
            var family: ModelFamily
            var parameters: ParameterSet
            var preprocessor: Preprocessor
            var view: Preprocessor.View
            var weight: Double
            var model: Data
        }
        var members: [StoredMember]
        var calibrator: Calibrator
        var inputFeatures: [String]
    }

    /// The model as a `ModelCodec` document (family and format version in the header).
    public func encoded() throws -> Data {
        let payload = Payload(members: try members.map {
            Payload.StoredMember(family: $0.family, parameters: $0.parameters, preprocessor: $0.preprocessor, view: $0.view,
                                 weight: $0.weight, model: try $0.model.encoded())
        }, calibrator: calibrator, inputFeatures: inputFeatures)
        return try ModelCodec.encode(payload, family: family, formatVersion: Self.formatVersion)
    }

    /// Reads a document written by `encoded()`.
    ///
    /// - Throws: `TrainingError.unsupportedFormat` for a newer format version, another file type, a
    ///   damaged document or a member family this build cannot read.
    public static func decode(_ data: Data) throws -> TrainedModel {
        let header = try ModelCodec.header(of: data)
        let (payload, _) = try ModelCodec.decode(Payload.self, from: data, family: header.family, supportedVersion: formatVersion)
        let members = try payload.members.map { stored -> Member in
            guard let spec = FamilyRegistry.spec(for: stored.family) else {
                throw TrainingError.unsupportedFormat("this churn cannot read \(stored.family.rawValue) models; update churn")
            }
            return Member(family: stored.family, parameters: stored.parameters, preprocessor: stored.preprocessor,
                          view: stored.view, weight: stored.weight, model: try spec.decode(stored.model))
        }
        guard !members.isEmpty else { throw TrainingError.unsupportedFormat("the model file holds no fitted model") }
        return TrainedModel(family: header.family, members: members, calibrator: payload.calibrator, inputFeatures: payload.inputFeatures)
    }
}
