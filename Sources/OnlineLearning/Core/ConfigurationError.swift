/// A hyperparameter outside its accepted range, reported when a learner or detector is constructed.
///
/// Invalid settings are rejected rather than silently replaced, so a misconfigured model fails at start-up
/// with a message naming the parameter, the value given and what is accepted.
public struct ConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The parameter's name as it appears in the `Configuration` struct, such as `delta`.
    public var parameter: String
    /// The rejected value, rendered as text.
    public var value: String
    /// The accepted range or set, in words, such as `(0, 1)`.
    public var accepted: String

    /// Creates an error.
    /// - Parameters:
    ///   - parameter: The parameter's name.
    ///   - value: The rejected value.
    ///   - accepted: A description of the accepted values.
    public init(parameter: String, value: some CustomStringConvertible, accepted: String) {
        self.parameter = parameter
        self.value = value.description
        self.accepted = accepted
    }

    public var description: String {
        "invalid value \(value) for parameter '\(parameter)': expected \(accepted)"
    }

    /// Throws unless `condition` holds for the value.
    /// - Parameters:
    ///   - condition: Whether the value is acceptable.
    ///   - parameter: The parameter's name.
    ///   - value: The value being checked.
    ///   - accepted: A description of the accepted values.
    /// - Throws: ``ConfigurationError`` when `condition` is false.
    public static func check(
        _ condition: Bool, _ parameter: String, _ value: some CustomStringConvertible, accepted: String
    ) throws {
        if !condition { throw ConfigurationError(parameter: parameter, value: value, accepted: accepted) }
    }
}
