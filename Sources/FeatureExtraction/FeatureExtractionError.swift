/// Why input data could not be turned into instances: what was wrong and where.
public struct FeatureExtractionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable, machine-readable reason code (for dead-letter headers and counters).
    public var code: String
    /// A sentence for people, naming what was expected.
    public var message: String
    /// Where the problem was: `line:column` in a file, or a field name in an event.
    public var location: String

    /// Creates an error.
    public init(code: String, message: String, location: String) {
        self.code = code
        self.message = message
        self.location = location
    }

    public var description: String { "\(location): \(message) [\(code)]" }
}
