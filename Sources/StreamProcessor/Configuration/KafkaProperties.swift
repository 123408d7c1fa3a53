import Foundation

/// librdkafka properties passed through from `EDDY_KAFKA_<PROPERTY>` variables.
///
/// The property is the rest of the name, lower-cased, with `_` turned into `.`:
/// `EDDY_KAFKA_SECURITY_PROTOCOL=SASL_SSL` becomes `security.protocol=SASL_SSL`,
/// `EDDY_KAFKA_SESSION_TIMEOUT_MS=6000` becomes `session.timeout.ms=6000`. They reach both the consumer and
/// the producer (librdkafka ignores, with a log line, a property meant for the other side) and override
/// Eddy's own defaults. librdkafka checks names and values when the clients are created; a refusal stops
/// start-up with exit code 78 like any other bad setting.
public struct KafkaProperties: Sendable, Hashable {
    /// The prefix of pass-through variables.
    public static let prefix = "EDDY_KAFKA_"

    /// The properties, by librdkafka name.
    public var properties: [String: String]
    /// The variable each property came from, by librdkafka name (for error messages).
    public var variables: [String: String]

    /// Collects the pass-through variables.
    /// - Parameter settings: the variables (flags over the environment), by `EDDY_` name.
    public init(settings: [String: String]) {
        properties = [:]
        variables = [:]
        for (name, value) in settings {
            guard let property = Self.property(forVariable: name) else { continue }
            properties[property] = value
            variables[property] = name
        }
    }

    /// The librdkafka property a variable names, or nil when it is not a pass-through variable.
    /// - Parameter variable: the variable's name, such as `EDDY_KAFKA_SECURITY_PROTOCOL`.
    public static func property(forVariable variable: String) -> String? {
        guard variable.hasPrefix(prefix), variable.count > prefix.count else { return nil }
        return String(variable.dropFirst(prefix.count)).lowercased().replacingOccurrences(of: "_", with: ".")
    }

    /// True when a property's value must be redacted: passwords, secrets, private keys and every SASL
    /// setting (`*password*`, `*secret*`, `sasl.*`, `ssl.key.*`, `*.pem`/keystore passwords).
    /// - Parameter property: the librdkafka property name.
    public static func isSecret(property: String) -> Bool {
        let p = property.lowercased()
        return p.contains("password") || p.contains("secret") || p.hasPrefix("sasl.") || p.hasPrefix("ssl.key.")
            || p == "ssl.key.pem" || p.hasSuffix(".token") || p.contains("private")
    }

    /// The properties with secret values replaced by `<redacted>`, for logs.
    public var redacted: [String: String] {
        properties.reduce(into: [:]) { r, p in r[p.key] = Self.isSecret(property: p.key) ? "<redacted>" : p.value }
    }
}
