import Configuration
import Foundation
import Logging

/// The settings of `eddy run` itself: where the brokers are, which topics to read and write, the consumer
/// group, batching and commits, the metrics endpoint and logging.
///
/// A plain struct with documented defaults; ``init(config:)`` reads the `EDDY_` variables listed in ``keys``
/// and stops with a ``ConfigurationKeyError`` naming the key and what it accepts. The model is configured by
/// ``ModelSpec``, the pipeline by ``PipelineConfiguration``, librdkafka by ``KafkaProperties``.
public struct RuntimeConfiguration: Sendable, Hashable {
    /// How log lines are written (`EDDY_LOG_FORMAT`).
    public enum LogFormat: String, Sendable, Hashable, CaseIterable {
        /// One JSON object per line on standard error.
        case json
        /// swift-log's plain text lines on standard error.
        case text
    }

    /// The bootstrap brokers, `host:port[,host:port...]` (`EDDY_BROKERS`, default `localhost:9092`).
    public var brokers = "localhost:9092"
    /// The consumer group (`EDDY_GROUP_ID`, default `eddy`).
    public var groupID = "eddy"
    /// The input topics (`EDDY_INPUT_TOPICS`, comma list, default `events`; a name starting with `^` is a
    /// regular expression).
    public var inputTopics = ["events"]
    /// Where predictions go (`EDDY_PREDICTIONS_TOPIC`, default `eddy-predictions`).
    public var predictionsTopic = "eddy-predictions"
    /// Where drift events go (`EDDY_DRIFT_TOPIC`, default `eddy-drift-events`).
    public var driftTopic = "eddy-drift-events"
    /// Where refused records go (`EDDY_DEAD_LETTER_TOPIC`, default `eddy-dead-letters`).
    public var deadLetterTopic = "eddy-dead-letters"
    /// The labels topic (`EDDY_LABELS_TOPIC`); nil when labels come only inside events.
    public var labelsTopic: String?
    /// The port of `/metrics`, `/healthz` and `/readyz` (`EDDY_METRICS_PORT`, default 9464, the port
    /// OpenTelemetry's Prometheus exporter uses; 0 disables the endpoint).
    public var metricsPort = 9464
    /// The address the endpoint listens on (`EDDY_METRICS_HOST`, default `0.0.0.0`).
    public var metricsHost = "0.0.0.0"
    /// The most records taken per poll (`EDDY_BATCH_SIZE`, default 5000). A poll returns what is buffered
    /// without waiting to fill the batch, so a large limit adds little latency (measured: 1000, 2000 and 5000
    /// give the same latency at half load), while a larger batch feeds each partition's model longer runs of
    /// events (leveraging bagging ×10: 76 % of replay speed at 1000, 81 % at 5000). README, "Stream
    /// processor performance".
    public var batchSize = 5000
    /// How many input partitions of a batch are processed at once (`EDDY_WORKERS`, default 0: one per core).
    /// Each partition has its own pipeline and model, so their runs of a batch are independent.
    public var workers = 0
    /// The number of workers ``workers`` asks for (0 becomes the number of active cores).
    public var effectiveWorkers: Int { workers > 0 ? workers : ProcessInfo.processInfo.activeProcessorCount }
    /// How long a poll waits for the first record, in milliseconds (`EDDY_POLL_TIMEOUT_MS`, default 100).
    public var pollTimeoutMilliseconds = 100
    /// How often stored offsets are committed, in milliseconds (`EDDY_COMMIT_INTERVAL_MS`, default 5000).
    public var commitIntervalMilliseconds = 5000
    /// Where state is kept (`EDDY_STATE_DIR`, default `./eddy-state`): today the inferred data dictionary;
    /// checkpoints later.
    public var stateDirectory = "./eddy-state"
    /// The least important log level written (`EDDY_LOG_LEVEL`, default `info`).
    public var logLevel: Logger.Level = .info
    /// How log lines are written (`EDDY_LOG_FORMAT`, default `json`).
    public var logFormat: LogFormat = .json

    /// Creates the default configuration.
    public init() {}

    /// Reads the configuration from `EDDY_` variables.
    /// - Parameter config: the configuration reader (flags over the environment, in the command line).
    /// - Throws: ``ConfigurationKeyError`` naming the first key whose value is not accepted.
    public init(config: ConfigReader) throws {
        let r = ConfigurationKeyReader(config: config)
        if let s = r.raw("EDDY_BROKERS") {
            let parts = s.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            guard !parts.isEmpty, parts.allSatisfy(Self.isHostPort) else {
                throw ConfigurationKeyError(key: "EDDY_BROKERS", value: s, accepted: "a comma list of host:port, such as kafka-1:9092,kafka-2:9092")
            }
            brokers = parts.joined(separator: ",")
        }
        groupID = r.raw("EDDY_GROUP_ID") ?? groupID
        if let s = r.raw("EDDY_INPUT_TOPICS") {
            let topics = s.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard !topics.isEmpty, topics.allSatisfy({ $0.hasPrefix("^") || Self.isTopicName($0) }) else {
                throw ConfigurationKeyError(key: "EDDY_INPUT_TOPICS", value: s, accepted: "a comma list of topic names (letters, digits, '.', '_', '-') or ^regular expressions")
            }
            inputTopics = topics
        }
        predictionsTopic = try Self.topic(r, "EDDY_PREDICTIONS_TOPIC", default: predictionsTopic)
        driftTopic = try Self.topic(r, "EDDY_DRIFT_TOPIC", default: driftTopic)
        deadLetterTopic = try Self.topic(r, "EDDY_DEAD_LETTER_TOPIC", default: deadLetterTopic)
        if r.raw("EDDY_LABELS_TOPIC") != nil { labelsTopic = try Self.topic(r, "EDDY_LABELS_TOPIC", default: "") }
        metricsPort = try r.int("EDDY_METRICS_PORT", default: metricsPort, in: 0...65_535)
        metricsHost = r.raw("EDDY_METRICS_HOST") ?? metricsHost
        batchSize = try r.int("EDDY_BATCH_SIZE", default: batchSize, in: 1...100_000)
        workers = try r.int("EDDY_WORKERS", default: workers, in: 0...256)
        pollTimeoutMilliseconds = try r.int("EDDY_POLL_TIMEOUT_MS", default: pollTimeoutMilliseconds, in: 1...60_000)
        commitIntervalMilliseconds = try r.int("EDDY_COMMIT_INTERVAL_MS", default: commitIntervalMilliseconds, in: 100...3_600_000)
        stateDirectory = r.raw("EDDY_STATE_DIR") ?? stateDirectory
        logLevel = try r.choice("EDDY_LOG_LEVEL", default: logLevel)
        logFormat = try r.choice("EDDY_LOG_FORMAT", default: logFormat)
        let outputs = [predictionsTopic, driftTopic, deadLetterTopic] + (labelsTopic.map { [$0] } ?? [])
        if let clash = inputTopics.first(where: outputs.contains) {
            throw ConfigurationKeyError(key: "EDDY_INPUT_TOPICS", value: clash, accepted: "topics other than the output and labels topics (reading them would loop)")
        }
    }

    static func topic(_ r: ConfigurationKeyReader, _ key: String, default value: String) throws -> String {
        guard let s = r.raw(key) else { return value }
        guard isTopicName(s) else {
            throw ConfigurationKeyError(key: key, value: s, accepted: "a topic name of 1 to 249 letters, digits, '.', '_' or '-'")
        }
        return s
    }

    /// True for a legal Kafka topic name: 1 to 249 of `[a-zA-Z0-9._-]`, not `.` or `..`.
    static func isTopicName(_ s: String) -> Bool {
        guard (1...249).contains(s.utf8.count), s != ".", s != ".." else { return false }
        return s.utf8.allSatisfy { c in
            (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x2E || c == 0x5F || c == 0x2D
        }
    }

    /// True for `host:port` with a port in 1...65535.
    static func isHostPort(_ s: String) -> Bool {
        guard let colon = s.lastIndex(of: ":"), colon != s.startIndex else { return false }
        guard let port = Int(s[s.index(after: colon)...]), (1...65_535).contains(port) else { return false }
        return true
    }

    /// Every key ``init(config:)`` reads, for `eddy config` and `--help`.
    public static let keys: [ConfigurationKeyDoc] = [
        .init(name: "EDDY_BROKERS", type: "string", defaultValue: "localhost:9092", accepted: "host:port[,host:port...]",
              summary: "The Kafka bootstrap brokers."),
        .init(name: "EDDY_GROUP_ID", type: "string", defaultValue: "eddy", accepted: "a consumer group name",
              summary: "The consumer group; instances in one group share the input partitions."),
        .init(name: "EDDY_INPUT_TOPICS", type: "list", defaultValue: "events", accepted: "comma list of topics or ^regex",
              summary: "The topics whose events are predicted and learned."),
        .init(name: "EDDY_PREDICTIONS_TOPIC", type: "string", defaultValue: "eddy-predictions", accepted: "a topic name",
              summary: "Where one prediction per valid event goes, keyed like the input."),
        .init(name: "EDDY_DRIFT_TOPIC", type: "string", defaultValue: "eddy-drift-events", accepted: "a topic name",
              summary: "Where typed drift events go."),
        .init(name: "EDDY_DEAD_LETTER_TOPIC", type: "string", defaultValue: "eddy-dead-letters", accepted: "a topic name",
              summary: "Where refused records go: original bytes plus eddy.reason headers."),
        .init(name: "EDDY_LABELS_TOPIC", type: "string", defaultValue: "", accepted: "a topic name (unset: labels only inside events)",
              summary: "The topic of late labels, {\"id\": ..., \"label\": ...}."),
        .init(name: "EDDY_METRICS_PORT", type: "integer", defaultValue: "9464", accepted: "0...65535 (0 disables)",
              summary: "The port of /metrics, /healthz and /readyz."),
        .init(name: "EDDY_METRICS_HOST", type: "string", defaultValue: "0.0.0.0", accepted: "an IPv4 address",
              summary: "The address the metrics endpoint listens on."),
        .init(name: "EDDY_BATCH_SIZE", type: "integer", defaultValue: "5000", accepted: "1...100000",
              summary: "The most records taken per poll (one batch: processed, published, acknowledged, stored)."),
        .init(name: "EDDY_WORKERS", type: "integer", defaultValue: "0", accepted: "0...256 (0: one per core)",
              summary: "How many input partitions of a batch are processed at once."),
        .init(name: "EDDY_POLL_TIMEOUT_MS", type: "integer", defaultValue: "100", accepted: "1...60000",
              summary: "How long a poll waits for the first record, in milliseconds."),
        .init(name: "EDDY_COMMIT_INTERVAL_MS", type: "integer", defaultValue: "5000", accepted: "100...3600000",
              summary: "How often offsets of acknowledged batches are committed, in milliseconds."),
        .init(name: "EDDY_STATE_DIR", type: "path", defaultValue: "./eddy-state", accepted: "a writable directory",
              summary: "Where state is kept: the inferred data dictionary (inferred-schema.json); checkpoints later."),
        .init(name: "EDDY_LOG_LEVEL", type: "string", defaultValue: "info",
              accepted: Logger.Level.allCases.map(\.rawValue).joined(separator: ", "),
              summary: "The least important log level written."),
        .init(name: "EDDY_LOG_FORMAT", type: "string", defaultValue: "json", accepted: "json, text",
              summary: "Log lines as JSON objects or plain text, on standard error."),
    ]
}
