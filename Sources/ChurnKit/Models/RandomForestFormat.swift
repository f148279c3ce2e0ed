import Foundation

extension RandomForest {
    /// The current format version of saved random forests.
    public static let formatVersion = 1

    /// What is saved: everything prediction and explanation need, plus the out-of-bag score.
    private struct Saved: Codable {
        var parameters: RandomForestParameters
        var featureNames: [String]
        var categoryLevels: [Int]
        var trees: [Tree]
        /// nil when not computed (JSON has no NaN).
        var outOfBagROCAUC: Double?
    }

    /// The model as versioned JSON (see `decode`).
    public func encoded() throws -> Data {
        try TreeModelFormat.encode(
            Saved(parameters: parameters, featureNames: featureNames, categoryLevels: categoryLevels, trees: trees,
                  outOfBagROCAUC: outOfBagROCAUC.isFinite ? outOfBagROCAUC : nil),
            family: .forest, version: Self.formatVersion)
    }

    /// Reads a forest written by `encoded()`. Throws `TrainingError.unsupportedFormat` for other data,
    /// a damaged file or a newer format version.
    public static func decode(_ data: Data) throws -> RandomForest {
        let saved = try TreeModelFormat.decode(data, as: Saved.self, family: .forest, supported: formatVersion)
        guard saved.categoryLevels.count == saved.featureNames.count, !saved.trees.isEmpty,
              saved.trees.allSatisfy({ TreeModelFormat.isConsistent($0, featureCount: saved.featureNames.count) })
        else {
            throw TrainingError.unsupportedFormat("the saved 'forest' model is damaged (inconsistent trees)")
        }
        var model = RandomForest(parameters: saved.parameters)
        model.featureNames = saved.featureNames
        model.categoryLevels = saved.categoryLevels
        model.trees = saved.trees
        model.outOfBagROCAUC = saved.outOfBagROCAUC ?? .nan
        return model
    }
}
