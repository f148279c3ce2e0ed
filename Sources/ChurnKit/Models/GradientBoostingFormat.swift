import Foundation

extension GradientBoosting {
    /// The current format version of saved gradient-boosting models.
    public static let formatVersion = 1

    /// What is saved: everything prediction and explanation need.
    private struct Saved: Codable {
        var parameters: GradientBoostingParameters
        var featureNames: [String]
        var categoryLevels: [Int]
        var baseScore: Double
        var trees: [Tree]
        var trainingLoss: [Double]
        var validationLoss: [Double]
        var initialTrainingLoss: Double
    }

    /// The model as versioned JSON (see `decode`).
    public func encoded() throws -> Data {
        try TreeModelFormat.encode(
            Saved(parameters: parameters, featureNames: featureNames, categoryLevels: categoryLevels, baseScore: baseScore,
                  trees: trees, trainingLoss: trainingLoss, validationLoss: validationLoss,
                  initialTrainingLoss: initialTrainingLoss),
            family: .gbdt, version: Self.formatVersion)
    }

    /// Reads a model written by `encoded()`. Throws `TrainingError.unsupportedFormat` for other data,
    /// a damaged file or a newer format version.
    public static func decode(_ data: Data) throws -> GradientBoosting {
        let saved = try TreeModelFormat.decode(data, as: Saved.self, family: .gbdt, supported: formatVersion)
        guard saved.categoryLevels.count == saved.featureNames.count,
              saved.trees.allSatisfy({ TreeModelFormat.isConsistent($0, featureCount: saved.featureNames.count) })
        else {
            throw TrainingError.unsupportedFormat("the saved 'gbdt' model is damaged (inconsistent trees)")
        }
        var model = GradientBoosting(parameters: saved.parameters)
        model.featureNames = saved.featureNames
        model.categoryLevels = saved.categoryLevels
        model.baseScore = saved.baseScore
        model.trees = saved.trees
        model.trainingLoss = saved.trainingLoss
        model.validationLoss = saved.validationLoss
        model.initialTrainingLoss = saved.initialTrainingLoss
        return model
    }
}
