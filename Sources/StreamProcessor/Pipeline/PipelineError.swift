/// Why a pipeline could not be built: the model and the data dictionary disagree, or the dictionary cannot
/// drive a classifier.
///
/// Bad events never raise this (they become dead letters); it is raised once, at start-up.
public struct PipelineError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable code: `no_classes`, `header_mismatch`, `invalid_setting`, `schema_inference`.
    public var code: String
    /// A sentence for people naming what disagrees.
    public var message: String

    /// Creates an error.
    /// - Parameters:
    ///   - code: the stable code.
    ///   - message: the explanation.
    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(message) [\(code)]" }
}
