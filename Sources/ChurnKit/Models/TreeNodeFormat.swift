import Foundation

/// The versioned JSON envelope the tree families save their models in.
///
/// `{"format": "churn-model", "family": "gbdt", "version": 1, "model": {...}}`. Reading checks the
/// family and refuses a version newer than the reader knows with `TrainingError.unsupportedFormat`.
enum TreeModelFormat {
    private static let formatName = "churn-model"

    private struct Header: Decodable {
        var format: String
        var family: String
        var version: Int
    }

    private struct Envelope<Model: Codable>: Codable {
        var format: String
        var family: String
        var version: Int
        var model: Model
    }

    /// Encodes `model` for `family` at format `version`.
    static func encode<Model: Codable>(_ model: Model, family: ModelFamily, version: Int) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(Envelope(format: formatName, family: family.rawValue, version: version, model: model))
    }

    /// Decodes a model of `family` written at a version up to `supported`.
    static func decode<Model: Codable>(_ data: Data, as type: Model.Type, family: ModelFamily, supported: Int) throws -> Model {
        let decoder = JSONDecoder()
        guard let header = try? decoder.decode(Header.self, from: data), header.format == formatName else {
            throw TrainingError.unsupportedFormat("the data is not a saved churn model")
        }
        guard header.family == family.rawValue else {
            throw TrainingError.unsupportedFormat("the saved model is a '\(header.family)' model, not '\(family.rawValue)'")
        }
        guard header.version <= supported else {
            throw TrainingError.unsupportedFormat(
                "the '\(family.rawValue)' model was saved in format version \(header.version), newer than the version \(supported) this churn reads; upgrade churn")
        }
        guard header.version >= 1 else {
            throw TrainingError.unsupportedFormat("format version \(header.version) is not valid")
        }
        do {
            return try decoder.decode(Envelope<Model>.self, from: data).model
        } catch {
            throw TrainingError.unsupportedFormat("the saved '\(family.rawValue)' model is damaged (\(error.localizedDescription))")
        }
    }
}

extension TreeModelFormat {
    /// Whether a decoded tree is safe to evaluate: equal array lengths, children inside the tree and
    /// after their parent (so traversal ends), features and category sets in range.
    static func isConsistent(_ tree: Tree, featureCount: Int) -> Bool {
        let n = tree.feature.count
        guard n > 0,
              [tree.thresholdBin.count, tree.threshold.count, tree.defaultLeft.count, tree.left.count, tree.right.count,
               tree.value.count, tree.cover.count, tree.count.count, tree.gain.count, tree.categorySet.count]
                .allSatisfy({ $0 == n }),
              tree.categoryBits.count % 4 == 0
        else { return false }
        let sets = tree.categoryBits.count / 4
        for i in 0..<n where tree.feature[i] >= 0 {
            let l = Int(tree.left[i]), r = Int(tree.right[i])
            guard Int(tree.feature[i]) < featureCount, l > i, r > i, l < n, r < n,
                  tree.categorySet[i] < Int32(sets)
            else { return false }
        }
        return true
    }
}
