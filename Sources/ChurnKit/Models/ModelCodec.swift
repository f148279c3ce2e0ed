import Foundation

/// The envelope every saved model is written in: a JSON document naming the file type, the model
/// family and the format version, around a family-specific payload.
///
/// A reader accepts versions up to the one it was built with; a newer version is rejected with
/// `TrainingError.unsupportedFormat` telling the user to update churn (never a decoding crash).
public enum ModelCodec {
    /// The marker at the top of every model document.
    public static let formatName = "churn-model"

    /// The header of a saved model, readable without knowing its family.
    public struct Header: Codable, Sendable, Equatable {
        public var format: String
        public var family: ModelFamily
        public var formatVersion: Int
    }

    private struct Envelope<Payload: Codable>: Codable {
        var format: String
        var family: ModelFamily
        var formatVersion: Int
        var model: Payload
    }

    /// Writes `payload` in the envelope.
    public static func encode<Payload: Codable>(_ payload: Payload, family: ModelFamily, formatVersion: Int) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do {
            return try encoder.encode(Envelope(format: formatName, family: family, formatVersion: formatVersion, model: payload))
        } catch {
            throw TrainingError.unsupportedFormat("the \(family.rawValue) model could not be written: \(error)")
        }
    }

    /// Reads the header (file type, family, version) of a saved model.
    public static func header(of data: Data) throws -> Header {
        let header: Header
        do {
            header = try JSONDecoder().decode(Header.self, from: data)
        } catch {
            throw TrainingError.unsupportedFormat("the data is not a churn model file (no readable format header)")
        }
        guard header.format == formatName else {
            throw TrainingError.unsupportedFormat("the data is a '\(header.format)' document, not a churn model file")
        }
        return header
    }

    /// Reads a payload of `family` written in any version up to `supportedVersion`.
    public static func decode<Payload: Codable>(_ type: Payload.Type, from data: Data, family: ModelFamily,
                                                supportedVersion: Int) throws -> (payload: Payload, formatVersion: Int) {
        let header = try header(of: data)
        guard header.family == family else {
            throw TrainingError.unsupportedFormat("the file holds a \(header.family.rawValue) model, not a \(family.rawValue) model")
        }
        guard header.formatVersion <= supportedVersion else {
            throw TrainingError.unsupportedFormat(
                "the \(family.rawValue) model was saved in format version \(header.formatVersion) by a newer churn; "
                + "this churn reads up to version \(supportedVersion). Update churn or retrain the model.")
        }
        guard header.formatVersion >= 1 else {
            throw TrainingError.unsupportedFormat("the \(family.rawValue) model has an invalid format version \(header.formatVersion)")
        }
        do {
            return (try JSONDecoder().decode(Envelope<Payload>.self, from: data).model, header.formatVersion)
        } catch let error as DecodingError {
            throw TrainingError.unsupportedFormat("the \(family.rawValue) model file is damaged: \(describe(error))")
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context): return "missing field '\(key.stringValue)' at '\(path(context))'"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "unexpected value at '\(path(context))': \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}
