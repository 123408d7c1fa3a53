/// The one list of every `EDDY_` setting: each component's keys (name, type, default, accepted values,
/// description, secret flag) gathered in one place.
///
/// `eddy config` prints it; start-up uses it to refuse an `EDDY_` variable that no component reads (a typo
/// that would otherwise be ignored silently), and to decide which values are secrets. A component adds its
/// keys by listing them in its own static `keys` and appending that list to ``components`` here; each
/// component still reads and checks its own values in its `init(config:)`.
public enum SettingsRegistry {
    /// Keys read only by opt-in test suites (never by `eddy` itself), accepted so that a test run's
    /// environment does not stop the commands it starts.
    static let testKeys: [ConfigurationKeyDoc] = [
        .init(name: "EDDY_TEST_BROKERS", type: "string", defaultValue: "", accepted: "host:port[,host:port...]",
              summary: "Tests only: a real Kafka for the integration suites."),
        .init(name: "EDDY_BINARY", type: "path", defaultValue: "", accepted: "an executable",
              summary: "Tests only: the eddy binary the cross-process tests run."),
        .init(name: "EDDY_FULL_STREAM", type: "boolean", defaultValue: "false", accepted: "true, false",
              summary: "Tests only: run the full 200k-instance reference streams."),
        .init(name: "EDDY_FULL_REFERENCE", type: "boolean", defaultValue: "false", accepted: "true, false",
              summary: "Tests only: run the full reference comparisons."),
        .init(name: "EDDY_REFERENCE_STREAM", type: "path", defaultValue: "", accepted: "a file",
              summary: "Tests only: the reference stream to read."),
        .init(name: "EDDY_DRIFT_ERROR_STREAM", type: "path", defaultValue: "", accepted: "a file",
              summary: "Tests only: an error stream for the drift reference tests."),
    ]

    /// Every component's keys, in the order `eddy config` lists them.
    public static var components: [(name: String, keys: [ConfigurationKeyDoc])] {
        [
            ("runtime", RuntimeConfiguration.keys),
            ("pipeline", PipelineConfiguration.keys),
            ("model", ModelSpec.keys),
            ("tests", testKeys),
        ]
    }

    /// Every key, once, in listing order.
    public static var keys: [ConfigurationKeyDoc] {
        var seen = Set<String>()
        return components.flatMap(\.keys).filter { seen.insert($0.name).inserted }
    }

    /// The documentation of `name`, or nil for an unknown key.
    /// - Parameter name: the variable's name.
    public static func doc(_ name: String) -> ConfigurationKeyDoc? {
        keys.first { $0.name == name }
    }

    /// True when the variable's value must be redacted: a key marked secret, or a librdkafka pass-through
    /// whose property is secret (``KafkaProperties/isSecret(property:)``).
    /// - Parameter variable: the variable's name.
    public static func isSecret(variable: String) -> Bool {
        if let property = KafkaProperties.property(forVariable: variable) { return KafkaProperties.isSecret(property: property) }
        return doc(variable)?.secret ?? false
    }

    /// Refuses the first `EDDY_` variable (in sorted order) that is neither a registered key nor an
    /// `EDDY_KAFKA_` pass-through.
    /// - Parameter settings: the variables, by name (other names are ignored).
    /// - Throws: ``ConfigurationKeyError`` naming the key and the closest known keys.
    public static func checkUnknownKeys(in settings: [String: String]) throws {
        try ConfigurationKeyReader.checkUnknownKeys(
            in: settings, known: keys.map(\.name), otherPrefixes: [KafkaProperties.prefix])
    }
}
