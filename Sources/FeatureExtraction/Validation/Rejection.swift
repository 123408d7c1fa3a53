/// Why an event was refused: what the dead-letter record's headers say about it.
///
/// The stream processor publishes the original bytes untouched with these as headers, plus the source
/// coordinates (topic, partition, offset) it knows and this type does not.
public struct Rejection: Error, Sendable, Hashable, CustomStringConvertible {
    /// The rule that rejected the event.
    public var reason: ReasonCode
    /// The field involved, when the rule is about one field.
    public var field: String?
    /// A sentence for people: what was found and what was expected.
    public var message: String
    /// The byte offset in the payload where decoding failed, for payload-level reasons.
    public var byteOffset: Int?

    /// Creates a rejection.
    public init(reason: ReasonCode, field: String? = nil, message: String, byteOffset: Int? = nil) {
        self.reason = reason
        self.field = field
        self.message = message
        self.byteOffset = byteOffset
    }

    /// The rejection as the module's error type: `code` is the reason code, `location` the field or byte.
    public var error: FeatureExtractionError {
        let location = field.map { "field '\($0)'" } ?? byteOffset.map { "byte \($0)" } ?? "event"
        return FeatureExtractionError(code: reason.rawValue, message: message, location: location)
    }

    /// Dead-letter headers: `eddy.reason`, `eddy.field` (when known) and `eddy.message`.
    public var headers: [(key: String, value: String)] {
        var h: [(key: String, value: String)] = [("eddy.reason", reason.rawValue)]
        if let field { h.append(("eddy.field", field)) }
        h.append(("eddy.message", message))
        return h
    }

    /// `reason: message`, for logs.
    public var description: String { "\(reason.rawValue): \(message)" }
}
