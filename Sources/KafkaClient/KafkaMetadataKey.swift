/// The dotted keys of the Kafka layer's log metadata and ``KafkaError/context``, kept in one place.
///
/// Callers can read an error's context with them (`error.context[KafkaMetadataKey.topic]`) and log
/// processors can index them.
public enum KafkaMetadataKey {
    /// The librdkafka operation that failed (`commit`, `seek`, `produce`, `create topics`...).
    public static let operation = "kafka.operation"
    /// A topic name.
    public static let topic = "kafka.topic"
    /// A list of topic names.
    public static let topics = "kafka.topics"
    /// A partition number.
    public static let partition = "kafka.partition"
    /// A number of partitions.
    public static let partitions = "kafka.partitions"
    /// A replication factor.
    public static let replicationFactor = "kafka.replication_factor"
    /// A broker id.
    public static let broker = "kafka.broker"
    /// A number of brokers.
    public static let brokers = "kafka.brokers"
    /// librdkafka's name for a client instance (`rdkafka#consumer-3`).
    public static let client = "kafka.client"
    /// The rendered ``KafkaError`` in a log line.
    public static let error = "kafka.error"
    /// A rejected configuration property.
    public static let configKey = "kafka.config_key"
    /// The rejected value (redacted for secrets).
    public static let configValue = "kafka.config_value"
    /// librdkafka's log facility.
    public static let facility = "kafka.facility"
    /// A rebalance event.
    public static let rebalance = "kafka.rebalance"
    /// Whether the group uses the cooperative protocol.
    public static let cooperative = "kafka.cooperative"
    /// Messages not yet acknowledged.
    public static let outstanding = "kafka.outstanding"
    /// The position of the first failed message in a batch.
    public static let batchIndex = "kafka.batch_index"
    /// How many messages of a batch failed.
    public static let batchFailures = "kafka.batch_failures"
}
