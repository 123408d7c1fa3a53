import Foundation

/// librdkafka properties passed through from `EDDY_KAFKA_<PROPERTY>` variables.
///
/// The property is the rest of the name, lower-cased, with `_` turned into `.`:
/// `EDDY_KAFKA_SECURITY_PROTOCOL=SASL_SSL` becomes `security.protocol=SASL_SSL`,
/// `EDDY_KAFKA_SESSION_TIMEOUT_MS=6000` becomes `session.timeout.ms=6000`. They override Eddy's own
/// defaults. A property librdkafka documents for one side only goes to that client (``consumer``,
/// ``producer``), so that neither logs a warning about a property meant for the other; every other property
/// (security, connections, timeouts) goes to both. librdkafka checks names and values when the clients are created; a refusal stops
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

    /// Properties librdkafka documents as consumer-only (CONFIGURATION.md, column C), by exact name or prefix.
    static let consumerOnly: [String] = [
        "group.", "session.timeout.ms", "heartbeat.interval.ms", "partition.assignment.strategy", "max.poll.interval.ms",
        "enable.auto.commit", "auto.commit.interval.ms", "enable.auto.offset.store", "auto.offset.reset", "queued.",
        "fetch.", "isolation.level", "enable.partition.eof", "check.crcs", "coordinator.query.interval.ms",
        "consume.callback.max.messages", "offset.store.",
    ]
    /// Properties librdkafka documents as producer-only (column P), by exact name or prefix.
    static let producerOnly: [String] = [
        "acks", "request.required.acks", "linger.ms", "queue.buffering.", "batch.", "compression.", "enable.idempotence",
        "enable.gapless.guarantee", "transactional.id", "transaction.timeout.ms", "message.timeout.ms", "delivery.timeout.ms",
        "message.send.max.retries", "retries", "partitioner", "sticky.partitioning.linger.ms", "sticky.partitioning",
        "queuing.strategy", "produce.offset.report", "request.timeout.ms", "message.copy.max.bytes",
    ]

    static func matches(_ property: String, _ list: [String]) -> Bool {
        list.contains { $0.hasSuffix(".") ? property.hasPrefix($0) : property == $0 }
    }

    /// The properties for the consumer: all but the producer-only ones.
    public var consumer: [String: String] { properties.filter { !Self.matches($0.key, Self.producerOnly) } }

    /// The properties for the producer: all but the consumer-only ones.
    public var producer: [String: String] { properties.filter { !Self.matches($0.key, Self.consumerOnly) } }

    /// The properties with secret values replaced by `<redacted>`, for logs.
    public var redacted: [String: String] {
        properties.reduce(into: [:]) { r, p in r[p.key] = Self.isSecret(property: p.key) ? "<redacted>" : p.value }
    }
}
