import Logging

/// Cluster administration for real Kafka clusters: creating topics with partitions, replication and configs.
///
/// The embedded broker does not implement the Admin API (requests time out there); create its topics with
/// ``EmbeddedBroker/createTopic(_:partitions:replicationFactor:)`` instead.
public final class KafkaAdmin: Sendable {
    /// A topic to create.
    public struct NewTopic: Sendable, Hashable {
        /// The topic name.
        public var name: String
        /// The number of partitions (≥ 1; -1 for the broker's `num.partitions`).
        public var partitions: Int
        /// Replicas per partition (≥ 1, at most the number of brokers); -1 for the broker's default.
        public var replicationFactor: Int
        /// Topic configuration entries, e.g. `["cleanup.policy": "compact", "retention.ms": "86400000"]`.
        public var configs: [String: String]

        /// Describes a topic to create.
        ///
        /// - Parameters:
        ///   - name: the topic name.
        ///   - partitions: the number of partitions.
        ///   - replicationFactor: replicas per partition (-1: the broker's `default.replication.factor`).
        ///   - configs: topic-level configuration entries.
        public init(name: String, partitions: Int, replicationFactor: Int = -1, configs: [String: String] = [:]) {
            self.name = name
            self.partitions = partitions
            self.replicationFactor = replicationFactor
            self.configs = configs
        }
    }

    private let client: RDKafkaAdminClient
    private let executor: BlockingExecutor

    /// Creates an admin client.
    ///
    /// - Parameters:
    ///   - bootstrapServers: the brokers to contact first.
    ///   - properties: librdkafka properties passed through unchanged (security settings, timeouts...).
    ///   - logger: receives librdkafka's log lines.
    /// - Throws: ``KafkaError`` (`.configuration`) when librdkafka rejects a property.
    public init(
        bootstrapServers: String, properties: [String: String] = [:],
        logger: Logger = Logger(label: "eddy.kafka.admin")
    ) throws {
        var all = ["bootstrap.servers": bootstrapServers]
        all.merge(properties) { _, explicit in explicit }
        client = try RDKafkaAdminClient(properties: all, logger: logger)
        executor = BlockingExecutor(label: "eddy.kafka.admin.\(client.handle.name)")
    }

    /// Creates topics and waits for the controller's answer (off the cooperative pool).
    ///
    /// - Parameters:
    ///   - topics: the topics to create.
    ///   - ignoreExisting: whether a topic that already exists counts as success.
    ///   - timeout: how long the brokers may take.
    /// - Throws: ``KafkaError`` for the first topic that could not be created (`.topicAlreadyExists`,
    ///   `.invalidArgument`, `.authorization`...), or `.timedOut` when the cluster did not answer.
    public func createTopics(_ topics: [NewTopic], ignoreExisting: Bool = false, timeout: Duration = .seconds(30)) async throws {
        for topic in topics {
            guard !topic.name.isEmpty, topic.partitions >= 1 || topic.partitions == -1,
                topic.replicationFactor >= 1 || topic.replicationFactor == -1
            else {
                throw KafkaError(
                    code: .invalidArgument,
                    message: "A new topic needs a name, partitions ≥ 1 (or -1) and a replication factor ≥ 1 (or -1).",
                    context: [KafkaMetadataKey.topic: topic.name, KafkaMetadataKey.partitions: String(topic.partitions),
                              KafkaMetadataKey.replicationFactor: String(topic.replicationFactor)])
            }
        }
        let client = self.client
        let milliseconds = timeout.milliseconds
        let results = try await executor.run {
            try client.createTopics(topics, timeoutMilliseconds: milliseconds).map { $0.1 }
        }
        for case let error? in results where !(ignoreExisting && error.code == .topicAlreadyExists) {
            throw error
        }
    }
}
