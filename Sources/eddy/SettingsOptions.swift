import ArgumentParser
import StreamProcessor

/// Command-line flags that override `EDDY_` environment variables: the common ones by name, any other
/// through `--set KEY=VALUE`.
struct SettingsOptions: ParsableArguments {
    @Option(help: "Kafka bootstrap brokers (EDDY_BROKERS).")
    var brokers: String?
    @Option(help: "Consumer group (EDDY_GROUP_ID).")
    var groupId: String?
    @Option(help: "Input topics, comma-separated (EDDY_INPUT_TOPICS).")
    var inputTopics: String?
    @Option(help: "Predictions topic (EDDY_PREDICTIONS_TOPIC).")
    var predictionsTopic: String?
    @Option(help: "Drift-events topic (EDDY_DRIFT_TOPIC).")
    var driftTopic: String?
    @Option(help: "Dead-letter topic (EDDY_DEAD_LETTER_TOPIC).")
    var deadLetterTopic: String?
    @Option(help: "Labels topic (EDDY_LABELS_TOPIC).")
    var labelsTopic: String?
    @Option(help: "Data dictionary file (EDDY_SCHEMA).")
    var schema: String?
    @Option(help: "Model (EDDY_MODEL).")
    var model: String?
    @Option(help: "Metrics port, 0 disables (EDDY_METRICS_PORT).")
    var metricsPort: String?
    @Option(help: "Log level (EDDY_LOG_LEVEL).")
    var logLevel: String?
    @Option(name: .customLong("set"), help: ArgumentHelp("Any setting, as EDDY_KEY=VALUE (repeatable; EDDY_KAFKA_* too).", valueName: "EDDY_KEY=VALUE"))
    var settings: [String] = []

    func validate() throws {
        for s in settings {
            guard let eq = s.firstIndex(of: "="), s.hasPrefix("EDDY_"), eq != s.startIndex else {
                throw ValidationError("--set takes EDDY_KEY=VALUE, got '\(s)'")
            }
        }
    }

    /// The flags as settings, by variable name.
    var flags: [String: String] {
        var f: [String: String] = [:]
        for s in settings {
            guard let eq = s.firstIndex(of: "=") else { continue }
            f[String(s[..<eq])] = String(s[s.index(after: eq)...])
        }
        let named: [(String, String?)] = [
            ("EDDY_BROKERS", brokers), ("EDDY_GROUP_ID", groupId), ("EDDY_INPUT_TOPICS", inputTopics),
            ("EDDY_PREDICTIONS_TOPIC", predictionsTopic), ("EDDY_DRIFT_TOPIC", driftTopic),
            ("EDDY_DEAD_LETTER_TOPIC", deadLetterTopic), ("EDDY_LABELS_TOPIC", labelsTopic), ("EDDY_SCHEMA", schema),
            ("EDDY_MODEL", model), ("EDDY_METRICS_PORT", metricsPort), ("EDDY_LOG_LEVEL", logLevel),
        ]
        for (name, value) in named { if let value { f[name] = value } }
        return f
    }
}
