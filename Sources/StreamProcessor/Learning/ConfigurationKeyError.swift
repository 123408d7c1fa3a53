/// A setting that stops start-up: an `EDDY_` variable with a value outside what it accepts, or one that no
/// component knows.
///
/// The message names the key, the value given and what the key accepts, so a person can fix the deployment
/// without reading code. The command line turns it into exit code 78 (`EX_CONFIG` of sysexits.h).
public struct ConfigurationKeyError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The environment variable, such as `EDDY_MODEL`.
    public var key: String
    /// The rejected value (empty for an unknown key).
    public var value: String
    /// What is accepted, in words (for an unknown key: the closest known keys).
    public var accepted: String
    /// True when the key itself is unknown rather than its value invalid.
    public var isUnknownKey: Bool

    /// Creates an error for a bad value.
    /// - Parameters:
    ///   - key: the variable's name.
    ///   - value: the value given.
    ///   - accepted: the accepted values, in words.
    public init(key: String, value: String, accepted: String) {
        self.key = key
        self.value = value
        self.accepted = accepted
        self.isUnknownKey = false
    }

    /// Creates an error for an unknown key.
    /// - Parameters:
    ///   - unknownKey: the variable's name.
    ///   - suggestion: what the person may have meant, in words.
    public init(unknownKey: String, suggestion: String) {
        self.key = unknownKey
        self.value = ""
        self.accepted = suggestion
        self.isUnknownKey = true
    }

    /// The exit status for configuration errors (`EX_CONFIG`).
    public static let exitCode: Int32 = 78

    public var description: String {
        isUnknownKey
            ? "unknown setting \(key): \(accepted)"
            : "invalid value '\(value)' for \(key): expected \(accepted)"
    }
}
