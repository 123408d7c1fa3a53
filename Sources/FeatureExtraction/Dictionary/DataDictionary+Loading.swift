import Foundation

extension DataDictionary {
    /// Loads and checks a dictionary file (`EDDY_SCHEMA`).
    /// - Parameter url: The JSON file.
    /// - Returns: The checked dictionary.
    /// - Throws: ``FeatureExtractionError`` with code `dictionary_unreadable` when the file cannot be read, or
    ///   `invalid_dictionary` naming the file, the JSON path (`$.features[2].type`) and what was expected.
    public static func load(contentsOf url: URL) throws(FeatureExtractionError) -> DataDictionary {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw FeatureExtractionError(
                code: "dictionary_unreadable", message: "cannot read the data dictionary: \(error.localizedDescription)",
                location: url.path)
        }
        return try decode(data, source: url.path)
    }

    /// Decodes and checks a dictionary from JSON bytes.
    /// - Parameters:
    ///   - data: The JSON text.
    ///   - source: What to call the input in errors (a file path, `EDDY_SCHEMA`).
    /// - Returns: The checked dictionary.
    /// - Throws: ``FeatureExtractionError`` with code `invalid_dictionary`, naming `source`, the JSON path and
    ///   what was expected.
    public static func decode(_ data: Data, source: String = "data dictionary") throws(FeatureExtractionError) -> DataDictionary {
        let dictionary: DataDictionary
        do {
            dictionary = try JSONDecoder().decode(DataDictionary.self, from: data)
        } catch let error as DecodingError {
            throw translate(error, source: source)
        } catch {
            throw FeatureExtractionError(code: "invalid_dictionary", message: "\(error)", location: source)
        }
        try dictionary.check(source: source)
        return dictionary
    }

    /// The dictionary as pretty-printed JSON with sorted keys, which ``decode(_:source:)`` reads back.
    public func jsonString() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding plain structs, strings and finite numbers cannot fail; a non-finite bound can.
        guard let data = try? encoder.encode(self) else { return "{}" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// A stable fingerprint of the dictionary: the FNV-1a 64 hash of its canonical JSON (sorted keys), as 16
    /// hex digits. Checkpoints record it so a model is never restored under a different dictionary.
    public var fingerprint: String {
        let bytes = Array(jsonString().utf8)
        let h = bytes.withUnsafeBufferPointer { ByteStringTable.hash($0) }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// Renders a coding path as a JSON path: `$.features[2].type`.
    static func jsonPath(_ path: [any CodingKey]) -> String {
        var s = "$"
        for key in path {
            if let i = key.intValue { s += "[\(i)]" } else { s += ".\(key.stringValue)" }
        }
        return s
    }

    private static func translate(_ error: DecodingError, source: String) -> FeatureExtractionError {
        func make(_ path: [any CodingKey], _ message: String) -> FeatureExtractionError {
            FeatureExtractionError(code: "invalid_dictionary", message: message, location: "\(source): \(jsonPath(path))")
        }
        switch error {
        case .keyNotFound(let key, let context):
            return make(context.codingPath + [key], "the required key '\(key.stringValue)' is missing")
        case .typeMismatch(let type, let context):
            return make(context.codingPath, "expected \(expectedName(type)): \(context.debugDescription)")
        case .valueNotFound(let type, let context):
            return make(context.codingPath, "expected \(expectedName(type)), found null")
        case .dataCorrupted(let context):
            var message = context.debugDescription
            if let underlying = context.underlyingError { message += " (\(underlying))" }
            return make(context.codingPath, message)
        @unknown default:
            return make([], "\(error)")
        }
    }

    private static func expectedName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Double.Type, is Int.Type: "a number"
        case is Bool.Type: "a boolean"
        case is [Any].Type: "an array"
        default: "\(type)"
        }
    }
}
